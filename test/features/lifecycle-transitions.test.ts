// The status-change rules as a table of cases: which transitions are allowed, which dates, and
// what a change writes (the periods it ends, the new row, Client.status after it). Pure.
import { describe, expect, it } from 'vitest';
import type { ClientStatus } from '../../src/domain/types.js';
import { planChange, type ClientHistory, type HistoryRow, type StatusChange } from '../../src/features/lifecycle/transitions.js';

const TODAY = '2025-06-01';
const client = (history: HistoryRow[] = [], recorded: ClientStatus = 'active'): ClientHistory => ({ termStart: '2025-01-10', recorded, history });
const change = (status: ClientStatus, from = TODAY, extra: Partial<StatusChange> = {}): StatusChange => ({ status, from, until: null, receivingPlace: null, ...extra });
/** A client whose planned term ends on `plannedTermEnd`. */
const served = (plannedTermEnd: string, history: HistoryRow[] = []): ClientHistory => ({ ...client(history), plannedTermEnd });
const row = (id: number, status: ClientStatus, startsOn: string, endsOn: string | null = null): HistoryRow => ({ id, status, startsOn, endsOn });

const keys = (result: ReturnType<typeof planChange>) => (result.ok ? [] : result.problems.map((p) => `${p.field}:${p.key}`));

describe('status transitions', () => {
  const leave = [row(1, 'on_leave', '2025-05-20', '2025-06-10')];
  const suspended = [row(1, 'suspended', '2025-05-01')];
  const cases: [string, ClientHistory, StatusChange, string[]][] = [
    ['active → on leave', client(), change('on_leave', TODAY, { until: '2025-06-05' }), []],
    ['active → suspended, open', client(), change('suspended'), []],
    ['active → completed', client(), change('completed'), []],
    ['active → active', client(), change('active'), ['status:lifecycle.status.error.same']],
    ['on leave → active (early return)', client(leave), change('active'), []],
    ['on leave → a new leave', client(leave), change('on_leave', TODAY, { until: '2025-06-20' }), []],
    ['on leave → suspended', client(leave), change('suspended'), []],
    ['after the leave ended → active again is no change', client([row(1, 'on_leave', '2025-05-01', '2025-05-10')]), change('active'), ['status:lifecycle.status.error.same']],
    ['suspended → active', client(suspended), change('active'), []],
    ['suspended → terminated', client(suspended), change('terminated', TODAY, { terminationReason: 'compulsory_isolation' }), []],
    ['suspended → on leave', client(suspended), change('on_leave', TODAY, { until: '2025-06-05' }), ['status:lifecycle.status.error.fromSuspended']],
    ['suspended → completed', client(suspended), change('completed'), ['status:lifecycle.status.error.fromSuspended']],
    ['completed → on leave', client([row(1, 'completed', '2025-05-01')], 'completed'), change('on_leave', TODAY, { until: '2025-06-05' }), ['status:lifecycle.status.error.closed']],
    ['terminated → active', client([row(1, 'terminated', '2025-05-01')], 'terminated'), change('active'), ['status:lifecycle.status.error.closed']],
    ['a future start', client(), change('suspended', '2025-06-02'), ['from:lifecycle.status.error.future']],
    ['a start before the term', client(), change('suspended', '2025-01-09'), ['from:lifecycle.status.error.beforeTerm']],
    ['a start before the latest change', client(leave), change('suspended', '2025-05-19'), ['from:lifecycle.status.error.beforeLatest']],
    ['leave without until', client(), change('on_leave'), ['until:lifecycle.status.error.untilRequired']],
    ['until before from', client(), change('suspended', TODAY, { until: '2025-05-31' }), ['until:lifecycle.status.error.untilBefore']],
    ['until for an exit', client(), change('completed', TODAY, { until: '2025-06-30' }), ['until:lifecycle.status.error.untilOnly']],
    ['a transfer without a place', client(), change('transferred_out'), ['receiving_place:lifecycle.status.error.placeRequired']],
    ['a place without a transfer', client(), change('terminated', TODAY, { receivingPlace: '西湖区', terminationReason: 'other' }), ['receiving_place:lifecycle.status.error.placeOnly']],
    // 《戒毒条例》 Art. 23, 40: 期满解除 once the term is served; before it, 终止 with its reason.
    ['completed a month before the term end', served('2025-07-01'), change('completed'), ['status:lifecycle.status.error.completedEarly']],
    ['completed on the term end', served(TODAY), change('completed'), []],
    ['completed after a suspension moved the end later', served('2025-05-20', [row(1, 'suspended', '2025-03-01', '2025-03-20')]), change('completed'), ['status:lifecycle.status.error.completedEarly']],
    ['completed once the moved end is reached', served('2025-05-12', [row(1, 'suspended', '2025-03-01', '2025-03-20')]), change('completed'), []],
    ['terminated without its reason', client(), change('terminated'), ['termination_reason:lifecycle.status.error.terminationReasonRequired']],
    ['a termination reason on a leave', client(), change('on_leave', TODAY, { until: '2025-06-05', terminationReason: 'death' }), ['termination_reason:lifecycle.status.error.terminationReasonOnly']],
  ];

  it.each(cases)('%s', (_name, history, proposed, expected) => {
    expect(keys(planChange(history, proposed, TODAY))).toEqual(expected);
  });

  it('reactivation ends the suspension the day before and records from/to', () => {
    const result = planChange(client(suspended), change('active', '2025-05-11'), TODAY);
    expect(result).toMatchObject({
      ok: true,
      plan: { previous: 'suspended', close: [{ id: 1, endsOn: '2025-05-10' }], row: { status: 'active', previousStatus: 'suspended', startsOn: '2025-05-11', endsOn: null }, recorded: 'active' },
    });
  });

  it('a change on the first day of a period replaces it instead of ending it before it began', () => {
    // Leave recorded from today, then the same day: detained. The leave never took effect.
    const result = planChange(client([row(1, 'on_leave', TODAY, '2025-06-10')]), change('suspended'), TODAY);
    expect(result).toMatchObject({ ok: true, plan: { previous: 'on_leave', close: [], replace: [1], recorded: 'suspended' } });
    if (!result.ok) return;
    expect(result.plan.history.map((r) => r.id)).toEqual([0]);
    // Every period the plan keeps ends on or after its start.
    for (const r of result.plan.history) if (r.endsOn !== null) expect(r.endsOn >= r.startsOn).toBe(true);
  });

  it('a back-dated change starts from the status on its own date', () => {
    // Detained on 05-25 while on leave (recorded today): the leave ends on 05-24.
    const result = planChange(client(leave), change('suspended', '2025-05-25'), TODAY);
    expect(result).toMatchObject({ ok: true, plan: { previous: 'on_leave', close: [{ id: 1, endsOn: '2025-05-24' }], recorded: 'suspended' } });
  });

  it('a leave entirely in the past leaves the client active today', () => {
    const result = planChange(client(), change('on_leave', '2025-05-01', { until: '2025-05-10' }), TODAY);
    expect(result).toMatchObject({ ok: true, plan: { row: { endsOn: '2025-05-10' }, recorded: 'active' } });
  });
});
