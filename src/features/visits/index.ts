// The visits feature: `/visit` and `/checkin` (also as `/caseload` subcommands, so help lists
// them), their modals, client search and Undo.
import type { Register } from '../../slack/listeners.js';
import { registerClientOptions } from './slack/client-options.js';
import { registerCommands } from './slack/open.js';
import { registerSubmissions, type RecordEditor } from './slack/submit.js';
import type { SavedRecord } from './record.js';
import { registerUndo } from './slack/undo-action.js';

export { openRecordModal, subcommands } from './slack/open.js';

/** `editor` saves the corrections the same modals submit (the corrections feature owns them). */
export const register =
  (editor: RecordEditor<SavedRecord>): Register =>
  (on) => {
    registerCommands(on);
    registerSubmissions(on, editor);
    registerClientOptions(on);
    registerUndo(on);
  };
