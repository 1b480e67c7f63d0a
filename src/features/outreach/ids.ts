// The stable identifiers of the outreach modal and its Undo button: integrations and tests drive
// them by these; the builder, the schema and the handlers share them.

export const OUTREACH_CALLBACK_ID = 'outreach';

/** block_id (= action_id) of every input of the outreach modal. */
export const OUTREACH_FORM = {
  community: 'community',
  setting: 'setting',
  date: 'date',
  title: 'title',
  format: 'format',
  audience: 'audience',
  partners: 'partners',
  notes: 'notes',
} as const;

export type OutreachField = (typeof OUTREACH_FORM)[keyof typeof OUTREACH_FORM];

/** The `community` option of an event for the whole sub-district (全街道), not one community. */
export const SUBDISTRICT = 'subdistrict';

export const MAX_TITLE = 100;
export const MAX_AUDIENCE = 100_000;
export const MAX_PARTNERS = 200;
export const MAX_NOTES = 2000;

/** The confirmation's Undo button; its value is the event's id. */
export const UNDO_OUTREACH_ACTION = 'undo_outreach';
/** The author may undo for as long as a visit. */
export { UNDO_MINUTES } from '../visits/ids.js';
