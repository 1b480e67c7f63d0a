// The visits feature: `/visit` and `/checkin` (also as `/caseload` subcommands, so help lists
// them), their modals, client search and Undo.
import type { Register } from '../../slack/listeners.js';
import { registerClientOptions } from './client-options.js';
import { registerCommands } from './open.js';
import { registerSubmissions } from './submit.js';
import { registerUndo } from './undo-action.js';

export { openRecordModal, subcommands } from './open.js';

export const register: Register = (on) => {
  registerCommands(on);
  registerSubmissions(on);
  registerClientOptions(on);
  registerUndo(on);
};
