// The intake form as zod schemas, one per input and keyed by its block_id, so every problem
// lands on the input it belongs to. Each input is parsed on its own: a bad case number does
// not hide a bad date, and the database checks can still run on the inputs that parsed.
import { z } from 'zod';
import { compareDates, isLocalDate, type LocalDate } from '../../domain/dates.js';
import { nameProblem } from '../../domain/names.js';
import { LAW } from '../../domain/rules.js';
import { SLACK_USER_ID } from '../../domain/slack-ids.js';
import { PROGRAMS } from '../../domain/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { parseFields, type FormInput } from '../../problems.js';
import type { Problem } from '../../problems.js';
import { INTAKE, MAX_ALIAS, MAX_CASE_NUMBER, MAX_NOTES, MAX_TERM_MONTHS } from './ids.js';

/** What the intake form sends (read by src/slack/form.ts). */
export type IntakeInput = FormInput;

const CASE_NUMBER = new RegExp(`^[A-Za-z0-9-]{1,${MAX_CASE_NUMBER}}$`);

// A message is a catalog key; `abort` keeps later checks from running on a value already refused.
const says = (key: MessageKey) => ({ error: key, abort: true });

const optionalUser = z
  .string(says('clients.intake.error.person'))
  .regex(SLACK_USER_ID, says('clients.intake.error.person'))
  .nullish()
  .transform((v) => v ?? undefined);

/** An optional datepicker for a past date: a date, not after today. */
const pastDate = (today: LocalDate, invalid: MessageKey, future: MessageKey) =>
  z
    .string(says(invalid))
    .refine(isLocalDate, says(invalid))
    .refine((d) => compareDates(d, today) <= 0, says(future))
    .nullish()
    .transform((v) => v ?? undefined);

/** An optional datepicker for the history before registration. */
const priorDate = (today: LocalDate) => pastDate(today, 'clients.intake.error.lastDate', 'clients.intake.error.lastDate.future');

/** The decided term in whole months (number_input sends text); empty is the full three years. */
const termMonths = z
  .string(says('clients.intake.error.termMonths'))
  .trim()
  .regex(/^\d{1,2}$/, says('clients.intake.error.termMonths'))
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_TERM_MONTHS, says('clients.intake.error.termMonths'))
  .nullish()
  .transform((v) => v ?? MAX_TERM_MONTHS);

export function intakeFields(today: LocalDate) {
  return {
    [INTAKE.caseNumber]: z.string(says('clients.intake.error.caseNumber')).trim().regex(CASE_NUMBER, says('clients.intake.error.caseNumber')),
    [INTAKE.alias]: z
      .string(says('clients.intake.error.alias'))
      .trim()
      // Characters as people count them: 赵某甲 is three.
      .refine((v) => [...v].length >= 1 && [...v].length <= MAX_ALIAS, says('clients.intake.error.alias'))
      // Shown in channels and reports: one line of visible text.
      .refine((v) => nameProblem(v) === null, says('clients.intake.error.alias.unsafe')),
    [INTAKE.community]: z
      .string(says('clients.intake.error.community'))
      .regex(/^[1-9]\d{0,8}$/, says('clients.intake.error.community'))
      .transform(Number),
    [INTAKE.program]: z.enum(PROGRAMS, says('clients.intake.error.program')),
    [INTAKE.startDate]: z
      .string(says('clients.intake.error.startDate'))
      .refine(isLocalDate, says('clients.intake.error.startDate'))
      .refine((d) => compareDates(d, today) <= 0, says('clients.intake.error.startDate.future')),
    [INTAKE.termMonths]: termMonths,
    [INTAKE.notReportedYet]: z
      .array(z.enum(['yes'], says('clients.intake.error.failed')), says('clients.intake.error.failed'))
      .nullish()
      .transform((v) => (v ?? []).includes('yes')),
    [INTAKE.originalStartDate]: pastDate(today, 'clients.intake.error.originalStartDate', 'clients.intake.error.startDate.future'),
    [INTAKE.decisionDate]: pastDate(today, 'clients.intake.error.decisionDate', 'clients.intake.error.startDate.future'),
    [INTAKE.caseworker]: z.string(says('clients.intake.error.caseworker')).regex(SLACK_USER_ID, says('clients.intake.error.caseworker')),
    [INTAKE.police]: optionalUser,
    [INTAKE.gridWorker]: optionalUser,
    [INTAKE.volunteer]: optionalUser,
    [INTAKE.lastVisit]: priorDate(today),
    [INTAKE.lastCheckIn]: priorDate(today),
    [INTAKE.lastTest]: priorDate(today),
    [INTAKE.notes]: z
      .string(says('clients.intake.error.notes'))
      .trim()
      .max(MAX_NOTES, says('clients.intake.error.notes'))
      .nullish()
      .transform((v) => v || undefined),
  };
}

type Fields = ReturnType<typeof intakeFields>;
export type IntakeValues = { [K in keyof Fields]: z.output<Fields[K]> };

export interface ParsedIntake {
  /** The inputs that parsed; an input with a problem is absent. */
  values: Partial<IntakeValues>;
  problems: Problem[];
}

const PRIOR_FIELDS = [INTAKE.lastVisit, INTAKE.lastCheckIn, INTAKE.lastTest] as const;

/** Refuses `field` (already parsed) with `key`. */
function refuse(parsed: ParsedIntake, field: keyof IntakeValues, key: MessageKey, params: Record<string, string>): void {
  delete parsed.values[field];
  parsed.problems.push({ field, key, params });
}

export function parseIntake(input: IntakeInput, today: LocalDate): ParsedIntake {
  const parsed = parseFields(intakeFields(today), input, 'clients.intake.error.failed', (key) =>
    key.endsWith('.future') ? { today } : undefined,
  );
  const v = parsed.values;
  // 社区戒毒 lasts three years by law (禁毒法 Art. 33); only 社区康复 has a decided term.
  if (v[INTAKE.program] === 'community_treatment' && v[INTAKE.termMonths] !== undefined && v[INTAKE.termMonths] !== LAW.treatmentTermMonths) {
    refuse(parsed, INTAKE.termMonths, 'clients.intake.error.termMonths.treatment', {});
  }
  if (v[INTAKE.notReportedYet]) {
    // Registered on the decision: no report-in yet, so no term and no history of it (Art. 14, 38).
    if (v[INTAKE.decisionDate] === undefined && !parsed.problems.some((p) => p.field === INTAKE.decisionDate)) {
      parsed.problems.push({ field: INTAKE.decisionDate, key: 'clients.intake.error.notReportedYet.decision' });
    }
    for (const field of [INTAKE.originalStartDate, ...PRIOR_FIELDS]) {
      if (v[field] !== undefined) refuse(parsed, field, 'clients.intake.error.notReportedYet.history', {});
    }
    // The report-in date the form always offers is not used.
    const startProblem = parsed.problems.findIndex((p) => p.field === INTAKE.startDate);
    if (startProblem >= 0) parsed.problems.splice(startProblem, 1);
    delete v[INTAKE.startDate];
    return parsed;
  }
  const reported = v[INTAKE.startDate];
  const original = v[INTAKE.originalStartDate];
  if (reported !== undefined && original !== undefined && compareDates(original, reported) > 0) {
    refuse(parsed, INTAKE.originalStartDate, 'clients.intake.error.originalStartDate.afterStart', { start: reported });
  }
  // The term starts at the first report-in: the original one of a transfer (Art. 22).
  const start = v[INTAKE.originalStartDate] ?? reported;
  const decision = v[INTAKE.decisionDate];
  if (start !== undefined && decision !== undefined && compareDates(decision, start) > 0) {
    refuse(parsed, INTAKE.decisionDate, 'clients.intake.error.decisionDate.afterStart', { start });
  }
  // History before the term start belongs to no term here.
  for (const field of PRIOR_FIELDS) {
    const date = parsed.values[field];
    if (start !== undefined && date !== undefined && compareDates(date, start) < 0) refuse(parsed, field, 'clients.intake.error.lastDate.beforeStart', { start });
  }
  return parsed;
}
