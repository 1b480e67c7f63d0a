// The status feature: where a client stands (`/caseload status`), my caseload (`/caseload mine`)
// and App Home. The use case and the card are exported for the client file (issue 6).
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { registerActions } from './slack/actions.js';
import { registerHome } from './slack/app-home.js';
import { mineCommand, statusCommand } from './slack/commands.js';

export { clientStatus, type ClientStatusResult, type ClientStatusView, type TeamMember } from './client-status.js';
export { buildStatusCard, statusMessage } from './slack/card.js';

export const subcommands: Subcommand[] = [statusCommand, mineCommand];

export const register: Register = (on, ctx) => {
  registerActions(on);
  registerHome(on, ctx);
};
