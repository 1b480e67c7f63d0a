/**
 * Unauthorised absences from the county (擅自离开, 《戒毒条例》 Art. 20 (二)): three or more, or
 * more than 30 days in all, within the term are a serious violation of the agreement. Pure;
 * semantics in schedule.ts §8, the figures in rules.ts (LAW).
 */
import { parseDay, type Day } from './days.js';
import type { ClientFacts, TermDays } from './periods.js';
import { LAW } from './rules.js';

/** An absence in day numbers, inclusive. */
export interface AbsenceDays {
  from: Day;
  until: Day;
}

/**
 * The absences begun by `today`, as runs of days inside the term (term start … last day), in
 * date order. Records sharing a day are one absence, each day counted once; one still open runs
 * to the term's last day, as it will with nothing more recorded. A record ending before it
 * starts is ignored.
 */
export function absenceDays(facts: Pick<ClientFacts, 'absences'>, term: TermDays, today: Day): AbsenceDays[] {
  const runs: AbsenceDays[] = [];
  for (const a of facts.absences ?? []) {
    const from = parseDay(a.from);
    if (from > today) continue;
    const start = Math.max(from, term.start);
    const end = Math.min(a.until === null ? Infinity : parseDay(a.until), term.lastDay);
    if (end >= start) runs.push({ from: start, until: end });
  }
  runs.sort((a, b) => a.from - b.from);
  const merged: AbsenceDays[] = [];
  for (const r of runs) {
    const last = merged.at(-1);
    if (last && r.from <= last.until) last.until = Math.max(last.until, r.until);
    else merged.push({ ...r });
  }
  return merged;
}

/** The day absences became a serious violation, with the absences begun and the days absent by then. */
export interface AbsenceCrossing {
  on: Day;
  absences: number;
  days: number;
}

/**
 * The first day `runs` (absenceDays) are a serious violation: the first day of the third absence
 * or the 31st day absent, whichever comes first. Null if they never are.
 */
export function absenceCrossing(runs: readonly AbsenceDays[]): AbsenceCrossing | null {
  const { count, maxDays } = LAW.absence;
  let days = 0;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (i + 1 === count) return { on: r.from, absences: count, days: days + 1 };
    const length = r.until - r.from + 1;
    if (days + length > maxDays) return { on: r.from + (maxDays - days), absences: i + 1, days: maxDays + 1 };
    days += length;
  }
  return null;
}
