// The intake modal's stable identifiers: integrations and tests drive the modal by these, and
// the builder, the schema and the handler all use these constants.
export const INTAKE_CALLBACK_ID = 'client_intake';

/** block_id (= action_id) of every input of the intake modal. */
export const INTAKE = {
  caseNumber: 'case_number',
  alias: 'alias',
  community: 'community',
  program: 'program',
  startDate: 'start_date',
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
export const MAX_NOTES = 2000;
