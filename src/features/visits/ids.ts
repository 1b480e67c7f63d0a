// The stable identifiers of the visit and check-in modals and of the Undo button: integrations
// and tests drive them by these, and the builders, schemas and handlers share these constants.
import { z } from 'zod';
import { URINE_RESULTS } from '../../domain/types.js';

export const VISIT_CALLBACK_ID = 'visit';
export const CHECKIN_CALLBACK_ID = 'checkin';

/** block_id (= action_id) of every input of the visit modal. */
export const VISIT = {
  client: 'client',
  date: 'date',
  kind: 'kind',
  help: 'help',
  urine: 'urine',
  notes: 'notes',
  next: 'next',
} as const;

/** block_id (= action_id) of every input of the check-in modal. */
export const CHECKIN = {
  client: VISIT.client,
  date: VISIT.date,
  urine: VISIT.urine,
  notes: VISIT.notes,
} as const;

export type VisitField = (typeof VISIT)[keyof typeof VISIT];

/** The client picker's action_id: its options are loaded by client search. */
export const CLIENT_ACTION = VISIT.client;

/** The urine input's codes: `none` when no test was taken. */
export const URINE_CHOICES = ['none', ...URINE_RESULTS] as const;
export type UrineChoice = (typeof URINE_CHOICES)[number];

export const MAX_NOTES = 2000;

/** The confirmation's Undo button; its value is `visit:<id>` or `checkin:<id>`. */
export const UNDO_ACTION = 'undo_record';
/** The author may undo for this long after saving. */
export const UNDO_MINUTES = 15;

/** What the modal's private_metadata names when it corrects a saved record: the record and the version the form shows. */
export const EditMetadata = z.object({ id: z.number().int().positive().max(2_147_483_647), version: z.number().int().positive() });
export type EditMetadata = z.output<typeof EditMetadata>;
