import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // A busy 2-core machine can take seconds to answer: poll UI assertions for long enough (vitest's default is 1 s).
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
