// Unauthorised absences (擅自离开, 《戒毒条例》 Art. 19, 20): `/caseload absence <case number>`
// records one, or closes the one still open; three, or more than 30 days in a term, raise the
// serious-violation flag (src/domain/absences.ts).
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { absenceSubcommand, registerAbsences } from './slack/handlers.js';

export const subcommands: Subcommand[] = [absenceSubcommand];

export const register: Register = (on) => registerAbsences(on);
