// Stable identifiers of the client file, its status and team modals and their buttons:
// integrations and tests drive them by these; builders, schemas and handlers share them.
import { INTAKE } from '../clients/ids.js';

export const CLIENT_FILE_CALLBACK_ID = 'client_file';
export const CLIENT_STATUS_CALLBACK_ID = 'client_status';
export const CLIENT_TEAM_CALLBACK_ID = 'client_team';
export const CLIENT_TERM_CALLBACK_ID = 'client_term';

/** Buttons of the client file; value = client id. */
export const CHANGE_STATUS_ACTION = 'change_status';
export const CHANGE_TEAM_ACTION = 'change_team';
/** Only for 社区康复: its term is decided in months (《戒毒条例》 Art. 37). */
export const CHANGE_TERM_ACTION = 'change_term';

/** block_id (= action_id) of every input of the status modal. */
export const STATUS_FORM = {
  status: 'status',
  from: 'from',
  until: 'until',
  reason: 'reason',
  receivingPlace: 'receiving_place',
  terminationReason: 'termination_reason',
} as const;

/** block_id (= action_id) of the term modal's input: the intake's name. */
export const TERM_FORM = { termMonths: INTAKE.termMonths } as const;

/** block_id (= action_id) of every input of the team modal: the intake's names. */
export const TEAM_FORM = {
  caseworker: INTAKE.caseworker,
  police: INTAKE.police,
  gridWorker: INTAKE.gridWorker,
  volunteer: INTAKE.volunteer,
} as const;

export const MAX_REASON = 500;
export const MAX_PLACE = 100;
/** Status changes the client file lists, newest first. */
export const HISTORY_SHOWN = 10;
