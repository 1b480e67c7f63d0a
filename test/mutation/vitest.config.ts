// The test files Stryker runs against the mutated modules (stryker.config.mjs): those that test
// them directly, not the whole suite, which takes minutes a run and would be rerun for every
// mutant it happens to reach (a file that starts the bot takes half a minute, and reaches most
// of the domain). Quick files run first, so that most mutants are killed (and the
// run stopped) in seconds; the checks over hundreds of pseudo-random clients, and the files that
// start a database or a bot, come last.
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * MUTATION_TESTS=domain runs the domain's own tests only (test/domain): for the pure modules
 * that every other test also reaches, a mutant that survives would otherwise wait for the files
 * that start a database, half a minute each, and a run of the whole domain takes hours.
 */
const DOMAIN_ONLY = process.env.MUTATION_TESTS === 'domain';

const ALL_TESTS = [
  'test/logger.test.ts',
  'test/domain/**/*.test.ts',
  'test/db/idempotency*.test.ts',
  'test/db/claims*.test.ts',
  'test/db/races.test.ts',
  'test/features/legal-flags-check.test.ts',
  'test/features/actor.test.ts',
];
const TESTS = DOMAIN_ONLY ? ['test/domain/**/*.test.ts'] : ALL_TESTS;

/** Files in the order they run, by path prefix; a file matching none runs last. */
const ORDER = [
  'test/logger.test.ts',
  'test/domain/',
  'test/domain/due-scan.test.ts',
  'test/domain/overdue.test.ts',
  'test/db/',
  'test/features/',
];

/** The position of the longest prefix of ORDER the file starts with. */
function rank(spec: TestSpecification): number {
  const file = relative(ROOT, spec.moduleId).split(sep).join('/');
  let best = ORDER.length;
  ORDER.forEach((prefix, index) => {
    if (file.startsWith(prefix) && (best === ORDER.length || prefix.length > ORDER[best]!.length)) best = index;
  });
  return best;
}

class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  root: ROOT,
  test: {
    include: TESTS,
    globalSetup: ['test/mutation/global-setup.ts'],
    sequence: { sequencer: QuickFirst },
    // The instrumented code of the initial run, which records which test reaches which mutant,
    // is many times slower than the plain code.
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
