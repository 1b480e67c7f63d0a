// The mutation run's global setup: the migrated database the test files copy, without the
// build the full suite's setup starts with (no test run here starts the compiled bot, and the
// sources in Stryker's sandbox are instrumented).
import type { TestProject } from 'vitest/node';
import { provideMigratedDatabase } from '../support/global-setup.js';

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return provideMigratedDatabase(project);
}
