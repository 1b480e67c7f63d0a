// Slack user ids of the people in the test sub-districts: the same people in every fixture.
export const WORKER = 'U0WORKER01';
export const WORKER_EN = 'U0WORKEREN';
export const OTHER_WORKER = 'U0OTHER001';
export const MANAGER = 'U0MANAGER1';
export const STRANGER = 'U0STRANGER';
export const POLICE = 'U0POLICE01';
