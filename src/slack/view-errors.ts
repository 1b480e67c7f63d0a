// A refused modal submission: one translated message per input, keyed by block_id, as Slack's
// `response_action: "errors"` expects.
import type { Problem } from '../problems.js';
import type { Translate } from '../i18n/index.js';

export function viewErrors(t: Translate, problems: Problem[]): { response_action: 'errors'; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    // The first problem of an input is the one shown; Slack shows one line per input.
    errors[problem.field] ??= t(problem.key, problem.params);
  }
  return { response_action: 'errors', errors };
}
