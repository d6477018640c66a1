/**
 * The query helpers whose SQL differs between SQLite and PostgreSQL. Services import them from
 * here, never from `kysely/helpers/<dialect>`, so that adding PostgreSQL changes this file and
 * the full-text search module (modules/search/search-index.ts) and nothing else.
 */
export { jsonArrayFrom } from 'kysely/helpers/sqlite';
