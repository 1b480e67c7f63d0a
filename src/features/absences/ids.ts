// Stable identifiers of the absence modal: integrations and tests drive it by these; the
// builder, the schema and the handler share them.

export const ABSENCE_CALLBACK_ID = 'absence';

/** block_id (= action_id) of every input of the absence modal. */
export const ABSENCE_FORM = {
  from: 'from',
  until: 'until',
  notes: 'notes',
} as const;

export const MAX_NOTES = 2000;
