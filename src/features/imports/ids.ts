// The identifiers Slack sees for a roster import from Slack; released names never change.

/** The Apply button under a dry-run report. */
export const IMPORT_APPLY = 'import_apply';
