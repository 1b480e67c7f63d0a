// The intake modal's stable identifiers: integrations and tests drive the modal by these, and
// the builder, the schema and the handler all use these constants.
import { LAW } from '../../domain/rules.js';

export const INTAKE_CALLBACK_ID = 'client_intake';

/** block_id (= action_id) of every input of the intake modal. */
export const INTAKE = {
  caseNumber: 'case_number',
  alias: 'alias',
  community: 'community',
  program: 'program',
  startDate: 'start_date',
  /** Law (src/domain/rules.ts): the decided term of 社区康复, the original report-in of a transfer, the decision. */
  termMonths: 'term_months',
  originalStartDate: 'original_start_date',
  decisionDate: 'decision_date',
  /** Checked: registered on the decision, not reported in yet (start_date is then not used). */
  notReportedYet: 'not_reported_yet',
  caseworker: 'caseworker',
  police: 'police',
  gridWorker: 'grid_worker',
  volunteer: 'volunteer',
  /** History of a client registered mid-term: the last face-to-face visit, check-in and urine test. */
  lastVisit: 'last_visit',
  lastCheckIn: 'last_checkin',
  lastTest: 'last_test',
  notes: 'notes',
} as const;

export type IntakeField = (typeof INTAKE)[keyof typeof INTAKE];

export const MAX_CASE_NUMBER = 32;
export const MAX_ALIAS = 20;
/** The longest term, in months: three years (禁毒法 Art. 33; 戒毒条例 Art. 37 for 社区康复). */
export const MAX_TERM_MONTHS = LAW.rehabMaxTermMonths;
export const MAX_NOTES = 2000;
