import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    // Each test file opens its own temporary SQLite database, so files run in parallel safely.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
