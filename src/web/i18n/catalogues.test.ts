import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

const web = fileURLToPath(new URL('..', import.meta.url));
const catalogues = { en, fr, ru } as Record<string, Record<string, string>>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the message catalogues', () => {
  it('give every message in English, French and Russian, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    for (const [lang, messages] of Object.entries(catalogues)) {
      expect(Object.keys(messages).sort(), lang).toEqual(keys);
      for (const [key, message] of Object.entries(messages)) {
        expect(message.trim(), `${lang} ${key}`).not.toBe('');
        const placeholders = (m: string) => [...m.matchAll(/\{(\w+)/g)].map((x) => x[1]).sort();
        expect(placeholders(message), `${lang} ${key}`).toEqual(
          placeholders((en as Record<string, string>)[key] ?? ''),
        );
        expect(() => parse(message), `${lang} ${key}`).not.toThrow();
      }
    }
  });

  it('have every message id the screens ask for', () => {
    const missing: string[] = [];
    for (const file of sources(web)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.-]+)'/g)) {
        if (!((m[1] as string) in en)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('are really translated: the French and Russian differ from the English where words are', () => {
    const same = (lang: 'fr' | 'ru') =>
      Object.keys(en).filter((k) => catalogues[lang]?.[k] === (en as Record<string, string>)[k]);
    // A few words are the same in French (Public, Format, Sources...); Russian shares none.
    expect(same('ru')).toEqual([]);
    expect(same('fr').length).toBeLessThan(25);
  });
});
