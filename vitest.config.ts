import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Every test file runs on SQLite; when TEST_DATABASE_URL names a PostgreSQL server (.ci/run
// sets it), the files that touch a database run on PostgreSQL as well, each in a schema of its
// own (tests/support/test-database.ts).
const postgres = process.env.TEST_DATABASE_URL;

const shared = {
  setupFiles: ['tests/support/setup.ts'],
  // Each test file opens its own databases, so files run in parallel safely.
  pool: 'forks' as const,
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    // Vitest runs one file at a time on a two-core machine (cores minus one); most files wait on
    // PostgreSQL or a browser as much as they compute, so two at once keep .ci/run in time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
          env: { COUNCIL_TEST_DIALECT: 'sqlite' },
        },
      },
      ...(postgres
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                globalSetup: ['tests/support/postgres-global-setup.ts'],
                include: ['src/server/**/*.test.ts', 'tests/**/*.test.ts'],
                exclude: ['tests/web/**'],
                env: { COUNCIL_TEST_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
