// A user's mistake as a value: which input it belongs to and the catalog key that explains it.
// Use cases return problems instead of throwing; the edge that received the input (a modal, a
// spreadsheet import) decides how to show them. Inputs are parsed one zod schema each, and every
// input is checked (not just up to the first problem), so the user sees all that is wrong at once.
import type { z } from 'zod';
import { messages, type MessageKey, type Params } from './i18n/index.js';

export interface Problem {
  /** The input the problem belongs to (a modal's block_id, a sheet's column). */
  field: string;
  key: MessageKey;
  params?: Params;
}

/** What a submitted form's inputs hold: text, a chosen option, user or date; a checkbox group's ticked values. */
export type FormInput = Partial<Record<string, string | string[] | null | undefined>>;

export type Fields = Record<string, z.ZodType>;
export type Values<F extends Fields> = { [K in keyof F]: z.output<F[K]> };

export interface Parsed<F extends Fields> {
  /** The inputs that parsed; an input with a problem is absent. */
  values: Partial<Values<F>>;
  problems: Problem[];
}

const isKey = (message: string): message is MessageKey => message in messages['zh-CN'];

/**
 * One zod schema per input, whose error message is a catalog key. `fallback`: the key for a
 * schema error that is not a catalog key (an unexpected shape); `paramsFor`: placeholders a key
 * needs (a maximum length, today's date…).
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
