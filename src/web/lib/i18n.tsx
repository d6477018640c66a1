import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import en from '../i18n/en.json';

export const LOCALES = ['en', 'fr', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageId = keyof typeof en;
type Catalogue = Record<MessageId, string>;

const LOCALE_KEY = 'council.locale';
const ZONE_KEY = 'council.timeZone';

const loaders: Record<Locale, () => Promise<Catalogue>> = {
  en: async () => en,
  fr: async () => (await import('../i18n/fr.json')).default as Catalogue,
  ru: async () => (await import('../i18n/ru.json')).default as Catalogue,
};

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's first language we have, else English. */
export function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function initialTimeZone(): string {
  return (
    globalThis.localStorage?.getItem(ZONE_KEY) ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  );
}

interface Preferences {
  locale: Locale;
  timeZone: string;
  setLocale: (locale: Locale) => void;
  setTimeZone: (zone: string) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside LocaleProvider');
  return value;
}

/** react-intl with the chosen language and time zone, both remembered in this browser. */
export function LocaleProvider({
  children,
  locale: fixedLocale,
  timeZone: fixedZone,
}: {
  children: ReactNode;
  locale?: Locale;
  timeZone?: string;
}) {
  const [locale, setLocaleState] = useState<Locale>(fixedLocale ?? initialLocale);
  const [timeZone, setZoneState] = useState<string>(fixedZone ?? initialTimeZone);
  const [messages, setMessages] = useState<{ locale: Locale; catalogue: Catalogue }>({
    locale: 'en',
    catalogue: en,
  });
  useEffect(() => {
    let live = true;
    void loaders[locale]().then((catalogue) => {
      if (live) setMessages({ locale, catalogue });
    });
    return () => {
      live = false;
    };
  }, [locale]);
  useEffect(() => {
    document.documentElement.lang = messages.locale;
  }, [messages.locale]);
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  const setTimeZone = useCallback((zone: string) => {
    globalThis.localStorage?.setItem(ZONE_KEY, zone);
    setZoneState(zone);
  }, []);
  return (
    <PreferencesContext.Provider value={{ locale, timeZone, setLocale, setTimeZone }}>
      <IntlProvider
        locale={messages.locale}
        messages={messages.catalogue}
        defaultLocale="en"
        timeZone={timeZone}
      >
        {children}
      </IntlProvider>
    </PreferencesContext.Provider>
  );
}

/** `t('meeting.agree')`: a message of the catalogue, typed by its id. */
export function useT() {
  const intl = useIntl();
  return useCallback(
    (id: MessageId, values?: Record<string, string | number | Date>) =>
      intl.formatMessage({ id }, values),
    [intl],
  );
}
