// The admin feature: help, language, and setting up communities, channels and staff — all
// `/caseload` subcommands; it has no other Slack listeners.
import type { Subcommand } from '../../slack/caseload.js';
import type { Register } from '../../slack/listeners.js';
import { communityAdd, help, lang, link, staffAdd, staffListCommand, staffRemove } from './slack/handlers.js';

/** In the order help lists them: everyone's first, then the admin's. */
export const subcommands: Subcommand[] = [help, lang, communityAdd, link, staffAdd, staffRemove, staffListCommand];

export const register: Register = () => undefined;
