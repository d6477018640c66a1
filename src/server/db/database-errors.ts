/**
 * What a refused statement broke, in the same words on both dialects: better-sqlite3's own
 * messages (`CHECK constraint failed: users.roles`, `UNIQUE constraint failed: t.a`), and the
 * same sentences made from what PostgreSQL reports (its error code, the constraint, the key).
 * An import names the row and this, whichever database refused it.
 */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const pg = error as Error & {
    code?: string;
    table?: string;
    constraint?: string;
    detail?: string;
  };
  if (typeof pg.code !== 'string' || !/^[0-9A-Z]{5}$/.test(pg.code)) return error.message;
  switch (pg.code) {
    case '23514': {
      // Vocabulary checks are named <table>_<column>_vocabulary (migrations-postgres/).
      const vocabulary = pg.constraint?.match(/^(\w+?)_(\w+)_vocabulary$/);
      const what = vocabulary ? `${vocabulary[1]}.${vocabulary[2]}` : pg.constraint;
      return `CHECK constraint failed: ${what ?? 'unknown'}`;
    }
    case '23505': {
      const columns = pg.detail?.match(/^Key \((.+?)\)=/)?.[1]?.split(', ') ?? [];
      const names = columns.map((c) => `${pg.table}.${c.replaceAll('"', '')}`).join(', ');
      return `UNIQUE constraint failed: ${names || pg.constraint || 'unknown'}`;
    }
    case '23503':
      return `FOREIGN KEY constraint failed: ${pg.detail ?? pg.constraint ?? 'unknown'}`;
    case '23502':
      return `NOT NULL constraint failed: ${pg.table}.${(pg as { column?: string }).column}`;
    default:
      return error.message;
  }
}
