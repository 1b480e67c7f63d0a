// Corrections: `/caseload records <case number>`, editing a visit or check-in in its own modal
// with its history kept, and restoring a deleted one.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import type { RecordEditor } from '../visits/slack/submit.js';
import { editRecord, type EditedRecord } from './edit.js';
import { editedMessage } from './slack/message.js';
import { recordsSubcommand, registerCorrections } from './slack/handlers.js';

/** How the visit and check-in modals save a correction and confirm it (without an Undo). */
export const recordEditor: RecordEditor<EditedRecord> = { save: editRecord, confirmation: editedMessage };

export const subcommands: Subcommand[] = [recordsSubcommand];

export const register: Register = (on) => registerCorrections(on);
