import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Generous: a few tests start real processes or fresh databases; speed lives in bench/.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Test files share one machine with 2 cores; more workers only queue on the CPU.
    maxWorkers: 2,
  },
});
