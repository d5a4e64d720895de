import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the migrated PGlite template once per run (skipped on PostgreSQL).
    globalSetup: ['test/helpers/pglite-template.ts'],
    // PGlite starts slowly and each instance takes ~300 MB: keep to the 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
