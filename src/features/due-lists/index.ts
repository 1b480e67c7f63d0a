// The daily due lists: `/caseload due …` and the "log visit" button on the day's message. The
// daily job itself (slack/job.ts) is run by src/jobs/scheduler.ts and by `/caseload due post`.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { dueHere, dueMine, duePost } from './slack/commands.js';
import { registerLogVisit } from './slack/log-visit.js';

export const subcommands: Subcommand[] = [dueMine, dueHere, duePost];

export const register: Register = (on) => registerLogVisit(on);
