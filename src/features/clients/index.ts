// The clients feature: its `/caseload` subcommands and Slack listeners.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { addClient, registerIntake } from './slack/handlers.js';

export const subcommands: Subcommand[] = [addClient];

export const register: Register = (on) => registerIntake(on);
