// The client lifecycle: the client file (`/caseload client <case number>`) with its status
// changes (leave, suspension, transfer, completion, termination) and support-team changes.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { fileSubcommand, registerLifecycle } from './slack/handlers.js';

export const subcommands: Subcommand[] = [fileSubcommand];

export const register: Register = (on) => registerLifecycle(on);
