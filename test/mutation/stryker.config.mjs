// Mutation testing (StrykerJS, `npm run test:mutation`; not in CI: it takes a long while). It
// mutates the modules whose mistakes would hurt most and checks that some test fails for each
// mutant: the pure domain (schedule, flags, access rules), who a Slack user is taken to be (the
// first half of the access step every request passes), idempotent submissions, exactly-once post
// claims, the legal-flag check and log redaction. Reports go to tmp/mutation/ (git-ignored); the
// scores are in the README.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    // The access rules (domain/access.ts) are in the domain; who the asker is, beside them.
    'src/domain/**/*.ts',
    'src/features/staff/actor.ts',
    'src/db/idempotency.ts',
    'src/db/claims.ts',
    'src/features/due-lists/claims.ts',
    'src/features/reports/claims.ts',
    'src/features/legal-flags/check.ts',
    'src/logger.ts',
  ],
  // Only what the tests import is copied into the sandbox.
  ignorePatterns: ['/bench', '/deploy', '/dist', '/data', '/coverage', '/tmp', '/.vitest-cache'],
  tempDirName: 'tmp/stryker',
  cleanTempDir: true,
  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'tmp/mutation/index.html' },
  jsonReporter: { fileName: 'tmp/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
  // Only mutants whose code or tests changed are run again (the file is kept between runs).
  incremental: true,
  incrementalFile: 'tmp/mutation/incremental.json',
  timeoutMS: 20_000,
  // The instrumented first run of every test file takes minutes (longer on a shared machine).
  dryRunTimeoutMinutes: 20,
};
