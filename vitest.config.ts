import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that need a process of their own: database/HTTP suites (`*.db.test.ts`, TEST_DB read at import time). */
const FORKED = ['src/**/*.db.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // vitest's default is one worker on a 2-core machine (CPUs − 1); the suites wait on disk and on PostgreSQL often
    // enough that two run faster (measured: 230 s → 166 s for the whole suite on SQLite).
    maxWorkers: 2,
    projects: [
      {
        // Pure domain, files, CLI and web logic: no database, no server, no module-level state that leaks between
        // files. Worker threads without per-file isolation start in milliseconds and share the module graph.
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...FORKED],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        // Database and HTTP suites: one child process per file, isolated (fresh database, env, native handles).
        extends: true,
        test: {
          name: 'db',
          include: FORKED,
          pool: 'forks',
          isolate: true,
        },
      },
    ],
  },
});
