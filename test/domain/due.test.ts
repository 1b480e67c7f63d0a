import { describe, it, expect } from 'vitest';
import {
  compareUrgency,
  dueItems,
  type ClientFacts,
  type DueItem,
  type DueKind,
} from '../../src/domain/schedule.js';
import { checkIns, client, tests, visits } from './facts.js';

const itemOf = (kind: DueKind, facts: ClientFacts, today: string) =>
  dueItems(facts, today).find((i) => i.kind === kind);

describe('dueItems: states and order', () => {
  // A short term: window 2 (Mar 1 – Apr 30) is clipped at the Mar 31 term end.
  const facts = client({
    plannedTermEnd: '2025-03-31',
    visits: visits('home', '2025-01-10', '2025-02-10'),
    checkIns: checkIns('2025-01-10', '2025-02-10'),
    tests: tests('negative', '2025-02-10'),
  });
  const all = (state: DueItem['state']): DueItem[] =>
    (['visit', 'checkIn', 'urineTest'] as const).map((kind) => ({
      kind,
      state,
      dueDate: '2025-03-31',
      daysOverdue: 0,
      periodStart: '2025-03-01',
    }));

  it.each([
    ['2025-03-23', all('upcoming')],
    ['2025-03-24', all('dueSoon')],
    ['2025-03-30', all('dueSoon')],
    ['2025-03-31', all('dueToday')],
    ['2025-04-01', []],
    ['2026-01-01', []],
  ])('today %s', (today, expected) => {
    expect(dueItems(facts, today)).toEqual(expected);
  });
});

describe('dueItems: visits (term from 2025-01-01)', () => {
  it.each<[string, ReturnType<typeof visits>, string, Partial<DueItem> | undefined]>([
    ['a phone call does not count', visits('phone', '2025-01-15'), '2025-02-05',
      { state: 'overdue', dueDate: '2025-01-31', daysOverdue: 5, periodStart: '2025-01-01' }],
    ['a home visit counts', visits('home', '2025-01-15'), '2025-02-05',
      { state: 'upcoming', dueDate: '2025-02-28', daysOverdue: 0, periodStart: '2025-02-01' }],
    ['a visit on the last day of the month counts', visits('home', '2025-01-31'), '2025-02-01',
      { state: 'upcoming', dueDate: '2025-02-28', periodStart: '2025-02-01' }],
    ['a later visit clears the overdue state', visits('home', '2025-02-03'), '2025-02-05',
      { state: 'upcoming', dueDate: '2025-03-31', periodStart: '2025-03-01' }],
    ['overdue counts from the earliest missed month', [], '2025-04-10',
      { state: 'overdue', dueDate: '2025-01-31', daysOverdue: 69, periodStart: '2025-01-01' }],
    ['…after the last visit', visits('office', '2025-02-15'), '2025-04-10',
      { state: 'overdue', dueDate: '2025-03-31', daysOverdue: 10, periodStart: '2025-03-01' }],
    ['due soon at exactly 7 days', [], '2025-01-24', { state: 'dueSoon', dueDate: '2025-01-31' }],
    ['upcoming at 8 days', [], '2025-01-23', { state: 'upcoming', dueDate: '2025-01-31' }],
    ['due today on the deadline', [], '2025-01-31', { state: 'dueToday', dueDate: '2025-01-31' }],
    ['before the term: the first month', [], '2024-12-20',
      { state: 'upcoming', dueDate: '2025-01-31', periodStart: '2025-01-01' }],
    ['a visit dated after today is ignored', visits('workplace', '2025-01-10', '2025-02-25'), '2025-02-22',
      { state: 'dueSoon', dueDate: '2025-02-28', periodStart: '2025-02-01' }],
  ])('%s', (_, recorded, today, expected) => {
    expect(itemOf('visit', client({ visits: recorded }), today)).toMatchObject(expected!);
  });

  it('check-ins follow the same monthly rule', () => {
    const facts = client({ checkIns: checkIns('2025-01-10', '2025-01-10') });
    expect(itemOf('checkIn', facts, '2025-02-25')).toEqual({
      kind: 'checkIn',
      state: 'dueSoon',
      dueDate: '2025-02-28',
      daysOverdue: 0,
      periodStart: '2025-02-01',
    });
  });
});

describe('dueItems: a term starting mid-month (2025-03-15 … 2025-08-20)', () => {
  const twentieths = ['2025-03-20', '2025-04-20', '2025-05-20', '2025-06-20', '2025-07-20'];
  const facts = (overrides: Partial<ClientFacts>) =>
    client({ program: 'community_treatment', termStart: '2025-03-15', plannedTermEnd: '2025-08-20', ...overrides });

  it.each<[string, string[], string, Partial<DueItem>]>([
    ['the first month is due by its end', [], '2025-03-20',
      { state: 'upcoming', dueDate: '2025-03-31', periodStart: '2025-03-01' }],
    ['a visit earlier in the start month counts', ['2025-03-03'], '2025-04-01',
      { state: 'upcoming', dueDate: '2025-04-30', periodStart: '2025-04-01' }],
    ['the last month is due by the term end', twentieths, '2025-08-14',
      { state: 'dueSoon', dueDate: '2025-08-20', periodStart: '2025-08-01' }],
  ])('%s', (_, dates, today, expected) => {
    expect(itemOf('visit', facts({ visits: visits('home', ...dates) }), today)).toMatchObject(expected);
  });

  it('the clipped last test window is due today on the last day of the term', () => {
    expect(itemOf('urineTest', facts({ tests: tests('negative', ...twentieths) }), '2025-08-20')).toEqual({
      kind: 'urineTest',
      state: 'dueToday',
      dueDate: '2025-08-20',
      daysOverdue: 0,
      periodStart: '2025-08-15',
    });
  });
});

describe('dueItems: a term starting on a leap day', () => {
  it('the start month is due the same day; the first window ends two months later', () => {
    expect(dueItems(client({ termStart: '2024-02-29', plannedTermEnd: '2027-02-27' }), '2024-02-29')).toEqual([
      { kind: 'visit', state: 'dueToday', dueDate: '2024-02-29', daysOverdue: 0, periodStart: '2024-02-01' },
      { kind: 'checkIn', state: 'dueToday', dueDate: '2024-02-29', daysOverdue: 0, periodStart: '2024-02-01' },
      { kind: 'urineTest', state: 'upcoming', dueDate: '2024-04-28', daysOverdue: 0, periodStart: '2024-02-29' },
    ]);
  });
});

describe('dueItems: status', () => {
  const monthly = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10'];
  const onTime = {
    visits: visits('home', ...monthly),
    checkIns: checkIns(...monthly),
    tests: tests('negative', '2025-02-10', '2025-04-10'),
  };

  it('on leave: no visit or check-in, the test is still due', () => {
    const facts = client({ ...onTime, periods: [{ status: 'on_leave', start: '2025-06-01', end: '2025-06-30' }] });
    expect(dueItems(facts, '2025-06-25')).toEqual([
      { kind: 'urineTest', state: 'dueSoon', dueDate: '2025-06-30', daysOverdue: 0, periodStart: '2025-05-01' },
    ]);
    // A month spent on leave requires nothing; the missed test is overdue.
    expect(dueItems(facts, '2025-07-02')).toEqual([
      { kind: 'urineTest', state: 'overdue', dueDate: '2025-06-30', daysOverdue: 2, periodStart: '2025-05-01' },
      { kind: 'visit', state: 'upcoming', dueDate: '2025-07-31', daysOverdue: 0, periodStart: '2025-07-01' },
      { kind: 'checkIn', state: 'upcoming', dueDate: '2025-07-31', daysOverdue: 0, periodStart: '2025-07-01' },
    ]);
  });

  it.each<[string, string[], Partial<DueItem>]>([
    ['leave from Jun 20: June was due by Jun 19', [], { state: 'overdue', dueDate: '2025-06-19', daysOverdue: 26 }],
    ['a visit during the leave still counts for June', ['2025-06-25'], { state: 'upcoming', dueDate: '2025-07-31' }],
  ])('%s', (_, june, expected) => {
    const facts = client({
      ...onTime,
      visits: visits('home', ...monthly, ...june),
      periods: [{ status: 'on_leave', start: '2025-06-20', end: '2025-07-10' }],
    });
    expect(itemOf('visit', facts, '2025-07-15')).toMatchObject(expected);
  });

  it.each<[string, string]>([
    ['during the leave', '2025-06-25'],
    ['after it ends, until done', '2025-07-20'],
  ])('leave does not hide what was already overdue when it began: %s', (_, today) => {
    // April and May were met, nothing since: June (no active day after the 4th) was due by Jun 4…
    // the check-in of May is met, the visit of May is not.
    const facts = client({
      ...onTime,
      visits: visits('home', '2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10'),
      periods: [{ status: 'on_leave', start: '2025-06-05', end: '2025-07-31' }],
    });
    expect(itemOf('visit', facts, today)).toMatchObject({ state: 'overdue', dueDate: '2025-05-31', periodStart: '2025-05-01' });
    // June's deadline (Jun 4, its last active day) fell the day before the leave: not overdue
    // when it began, so the leave keeps it off the list.
    expect(itemOf('checkIn', facts, today)).toBeUndefined();
    // Done during the leave: gone.
    const done = { ...facts, visits: [...facts.visits, ...visits('home', '2025-06-20')] };
    expect(itemOf('visit', done, '2025-06-25')).toBeUndefined();
  });

  const suspended = { status: 'suspended', start: '2025-03-10', end: '2025-04-18' } as const;

  it.each<[string, ClientFacts, string]>([
    ['suspended', client({ periods: [suspended] }), '2025-04-01'],
    ['open suspension', client({ periods: [{ ...suspended, end: null }] }), '2025-05-01'],
    ['completed', client({ periods: [{ status: 'completed', start: '2025-05-01', end: null }] }), '2025-05-02'],
    [
      'transferred out (its end date is ignored)',
      client({ periods: [{ status: 'transferred_out', start: '2025-05-01', end: '2025-05-01' }] }),
      '2025-06-01',
    ],
    ['after the term', client(), '2028-01-01'],
  ])('nothing is due when %s', (_, facts, today) => {
    expect(dueItems(facts, today)).toEqual([]);
  });

  it('after a suspension: March was due by its last active day, the test window is stretched', () => {
    const facts = client({
      periods: [suspended],
      visits: visits('home', '2025-01-10', '2025-02-10'),
      tests: tests('negative', '2025-02-10'),
    });
    expect(itemOf('visit', facts, '2025-04-19')).toMatchObject({
      state: 'overdue',
      dueDate: '2025-03-09',
      daysOverdue: 41,
    });
    expect(itemOf('urineTest', facts, '2025-04-19')).toMatchObject({
      state: 'upcoming',
      dueDate: '2025-06-09',
      periodStart: '2025-03-01',
    });
  });

  it('a suspension left open after the term: the last test window is still due (bug fix)', () => {
    const facts = client({
      periods: [{ status: 'suspended', start: '2028-01-01', end: null }],
      tests: tests('negative', '2027-03-10'),
    });
    expect(itemOf('urineTest', facts, '2027-11-01')).toEqual({
      kind: 'urineTest', state: 'upcoming', dueDate: '2027-12-31', daysOverdue: 0, periodStart: '2027-07-01',
    });
  });

  // 《戒毒条例》 Art. 20: a refusal counts towards a serious violation and the test is still owed.
  it.each<[string, ReturnType<typeof tests>, string, Partial<DueItem> | undefined]>([
    ['a refusal keeps the window due', tests('refused', '2025-01-20'), '2025-02-25',
      { state: 'dueSoon', dueDate: '2025-02-28', periodStart: '2025-01-01' }],
    ['…and overdue once it ends', tests('refused', '2025-01-20'), '2025-03-02',
      { state: 'overdue', dueDate: '2025-02-28', daysOverdue: 2, periodStart: '2025-01-01' }],
    ['a refusal after the window does not clear the overdue state', tests('refused', '2025-03-01'), '2025-03-02',
      { state: 'overdue', dueDate: '2025-02-28', daysOverdue: 2 }],
    ['a test taken after a refusal closes the window', [...tests('refused', '2025-01-20'), ...tests('positive', '2025-01-27')], '2025-02-25',
      { state: 'upcoming', dueDate: '2025-04-30', periodStart: '2025-03-01' }],
  ])('%s', (_, recorded, today, expected) => {
    expect(itemOf('urineTest', client({ tests: recorded }), today)).toMatchObject(expected!);
  });

  it('a met window makes the next one current', () => {
    expect(itemOf('urineTest', client({ tests: tests('negative', '2025-02-10') }), '2025-02-20')).toEqual({
      kind: 'urineTest', state: 'upcoming', dueDate: '2025-04-30', daysOverdue: 0, periodStart: '2025-03-01',
    });
  });
});

describe('compareUrgency', () => {
  const item = (state: DueItem['state'], dueDate: string, daysOverdue = 0): DueItem => ({
    kind: 'visit', state, dueDate, daysOverdue, periodStart: '2025-01-01',
  });
  it('sorts clients most overdue first', () => {
    const clients: Record<string, DueItem[]> = {
      empty: [],
      upcoming: [item('upcoming', '2025-03-31')],
      soon: [item('dueSoon', '2025-03-25')],
      today: [item('dueToday', '2025-03-20')],
      overdue3: [item('overdue', '2025-03-17', 3)],
      overdue3AndSoon: [item('dueSoon', '2025-03-25'), item('overdue', '2025-03-17', 3)],
      overdue10: [item('overdue', '2025-03-10', 10)],
    };
    const names = Object.keys(clients).sort((a, b) => compareUrgency(clients[a]!, clients[b]!));
    expect(names).toEqual(['overdue10', 'overdue3AndSoon', 'overdue3', 'today', 'soon', 'upcoming', 'empty']);
  });

  it("reads either client's items most urgent first, whatever order they come in", () => {
    const overdue = [item('overdue', '2025-03-17', 3)];
    const soonThenOverdue = [item('dueSoon', '2025-03-25'), item('overdue', '2025-03-17', 3)];
    // Equal at their most urgent (3 days overdue); the one with more to do comes first.
    expect(compareUrgency(overdue, soonThenOverdue)).toBeGreaterThan(0);
    expect(compareUrgency(soonThenOverdue, overdue)).toBeLessThan(0);
    expect(compareUrgency(soonThenOverdue, [...soonThenOverdue].reverse())).toBe(0);
  });
});

describe('dueItems: a client registered mid-term (tracked from 2026-12-04, term from 2025-01-06)', () => {
  const midTerm = (prior: ClientFacts['prior'] = {}, more: Partial<ClientFacts> = {}) =>
    client({ program: 'community_treatment', termStart: '2025-01-06', plannedTermEnd: '2028-01-05', trackedFrom: '2026-12-04', prior, ...more });

  it('no history given: nothing overdue; the first obligations fall due one period after', () => {
    // 社区戒毒 tests every 2 months in year 2 (window Nov 6 – Jan 5 holds Dec 4, not required) and
    // every 3 in year 3, which begins Jan 6: the first required window is Jan 6 – Apr 5.
    expect(dueItems(midTerm(), '2026-12-04')).toEqual([
      { kind: 'visit', state: 'upcoming', dueDate: '2027-01-31', daysOverdue: 0, periodStart: '2027-01-01' },
      { kind: 'checkIn', state: 'upcoming', dueDate: '2027-01-31', daysOverdue: 0, periodStart: '2027-01-01' },
      { kind: 'urineTest', state: 'upcoming', dueDate: '2027-04-05', daysOverdue: 0, periodStart: '2027-01-06' },
    ]);
    // …and they are overdue once those deadlines pass.
    expect(itemOf('visit', midTerm(), '2027-02-02')).toMatchObject({ state: 'overdue', dueDate: '2027-01-31' });
  });

  it('a client followed from the first day of a month owes that month', () => {
    const facts = client({ termStart: '2025-01-06', trackedFrom: '2026-12-01' });
    expect(itemOf('visit', facts, '2026-12-01')).toMatchObject({ state: 'upcoming', dueDate: '2026-12-31' });
  });

  it('history given at intake: the schedule carries on from it', () => {
    const facts = midTerm({ visit: '2026-11-20', checkIn: '2026-12-02', test: '2026-10-01' });
    expect(dueItems(facts, '2026-12-04')).toEqual([
      // The window holding the tracked-from day is due (its last test was in the window before).
      { kind: 'urineTest', state: 'upcoming', dueDate: '2027-01-05', daysOverdue: 0, periodStart: '2026-11-06' },
      // December is due; its check-in is already met by the one given, so January is next.
      { kind: 'visit', state: 'upcoming', dueDate: '2026-12-31', daysOverdue: 0, periodStart: '2026-12-01' },
      { kind: 'checkIn', state: 'upcoming', dueDate: '2027-01-31', daysOverdue: 0, periodStart: '2027-01-01' },
    ].sort((a, b) => a.dueDate.localeCompare(b.dueDate)));
  });

  it('the same client followed from the term start shows the invented history', () => {
    expect(itemOf('visit', midTerm({}, { trackedFrom: null }), '2026-12-04')).toMatchObject({ state: 'overdue', dueDate: '2025-01-31' });
  });
});
