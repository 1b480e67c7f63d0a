// The absence form as zod schemas, one per input and keyed by its block_id, so every problem
// lands on the input it belongs to; then the rules between the dates, against today and the
// client's term start. What needs the other absences is checked in record.ts.
import { z } from 'zod';
import { compareDates, isLocalDate, type LocalDate } from '../../domain/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import { parseFields, type Parsed, type Values } from '../../problems.js';
import type { Problem } from '../../problems.js';
import { ABSENCE_FORM, MAX_NOTES } from './ids.js';

import type { FormInput } from '../../problems.js';
export type { FormInput };

const says = (key: MessageKey) => ({ error: key, abort: true });

const date = z.string(says('absences.error.date')).refine(isLocalDate, says('absences.error.date'));

export const absenceFields = {
  [ABSENCE_FORM.from]: date,
  /** Empty while the client is still away. */
  [ABSENCE_FORM.until]: date.nullish().transform((v) => v ?? null),
  [ABSENCE_FORM.notes]: z
    .string(says('absences.error.notes'))
    .trim()
    .max(MAX_NOTES, says('absences.error.notes'))
    .nullish()
    .transform((v) => v || null),
};

export type AbsenceValues = Values<typeof absenceFields>;

export function parseForm(input: FormInput): Parsed<typeof absenceFields> {
  return parseFields(absenceFields, input, 'absences.error.invalid', (key) => (key === 'absences.error.notes' ? { max: MAX_NOTES } : undefined));
}

/**
 * The dates against each other, today and the term: nothing after today (an absence is
 * recorded once it began, its end once it is over), nothing before the term start.
 */
export function dateProblems(values: Partial<AbsenceValues>, bounds: { today: LocalDate; termStart: LocalDate }): Problem[] {
  const problems: Problem[] = [];
  const { from, until } = values;
  const { today, termStart } = bounds;
  if (from !== undefined) {
    if (compareDates(from, today) > 0) problems.push({ field: ABSENCE_FORM.from, key: 'absences.error.future', params: { today } });
    else if (compareDates(from, termStart) < 0) problems.push({ field: ABSENCE_FORM.from, key: 'absences.error.beforeTerm', params: { start: termStart } });
  }
  if (until) {
    if (compareDates(until, today) > 0) problems.push({ field: ABSENCE_FORM.until, key: 'absences.error.future', params: { today } });
    else if (from !== undefined && compareDates(until, from) < 0) problems.push({ field: ABSENCE_FORM.until, key: 'absences.error.untilBefore' });
  }
  return problems;
}
