// The daily due lists: `/caseload due …` and the "log visit" button on the day's message.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/context.js';

export const subcommands: Subcommand[] = [];

export const register: Register = () => undefined;
