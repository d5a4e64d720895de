import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: [
      // Builds the migrated PGlite template once per run (cloned per test database, copied per DATA_DIR).
      'test/helpers/pglite-template.ts',
      // Bundles the CLI entries once per run: child-process tests run them with plain node.
      'test/helpers/build-entries.ts',
    ],
    // PGlite starts slowly and each instance takes ~300 MB: keep to the 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    // Test files share their worker's loaded modules instead of importing everything again
    // (190 s -> 90 s on 2 cores). Every file opens and closes its own database, src keeps no
    // module-level state, and the suite passes with the file order shuffled
    // (npx vitest run --sequence.shuffle.files); Bolt's global fetch is then shared, as in npm start.
    isolate: false,
    // Timeouts only catch a hang: no test may fail because a busy machine is slow.
    // A test that waits for something waits on the event itself, never on a clock.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
