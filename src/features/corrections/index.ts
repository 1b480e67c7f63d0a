// Corrections: `/caseload records <case number>`, editing a visit or check-in in its own modal
// with its history kept, and restoring a deleted one.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { recordsSubcommand, registerCorrections } from './slack.js';

export { editRecord, type EditedRecord } from './edit.js';
export { editedMessage } from './message.js';
export { EditMetadata } from './ids.js';

export const subcommands: Subcommand[] = [recordsSubcommand];

export const register: Register = (on) => registerCorrections(on);
