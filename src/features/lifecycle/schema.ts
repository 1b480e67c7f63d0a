// The status and team forms as zod schemas, one per input and keyed by its block_id, so every
// problem lands on the input it belongs to. Shape only: what needs the client's history or the
// database is checked in transitions.ts, status.ts and team.ts.
import { z } from 'zod';
import { isLocalDate } from '../../domain/dates.js';
import { SLACK_USER_ID } from '../../domain/slack-ids.js';
import { CLIENT_STATUSES, TERMINATION_REASONS } from '../../domain/types.js';
import type { MessageKey, Params } from '../../i18n/index.js';
import { parseFields, type Fields, type Parsed, type Values } from '../../problems.js';
import { MAX_TERM_MONTHS } from '../clients/ids.js';
import { MAX_PLACE, MAX_REASON, STATUS_FORM, TEAM_FORM, TERM_FORM } from './ids.js';

import type { FormInput } from '../../problems.js';
export type { FormInput };

const says = (key: MessageKey) => ({ error: key, abort: true });

const date = (key: MessageKey) => z.string(says(key)).refine(isLocalDate, says(key));
const optionalDate = date('lifecycle.error.date')
  .nullish()
  .transform((v) => v ?? null);
const text = (max: number, key: MessageKey) =>
  z
    .string(says(key))
    .trim()
    .max(max, says(key))
    .nullish()
    .transform((v) => v || null);

export const statusFields = {
  [STATUS_FORM.status]: z.enum(CLIENT_STATUSES, says('lifecycle.error.option')),
  [STATUS_FORM.from]: date('lifecycle.error.date'),
  [STATUS_FORM.until]: optionalDate,
  [STATUS_FORM.reason]: text(MAX_REASON, 'lifecycle.status.error.reason').refine((v) => v !== null, says('lifecycle.status.error.reason')),
  [STATUS_FORM.receivingPlace]: text(MAX_PLACE, 'lifecycle.status.error.place'),
  [STATUS_FORM.terminationReason]: z
    .enum(TERMINATION_REASONS, says('lifecycle.error.option'))
    .nullish()
    .transform((v) => v ?? null),
};

const user = z.string(says('lifecycle.team.error.person')).regex(SLACK_USER_ID, says('lifecycle.team.error.person'));

export const teamFields = {
  [TEAM_FORM.caseworker]: z.string(says('lifecycle.team.error.caseworker')).regex(SLACK_USER_ID, says('lifecycle.team.error.caseworker')),
  [TEAM_FORM.police]: user.nullish().transform((v) => v ?? null),
  [TEAM_FORM.gridWorker]: user.nullish().transform((v) => v ?? null),
  [TEAM_FORM.volunteer]: user.nullish().transform((v) => v ?? null),
};

/** The decided term of 社区康复, in whole months (a number_input sends text). */
export const termFields = {
  [TERM_FORM.termMonths]: z
    .string(says('clients.intake.error.termMonths'))
    .trim()
    .regex(/^\d{1,2}$/, says('clients.intake.error.termMonths'))
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_TERM_MONTHS, says('clients.intake.error.termMonths')),
};

export type { Values } from '../../problems.js';
export type StatusValues = Values<typeof statusFields>;
export type TeamValues = Values<typeof teamFields>;

const LIMITS: Partial<Record<MessageKey, Params>> = {
  'lifecycle.status.error.reason': { max: MAX_REASON },
  'lifecycle.status.error.place': { max: MAX_PLACE },
};

/** Each input parsed on its own: the inputs that parsed, and a problem for each that did not. */
export function parseForm<F extends Fields>(fields: F, input: FormInput): Parsed<F> {
  return parseFields(fields, input, 'lifecycle.error.option', (key) => LIMITS[key]);
}
