// A modal submission's inputs as plain data (FormInput in src/problems.ts), read from the
// `view.state.values` Slack sends; every input's action_id is its block_id.
import type { FormInput } from '../problems.js';

/** The `view.state.values` of a view submission, as Slack sends them. */
type StateValues = Record<string, Record<string, { type?: string; value?: string | null; selected_date?: string | null; selected_user?: string | null; selected_option?: { value?: string } | null; selected_options?: { value?: string }[] }>>;

/**
 * Each input's value keyed by block_id. A checkbox group gives the list of its ticked values;
 * any other input its one value, or null when empty.
 */
export function formValues(values: StateValues): FormInput {
  const input: FormInput = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const action = actions[blockId];
    if (!action) continue;
    input[blockId] =
      action.type === 'checkboxes'
        ? (action.selected_options ?? []).flatMap((o) => (o.value === undefined ? [] : [o.value]))
        : (action.selected_option?.value ?? action.selected_user ?? action.selected_date ?? action.value ?? null);
  }
  return input;
}
