// A community's due list for one day, from plain data: the clients with something overdue,
// due today or due soon, most overdue first, grouped by responsible caseworker. Pure.
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { compareUrgency, dueItems, type ClientFacts, type DueItem } from '../../domain/schedule.js';

export interface DueClient {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  /** Slack user id of the responsible caseworker. */
  caseworkerUserId: string;
  facts: ClientFacts;
}

export interface DueEntry {
  clientId: number;
  caseNumber: string;
  alias: string;
  caseworkerUserId: string;
  /** Only what the list shows: overdue, due today, due soon. */
  items: DueItem[];
}

export interface CaseworkerGroup {
  caseworkerUserId: string;
  entries: DueEntry[];
}

const LISTED = new Set<DueItem['state']>(['overdue', 'dueToday', 'dueSoon']);

export function dueEntries(clients: DueClient[], today: LocalDate, rules: ScheduleRules): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const client of clients) {
    const items = dueItems(client.facts, today, rules).filter((item) => LISTED.has(item.state));
    if (items.length === 0) continue;
    entries.push({ clientId: client.id, caseNumber: client.caseNumber, alias: client.alias, caseworkerUserId: client.caseworkerUserId, items });
  }
  return entries.sort((a, b) => compareUrgency(a.items, b.items) || a.caseNumber.localeCompare(b.caseNumber));
}

/** Groups entries by caseworker; a group's place is that of its most urgent client. */
export function byCaseworker(entries: DueEntry[]): CaseworkerGroup[] {
  const groups = new Map<string, CaseworkerGroup>();
  for (const entry of entries) {
    const group = groups.get(entry.caseworkerUserId) ?? { caseworkerUserId: entry.caseworkerUserId, entries: [] };
    group.entries.push(entry);
    groups.set(entry.caseworkerUserId, group);
  }
  return [...groups.values()];
}
