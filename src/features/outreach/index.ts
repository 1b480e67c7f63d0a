// Prevention outreach (禁毒宣传"十进"): `/outreach` logs an education event — a talk at a school,
// leaflets at a market, an online campaign for 6·26 — which the weekly counts and the export
// count per setting and community (src/features/reports).
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { outreachSubcommand, registerOutreach } from './slack/handlers.js';

export const subcommands: Subcommand[] = [outreachSubcommand];

export const register: Register = (on) => registerOutreach(on);
