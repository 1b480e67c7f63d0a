/**
 * What "active" (在册) means where clients are counted. Two definitions are in use, and they
 * differ; each is written down once here and every query is built from it (src/db/active.ts).
 *
 * - An open file, now: no terminal status (TERMINAL_STATUSES: transferred out, completed,
 *   terminated) recorded as the client's current status, whatever the term's dates. App Home's
 *   overview counts these per community; the due lists and a caseworker's caseload count these
 *   less the clients not reported in yet; removing a caseworker counts their open files.
 * - Active on a day D (the weekly counts, at each range's last day), from the dated history:
 *   the term has started by D; no terminal period began on or before D (an exit lasts for good);
 *   no period of a status outside RUNNING_STATUSES (a suspension) covers D; and D is not after
 *   the planned term end moved later by the days suspended up to D (《戒毒条例》 Art. 24).
 *
 * Pure: statuses only, no queries.
 */
import type { ClientStatus } from './types.js';

/** Statuses under which the term runs on the days they cover: leave keeps a client active. */
export const RUNNING_STATUSES = ['active', 'on_leave'] as const satisfies readonly ClientStatus[];
