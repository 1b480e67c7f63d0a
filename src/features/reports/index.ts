// The reports feature: weekly counts (`/caseload week`, or by mentioning the bot), the CSV
// export, and the scheduled weekly report (slack/job.ts, wired by src/jobs/weekly.ts).
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { exportCommand, registerMentions, week } from './slack/handlers.js';

export const subcommands: Subcommand[] = [week, exportCommand];

export const register: Register = (on) => registerMentions(on);
