// Stable identifiers of the status feature's buttons: builders, handlers and tests share them.
// `log_visit` (value = client id) belongs to the due-lists feature, which handles it wherever
// the button is shown; the others are handled here.
export { LOG_VISIT_ACTION } from '../due-lists/ids.js';

/** "Log check-in" on a status card or App Home; value = client id, or none (pick in the modal). */
export const LOG_CHECKIN_ACTION = 'log_checkin';
/** "Log visit" on App Home, with no client: opens the visit modal with nothing preselected. */
export const HOME_LOG_VISIT_ACTION = 'home_log_visit';
/** One button per client of an ambiguous `/caseload status`; value = client id. */
export const STATUS_PICK_ACTION = 'status_pick';
