// A community's due list for one day, from plain data: the clients with something overdue,
// due today or due soon, most overdue first, grouped by responsible caseworker; and the clients
// whose term ends within 30 days, so the 期满解除 papers are ready in time. Pure.
import { addDays, diffDays, type LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { compareUrgency, dueItems, effectiveTermEnd, type ClientFacts, type DueItem, type DueKind } from '../../domain/schedule.js';

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

/** Per client, the kinds of the items its line showed that are no longer due (logged since). */
export type Cleared = ReadonlyMap<number, ReadonlySet<DueKind>>;

const LISTED = new Set<DueItem['state']>(['overdue', 'dueToday', 'dueSoon']);

/** What a list shows for one client today: its overdue, due-today and due-soon items. */
export function listedItems(facts: ClientFacts, today: LocalDate, rules: ScheduleRules): DueItem[] {
  return dueItems(facts, today, rules).filter((item) => LISTED.has(item.state));
}

/** Most urgent first; equal urgency in case-number order. */
export function byUrgency(a: DueEntry, b: DueEntry): number {
  return compareUrgency(a.items, b.items) || a.caseNumber.localeCompare(b.caseNumber);
}

/** The clients of each of `communityIds` (an empty list for a community without any). */
export function clientsByCommunity(communityIds: readonly number[], clients: readonly DueClient[]): Map<number, DueClient[]> {
  const clientsOf = new Map<number, DueClient[]>(communityIds.map((id) => [id, []]));
  for (const client of clients) clientsOf.get(client.communityId)!.push(client);
  return clientsOf;
}

export function dueEntries(clients: DueClient[], today: LocalDate, rules: ScheduleRules): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const client of clients) {
    const items = listedItems(client.facts, today, rules);
    if (items.length === 0) continue;
    entries.push({ clientId: client.id, caseNumber: client.caseNumber, alias: client.alias, caseworkerUserId: client.caseworkerUserId, items });
  }
  return entries.sort(byUrgency);
}

/**
 * Which items of a posted list are done: those no longer listed for the client today (the same
 * kind and period). `current` holds the listed items of every client still on a schedule; a
 * client missing from it (transferred out since) keeps its line as it was.
 */
export function clearedItems(entries: readonly DueEntry[], current: ReadonlyMap<number, DueItem[]>): Map<number, Set<DueKind>> {
  const cleared = new Map<number, Set<DueKind>>();
  for (const entry of entries) {
    const now = current.get(entry.clientId);
    if (!now) continue;
    const gone = entry.items.filter((item) => !now.some((n) => n.kind === item.kind && n.periodStart === item.periodStart));
    if (gone.length > 0) cleared.set(entry.clientId, new Set(gone.map((i) => i.kind)));
  }
  return cleared;
}

/** Whether every item of the line is done. */
export function isLineDone(entry: DueEntry, cleared: Cleared): boolean {
  const kinds = cleared.get(entry.clientId);
  return kinds !== undefined && entry.items.every((i) => kinds.has(i.kind));
}

/** Clients with at least one item in each state (what the list's summary line counts). */
export function dueCounts(entries: readonly DueEntry[]): { overdue: number; today: number; soon: number } {
  const count = (state: DueItem['state']) => entries.filter((e) => e.items.some((i) => i.state === state)).length;
  return { overdue: count('overdue'), today: count('dueToday'), soon: count('dueSoon') };
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

/** One community's entries, for the counts a manager sees (`/caseload due`). */
export interface CommunityCounts {
  name: string;
  entries: DueEntry[];
}

/** How far ahead the daily list shows a term's end. */
export const TERM_ENDING_DAYS = 30;

/** A client whose term ends soon (or has ended while the file is still open). */
export interface TermEnding {
  clientId: number;
  caseNumber: string;
  alias: string;
  caseworkerUserId: string;
  /** The effective end: the planned one moved later by suspensions. */
  termEnd: LocalDate;
  /** Days from today to the end; negative once it has passed without 期满解除 recorded. */
  daysLeft: number;
}

/** The last term end a list made on `today` shows (plannedTermEnd is never later than it). */
export const termEndingBy = (today: LocalDate): LocalDate => addDays(today, TERM_ENDING_DAYS);

/**
 * Clients whose effective term end is within TERM_ENDING_DAYS of `today`, or already past, soonest
 * first. A suspended client has no end yet (it moves with the suspension) and is not listed.
 */
export function termsEnding(clients: readonly DueClient[], today: LocalDate): TermEnding[] {
  const ending: TermEnding[] = [];
  for (const client of clients) {
    const termEnd = effectiveTermEnd(client.facts);
    if (termEnd === null) continue;
    const daysLeft = diffDays(termEnd, today);
    if (daysLeft > TERM_ENDING_DAYS) continue;
    ending.push({ clientId: client.id, caseNumber: client.caseNumber, alias: client.alias, caseworkerUserId: client.caseworkerUserId, termEnd, daysLeft });
  }
  return ending.sort((a, b) => a.daysLeft - b.daysLeft || a.caseNumber.localeCompare(b.caseNumber));
}
