// The reports feature: its `/caseload` subcommands and Slack listeners.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/context.js';

export const subcommands: Subcommand[] = [];

export const register: Register = () => undefined;
