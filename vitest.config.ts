import { defineConfig } from 'vitest/config';

// One suite, run once per database: SHEZU_TEST_DB=pglite (in-memory) or postgres (TEST_DATABASE_URL).
// scripts/run-tests.mjs runs both and prints the combined `N passed, N failed`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
