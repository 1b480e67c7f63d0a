// Importing a roster from Slack (`/caseload import`, a file in the DM, Apply); the import
// itself — reading, checking, writing — is src/import, shared with `npm run import`.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { importCommand, registerImports } from './slack/handlers.js';

export const subcommands: Subcommand[] = [importCommand];

export const register: Register = (on) => registerImports(on);
