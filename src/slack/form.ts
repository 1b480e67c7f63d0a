// A modal submission parsed input by input: one zod schema per block_id, whose error message
// is a catalog key. Every input is checked (not just up to the first problem), so the user
// sees all that is wrong at once, each under its own input.
import type { z } from 'zod';
import { messages, type MessageKey, type Params } from '../i18n/index.js';
import type { Problem } from './view-errors.js';

export type Fields = Record<string, z.ZodType>;
export type Values<F extends Fields> = { [K in keyof F]: z.output<F[K]> };

export interface Parsed<F extends Fields> {
  /** The inputs that parsed; an input with a problem is absent. */
  values: Partial<Values<F>>;
  problems: Problem[];
}

const isKey = (message: string): message is MessageKey => message in messages['zh-CN'];

/**
 * `fallback`: the key for a schema error that is not a catalog key (an unexpected shape);
 * `paramsFor`: placeholders a key needs (a maximum length, today's date…).
 */
export function parseFields<F extends Fields>(
  fields: F,
  input: Record<string, unknown>,
  fallback: MessageKey,
  paramsFor: (key: MessageKey) => Params | undefined = () => undefined,
): Parsed<F> {
  const values: Partial<Record<string, unknown>> = {};
  const problems: Problem[] = [];
  for (const [field, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(input[field]);
    if (parsed.success) {
      values[field] = parsed.data;
      continue;
    }
    const message = parsed.error.issues[0]!.message;
    const key = isKey(message) ? message : fallback;
    const params = paramsFor(key);
    problems.push({ field, key, ...(params ? { params } : {}) });
  }
  return { values: values as Partial<Values<F>>, problems };
}

/** What a submitted modal's inputs hold: text, a chosen option, user or date; a checkbox group's ticked values. */
export type FormInput = Partial<Record<string, string | string[] | null | undefined>>;

/** The `view.state.values` of a view submission, as Slack sends them. */
type StateValues = Record<string, Record<string, { type?: string; value?: string | null; selected_date?: string | null; selected_user?: string | null; selected_option?: { value?: string } | null; selected_options?: { value?: string }[] }>>;

/**
 * Each input's value keyed by block_id — every input's action_id is its block_id. A checkbox
 * group gives the list of its ticked values; any other input its one value, or null when empty.
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
