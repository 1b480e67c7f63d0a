// Privacy: a client's access log (`/caseload audit`), the erasure of a client's personal data
// (`/caseload erase` and its confirmation modal) and, in the admins' App Home, the files past
// retention (slack/home.ts, retention.ts).
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { auditSubcommand, eraseSubcommand, registerPrivacy } from './slack/handlers.js';

export const subcommands: Subcommand[] = [auditSubcommand, eraseSubcommand];

export const register: Register = (on) => registerPrivacy(on);
