// The stable identifiers of the daily due list: the button on each line that opens the visit
// modal for that client (value: the client's id).
export const LOG_VISIT_ACTION = 'log_visit';
