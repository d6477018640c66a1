// The PostgreSQL target: the extension point for the dialect being added beside SQLite.
// Baseline B there is raw `pg` with a named prepared statement (`{ name, text, values }`, so
// the server parses and plans it once per connection) behind Fastify, answering the same JSON.
// It runs when BENCH_DATABASE_URL names a PostgreSQL server; until load() is written (the data
// through the PostgreSQL migrations, the same rows as sqlite.ts, the search index through the
// application's tsvector module) the runner prints why it skipped it.
import type { Target } from './target.ts';

export const postgresTarget: Target = {
  dialect: 'postgres',
  label: 'PostgreSQL (pg)',
  baseline: 'Fastify + raw pg with a named prepared statement',
  skipReason: () => {
    const url = process.env.BENCH_DATABASE_URL;
    if (url === undefined || url === '') return 'BENCH_DATABASE_URL is not set';
    if (!/^postgres(ql)?:\/\//.test(url)) return 'BENCH_DATABASE_URL is not a postgres:// URL';
    return 'the PostgreSQL target is not written yet (bench/targets/postgres.ts: load and baseline B)';
  },
  load: async () => {
    throw new Error('the PostgreSQL target is not written yet (bench/targets/postgres.ts)');
  },
};
