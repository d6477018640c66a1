import { useT } from '../lib/i18n.tsx';

export interface DiffParagraph {
  id: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  parts: { value: string; added: boolean; removed: boolean }[];
}

/**
 * Two versions of a text side by side, paragraph by paragraph: the earlier on the left with
 * what was removed struck through, the later on the right with what was added marked. The
 * marks are <del> and <ins> (read out as such, and printed), not colour alone.
 */
export function DiffView({
  from,
  to,
  paragraphs,
}: {
  from: number;
  to: number;
  paragraphs: DiffParagraph[];
}) {
  const t = useT();
  if (paragraphs.length === 0) return <p className="empty">{t('diff.none')}</p>;
  return (
    <table className="diff">
      <caption>{t('diff.caption', { from, to })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('diff.version', { version: from })}</th>
          <th scope="col">{t('diff.version', { version: to })}</th>
        </tr>
      </thead>
      <tbody>
        {paragraphs.map((p) => (
          <tr key={p.id} className={`diff-${p.change}`} data-change={p.change}>
            <td>
              {p.change !== 'added' &&
                p.parts
                  .filter((part) => !part.added)
                  .map((part, i) =>
                    part.removed ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                      <del key={i}>{part.value}</del>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                      <span key={i}>{part.value}</span>
                    ),
                  )}
            </td>
            <td>
              {p.change !== 'removed' &&
                p.parts
                  .filter((part) => !part.removed)
                  .map((part, i) =>
                    part.added ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                      <ins key={i}>{part.value}</ins>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                      <span key={i}>{part.value}</span>
                    ),
                  )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
