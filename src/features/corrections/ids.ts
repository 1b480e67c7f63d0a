// Stable identifiers of corrections: the records list's buttons and the reason input an edit
// gets after REASON_AFTER_HOURS. Edits reuse the visit and check-in modals (callback_id `visit`
// / `checkin`), their private_metadata naming the record and the version shown.
/** "Edit" on a line of `/caseload records`; value = `visit:<id>` or `checkin:<id>`. */
export const EDIT_RECORD_ACTION = 'edit_record';
/** "Restore" on a deleted line, for managers; same value. */
export const RESTORE_RECORD_ACTION = 'restore_record';

/** block_id (= action_id) of the reason input, added to the modal only when a reason is required. */
export const REASON_FIELD = 'reason';
export const MAX_REASON = 500;
/** After this long since it was saved, an edit needs a reason. */
export const REASON_AFTER_HOURS = 24;
/** Records `/caseload records` lists, newest first. */
export const RECORDS_SHOWN = 20;
