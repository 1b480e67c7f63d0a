// The visit and check-in forms as zod schemas, one per input and keyed by its block_id, so
// every problem lands on the input it belongs to. Each input is parsed on its own: a bad date
// does not hide an unknown option, and the database checks still run on the inputs that parsed.
// Shape only here; what needs the client or the calendar is checked in record.ts.
import { z } from 'zod';
import { isLocalDate } from '../../domain/dates.js';
import { HELP_KINDS, VISIT_KINDS, type UrineResult } from '../../domain/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { parseFields, type Fields, type Parsed, type Values } from '../../problems.js';
import { CHECKIN, MAX_NOTES, URINE_CHOICES, VISIT } from './ids.js';

import type { FormInput } from '../../problems.js';
export type { FormInput };

// A message is a catalog key: "required" when nothing was chosen, `key` for anything else.
const says = (key: MessageKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'visits.error.required' : key),
  abort: true,
});

const date = z.string(says('visits.error.date')).refine(isLocalDate, says('visits.error.date'));

const commonFields = {
  // Ids are positive int4 values; anything else cannot be a client.
  [VISIT.client]: z.string(says('visits.error.client')).regex(/^[1-9]\d{0,8}$/, says('visits.error.client')).transform(Number),
  [VISIT.date]: date,
  [VISIT.urine]: z
    .enum(URINE_CHOICES, says('visits.error.option'))
    .transform((v): UrineResult | null => (v === 'none' ? null : v)),
  [VISIT.notes]: z
    .string(says('visits.error.notes'))
    .trim()
    .max(MAX_NOTES, says('visits.error.notes'))
    .nullish()
    .transform((v) => v || null),
};

export const visitFields = {
  ...commonFields,
  [VISIT.kind]: z.enum(VISIT_KINDS, says('visits.error.option')),
  [VISIT.help]: z
    .array(z.enum(HELP_KINDS, says('visits.error.option')), says('visits.error.option'))
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  [VISIT.next]: date.nullish().transform((v) => v ?? null),
};

export const checkInFields = {
  [CHECKIN.client]: commonFields[CHECKIN.client],
  [CHECKIN.date]: commonFields[CHECKIN.date],
  [CHECKIN.urine]: commonFields[CHECKIN.urine],
  [CHECKIN.notes]: commonFields[CHECKIN.notes],
};

export type { Fields, Parsed, Values } from '../../problems.js';
export type VisitValues = Values<typeof visitFields>;
export type CheckInValues = Values<typeof checkInFields>;

export function parseForm<F extends Fields>(fields: F, input: FormInput): Parsed<F> {
  return parseFields(fields, input, 'visits.error.option', (key) => (key === 'visits.error.notes' ? { max: MAX_NOTES } : undefined));
}
