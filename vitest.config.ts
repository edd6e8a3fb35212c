import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Forks, not threads: a native fault must not take the runner down with it, and the sanitizer
    // run preloads its runtime into each child process.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
