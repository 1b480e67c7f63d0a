/**
 * What "active" (在册) means wherever clients are counted — the weekly counts, App Home's
 * overview, a caseworker's caseload. A client is active on day D when
 *  - they have reported in (a client awaiting report-in has no running term yet, Art. 14, 38);
 *  - the term has started by D;
 *  - no exit (TERMINAL_STATUSES) began on or before D: an exit lasts for good;
 *  - no period of a status outside RUNNING_STATUSES (a suspension) covers D; and
 *  - D is not after the planned term end moved later by the days suspended up to D
 *    (《戒毒条例》 Art. 24): a term served but not yet closed by anyone is no longer active.
 * isActiveOn is the definition; src/db/active.ts builds the same test in SQL from these
 * constants for the counts that cannot load every client. Pure.
 */
import type { LocalDate } from './dates.js';
import { parseDay, type Day } from './days.js';
import type { ClientFacts } from './periods.js';
import { isTerminalStatus, type ClientStatus } from './types.js';

/** Statuses under which the term runs on the days they cover: leave keeps a client active. */
export const RUNNING_STATUSES = ['active', 'on_leave'] as const satisfies readonly ClientStatus[];

const isRunning = (status: ClientStatus) => (RUNNING_STATUSES as readonly ClientStatus[]).includes(status);

export function isActiveOn(facts: Pick<ClientFacts, 'termStart' | 'plannedTermEnd' | 'periods' | 'awaitingReportIn'>, date: LocalDate): boolean {
  const d = parseDay(date);
  const last = termLastDayOn(facts, d);
  return last !== null && last >= d;
}

/**
 * The term's last day as it stands on day d — the planned end moved later by the days suspended
 * before d — or null when something other than the date keeps the client from being active on d:
 * awaiting report-in, the term not started, an exit begun or a suspension covering d. Active on d
 * is "not null and not before d" (isActiveOn).
 */
export function termLastDayOn(facts: Pick<ClientFacts, 'termStart' | 'plannedTermEnd' | 'periods' | 'awaitingReportIn'>, d: Day): Day | null {
  const start = parseDay(facts.termStart);
  if (facts.awaitingReportIn || start > d) return null;
  let suspended = 0;
  for (const p of facts.periods) {
    if (isRunning(p.status)) continue;
    const from = parseDay(p.start);
    const until = p.end === null ? null : parseDay(p.end);
    if (from > d) continue;
    if (isTerminalStatus(p.status) || until === null || until >= d) return null;
    if (p.status === 'suspended' && until >= start) suspended += until - Math.max(from, start) + 1;
  }
  return parseDay(facts.plannedTermEnd) + suspended;
}
