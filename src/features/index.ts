// Every capability of the bot: its `/caseload` subcommands and its other Slack listeners.
import type { Subcommand } from '../slack/caseload.js';
import type { Register } from '../slack/listeners.js';
import * as absences from './absences/index.js';
import * as admin from './admin/index.js';
import * as clients from './clients/index.js';
import * as corrections from './corrections/index.js';
import * as dueLists from './due-lists/index.js';
import * as imports from './imports/index.js';
import * as lifecycle from './lifecycle/index.js';
import * as outreach from './outreach/index.js';
import * as privacy from './privacy/index.js';
import * as reports from './reports/index.js';
import * as status from './status/index.js';
import * as visits from './visits/index.js';

/** In the order help lists them. */
export const SUBCOMMANDS: Subcommand[] = [...clients.subcommands, ...visits.subcommands, ...outreach.subcommands, ...status.subcommands, ...lifecycle.subcommands, ...absences.subcommands, ...corrections.subcommands, ...dueLists.subcommands, ...reports.subcommands, ...imports.subcommands, ...privacy.subcommands, ...admin.subcommands];

export const FEATURES: Register[] = [admin.register, clients.register, visits.register(corrections.recordEditor), dueLists.register, status.register, reports.register, lifecycle.register, corrections.register, absences.register, imports.register, privacy.register, outreach.register];
