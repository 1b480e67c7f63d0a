// Which status changes are allowed and what each one writes, as a pure function over the
// client's history. The schedule core reads the same rows (src/domain/periods.ts), so a change
// dated in the past recomputes everything that was due since.
//
// - A change starting on `from` ends every leave or suspension still running on that day
//   (endsOn = from − 1): reactivation closes the suspension, so the term end moves later by
//   exactly the days suspended; an early return ends the leave. A period that began on `from`
//   itself never took effect: the change replaces it (the row is removed, its values kept as a
//   revision), so no stored period ends before it starts.
// - Leave ends by itself after `until` (the row's end); nothing needs writing then.
// - transferred_out, completed and terminated end the file for good: nothing follows them.
// - Changes are dated in order: none before the latest one, none before the term, none in the
//   future (only a leave's or suspension's `until` may be).
import { addDays, compareDates, type LocalDate } from '../../domain/dates.js';
import { statusOn } from '../../domain/schedule.js';
import { formatDay, parseDay } from '../../domain/days.js';
import { periodDays, schedulePeriods, termDays, type StatusRow } from '../../domain/periods.js';
import { isTerminalStatus, type ClientStatus, type TerminationReason } from '../../domain/types.js';
import type { Problem } from '../../problems.js';
import { STATUS_FORM } from './ids.js';

/** A row of the status history. */
export interface HistoryRow extends StatusRow {
  id: number;
}

export interface StatusChange {
  status: ClientStatus;
  from: LocalDate;
  until: LocalDate | null;
  receivingPlace: string | null;
  terminationReason?: TerminationReason | null;
}

export interface ClientHistory {
  termStart: LocalDate;
  /** The planned last day of the term: completion (期满解除) is only possible from the effective one. */
  plannedTermEnd?: LocalDate;
  /** Client.status: what was last set. */
  recorded: ClientStatus;
  history: HistoryRow[];
}

export interface ChangePlan {
  /** The status on `from`, before the change. */
  previous: ClientStatus;
  /** Rows the change ends early. */
  close: { id: number; endsOn: LocalDate }[];
  /** Rows that began on the change's own date: replaced by it. */
  replace: number[];
  row: { status: ClientStatus; previousStatus: ClientStatus; startsOn: LocalDate; endsOn: LocalDate | null };
  /** Client.status after the change: its status today. */
  recorded: ClientStatus;
  /** The history as the change leaves it (the new row with id 0). */
  history: HistoryRow[];
}

export type PlanResult = { ok: true; plan: ChangePlan } | { ok: false; problems: Problem[] };

/** Statuses with a planned end. */
const DATED = new Set<ClientStatus>(['on_leave', 'suspended']);

/**
 * Where each status may go. Leave may be replaced by a new leave (a changed return date);
 * while suspended the term is stopped, so only reactivation or termination make sense.
 */
const NEXT: Record<'active' | 'on_leave' | 'suspended', readonly ClientStatus[]> = {
  active: ['on_leave', 'suspended', 'transferred_out', 'completed', 'terminated'],
  on_leave: ['active', 'on_leave', 'suspended', 'transferred_out', 'completed', 'terminated'],
  suspended: ['active', 'terminated'],
};

/** Why `previous` → `next` is refused, or null when allowed. */
export function transitionProblem(previous: ClientStatus, next: ClientStatus): Problem | null {
  if (isTerminalStatus(previous)) return { field: STATUS_FORM.status, key: 'lifecycle.status.error.closed' };
  if (NEXT[previous].includes(next)) return null;
  if (previous === next) return { field: STATUS_FORM.status, key: 'lifecycle.status.error.same' };
  return { field: STATUS_FORM.status, key: 'lifecycle.status.error.fromSuspended' };
}

function dateProblems(client: ClientHistory, change: StatusChange, today: LocalDate): Problem[] {
  const problems: Problem[] = [];
  const latest = client.history.reduce<LocalDate | null>((max, r) => (max === null || r.startsOn > max ? r.startsOn : max), null);
  if (compareDates(change.from, today) > 0) problems.push({ field: STATUS_FORM.from, key: 'lifecycle.status.error.future', params: { today } });
  else if (compareDates(change.from, client.termStart) < 0) problems.push({ field: STATUS_FORM.from, key: 'lifecycle.status.error.beforeTerm', params: { start: client.termStart } });
  else if (latest !== null && compareDates(change.from, latest) < 0) problems.push({ field: STATUS_FORM.from, key: 'lifecycle.status.error.beforeLatest', params: { date: latest } });
  if (DATED.has(change.status)) {
    if (change.until === null && change.status === 'on_leave') problems.push({ field: STATUS_FORM.until, key: 'lifecycle.status.error.untilRequired' });
    else if (change.until !== null && compareDates(change.until, change.from) < 0) problems.push({ field: STATUS_FORM.until, key: 'lifecycle.status.error.untilBefore' });
  } else if (change.until !== null) problems.push({ field: STATUS_FORM.until, key: 'lifecycle.status.error.untilOnly' });
  if (change.status === 'completed' && client.plannedTermEnd !== undefined) {
    const end = effectiveEndOf(client);
    // 期满解除 only once the term is served (《戒毒条例》 Art. 23, 40); before it, 终止.
    if (end === null || compareDates(change.from, end) < 0) {
      problems.push({ field: STATUS_FORM.status, key: 'lifecycle.status.error.completedEarly', params: { end: end ?? '—' } });
    }
  }
  if (change.status === 'terminated') {
    if (!change.terminationReason) problems.push({ field: STATUS_FORM.terminationReason, key: 'lifecycle.status.error.terminationReasonRequired' });
  } else if (change.terminationReason) problems.push({ field: STATUS_FORM.terminationReason, key: 'lifecycle.status.error.terminationReasonOnly' });
  if (change.status === 'transferred_out') {
    if (change.receivingPlace === null) problems.push({ field: STATUS_FORM.receivingPlace, key: 'lifecycle.status.error.placeRequired' });
  } else if (change.receivingPlace !== null) problems.push({ field: STATUS_FORM.receivingPlace, key: 'lifecycle.status.error.placeOnly' });
  return problems;
}

/** The effective term end (the planned one moved later by suspensions); null while suspended. */
export function effectiveEndOf(client: ClientHistory): LocalDate | null {
  if (client.plannedTermEnd === undefined) return null;
  const term = termDays(parseDay(client.termStart), parseDay(client.plannedTermEnd), periodDays(schedulePeriods(client.history)));
  return term.effectiveEnd === null ? null : formatDay(term.effectiveEnd);
}

/** The client's status on `day` as the history has it; once the file is closed, its end for good. */
export function statusAt(client: ClientHistory, day: LocalDate): ClientStatus {
  const periods = schedulePeriods(client.history);
  const ended = isTerminalStatus(client.recorded) ? client.recorded : periods.find((p) => isTerminalStatus(p.status))?.status;
  return ended ?? statusOn({ periods }, day);
}

/** Checks a change against the client's history and says what it writes. */
export function planChange(client: ClientHistory, change: StatusChange, today: LocalDate): PlanResult {
  // The status the change starts from is the one on its own date.
  const previous = statusAt(client, change.from);
  const refused = transitionProblem(previous, change.status);
  const problems = [...(refused ? [refused] : []), ...dateProblems(client, change, today)];
  if (problems.length > 0) return { ok: false, problems };
  const dayBefore = addDays(change.from, -1);
  const running = client.history.filter((r) => r.startsOn <= change.from && (r.endsOn === null || r.endsOn >= change.from));
  const replace = running.filter((r) => r.startsOn === change.from).map((r) => r.id);
  const close = running.filter((r) => r.startsOn < change.from).map((r) => ({ id: r.id, endsOn: dayBefore }));
  const row = { status: change.status, previousStatus: previous, startsOn: change.from, endsOn: DATED.has(change.status) ? change.until : null };
  const ends = new Map(close.map((c) => [c.id, c.endsOn]));
  const kept = client.history.filter((r) => !replace.includes(r.id));
  const history = [...kept.map((r) => ({ ...r, endsOn: ends.get(r.id) ?? r.endsOn })), { id: 0, ...row }];
  const recorded = isTerminalStatus(change.status) ? change.status : statusOn({ periods: schedulePeriods(history) }, today);
  return { ok: true, plan: { previous, close, replace, row, recorded, history } };
}
