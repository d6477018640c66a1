import { Link } from 'react-router';
import { usePageTitle } from '../components/common.tsx';
import { useT } from '../lib/i18n.tsx';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}
