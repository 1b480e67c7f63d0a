import { describe, it, expect } from 'vitest';
import { testWindows, type StatusPeriod } from '../../src/domain/schedule.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { client, tests } from './facts.js';

/** [termYear, index, start, end] */
type Row = [number, number, string, string];
const spans = (facts: Parameters<typeof testWindows>[0]): Row[] =>
  testWindows(facts).map((w) => [w.termYear, w.index, w.start, w.end]);

describe('testWindows: layout', () => {
  it('社区康复 from 2025-01-01: 6 / 4 / 2 windows of 2 / 3 / 6 months', () => {
    expect(spans(client())).toEqual<Row[]>([
      [1, 1, '2025-01-01', '2025-02-28'],
      [1, 2, '2025-03-01', '2025-04-30'],
      [1, 3, '2025-05-01', '2025-06-30'],
      [1, 4, '2025-07-01', '2025-08-31'],
      [1, 5, '2025-09-01', '2025-10-31'],
      [1, 6, '2025-11-01', '2025-12-31'],
      [2, 1, '2026-01-01', '2026-03-31'],
      [2, 2, '2026-04-01', '2026-06-30'],
      [2, 3, '2026-07-01', '2026-09-30'],
      [2, 4, '2026-10-01', '2026-12-31'],
      [3, 1, '2027-01-01', '2027-06-30'],
      [3, 2, '2027-07-01', '2027-12-31'],
    ]);
  });

  it('社区戒毒 from Jan 31: monthly windows do not drift at month ends', () => {
    const facts = client({ program: 'community_treatment', termStart: '2025-01-31', plannedTermEnd: '2028-01-30' });
    expect(spans(facts).slice(0, 13)).toEqual<Row[]>([
      [1, 1, '2025-01-31', '2025-02-27'],
      [1, 2, '2025-02-28', '2025-03-30'],
      [1, 3, '2025-03-31', '2025-04-29'],
      [1, 4, '2025-04-30', '2025-05-30'],
      [1, 5, '2025-05-31', '2025-06-29'],
      [1, 6, '2025-06-30', '2025-07-30'],
      [1, 7, '2025-07-31', '2025-08-30'],
      [1, 8, '2025-08-31', '2025-09-29'],
      [1, 9, '2025-09-30', '2025-10-30'],
      [1, 10, '2025-10-31', '2025-11-29'],
      [1, 11, '2025-11-30', '2025-12-30'],
      [1, 12, '2025-12-31', '2026-01-30'],
      [2, 1, '2026-01-31', '2026-03-30'],
    ]);
    expect(spans(facts)).toHaveLength(12 + 6 + 4);
  });

  it('leap-day start 2024-02-29', () => {
    expect(spans(client({ termStart: '2024-02-29', plannedTermEnd: '2027-02-27' }))).toEqual<Row[]>([
      [1, 1, '2024-02-29', '2024-04-28'],
      [1, 2, '2024-04-29', '2024-06-28'],
      [1, 3, '2024-06-29', '2024-08-28'],
      [1, 4, '2024-08-29', '2024-10-28'],
      [1, 5, '2024-10-29', '2024-12-28'],
      [1, 6, '2024-12-29', '2025-02-27'],
      [2, 1, '2025-02-28', '2025-05-28'],
      [2, 2, '2025-05-29', '2025-08-28'],
      [2, 3, '2025-08-29', '2025-11-28'],
      [2, 4, '2025-11-29', '2026-02-27'],
      [3, 1, '2026-02-28', '2026-08-28'],
      [3, 2, '2026-08-29', '2027-02-27'],
    ]);
  });

  it('a planned end on the first day of a new term year: a one-day window after a whole one', () => {
    expect(spans(client({ plannedTermEnd: '2026-01-01' })).slice(-2)).toEqual<Row[]>([
      [1, 6, '2025-11-01', '2025-12-31'],
      [2, 1, '2026-01-01', '2026-01-01'],
    ]);
  });

  it('mid-month start; the last window is clipped at the term end', () => {
    const facts = client({ program: 'community_treatment', termStart: '2025-03-15', plannedTermEnd: '2025-08-20' });
    expect(spans(facts)).toEqual<Row[]>([
      [1, 1, '2025-03-15', '2025-04-14'],
      [1, 2, '2025-04-15', '2025-05-14'],
      [1, 3, '2025-05-15', '2025-06-14'],
      [1, 4, '2025-06-15', '2025-07-14'],
      [1, 5, '2025-07-15', '2025-08-14'],
      [1, 6, '2025-08-15', '2025-08-20'],
    ]);
  });

  // The last column says whether the rows are all the windows or only the first ones.
  it.each<[string, StatusPeriod[], Row[], 'all' | 'first']>([
    [
      '40 days suspended inside window 2 stretch it and shift the rest',
      [{ status: 'suspended', start: '2025-03-10', end: '2025-04-18' }],
      [
        [1, 1, '2025-01-01', '2025-02-28'],
        [1, 2, '2025-03-01', '2025-06-09'],
        [1, 3, '2025-06-10', '2025-08-09'],
        [1, 4, '2025-08-10', '2025-10-10'],
      ],
      'first',
    ],
    [
      'suspended across the term start: the clock starts after it',
      [{ status: 'suspended', start: '2024-12-20', end: '2025-01-10' }],
      [
        [1, 1, '2025-01-11', '2025-03-10'],
        [1, 2, '2025-03-11', '2025-05-10'],
      ],
      'first',
    ],
    [
      'open suspension: windows ending in it are unknown',
      [{ status: 'suspended', start: '2025-03-10', end: null }],
      [[1, 1, '2025-01-01', '2025-02-28']],
      'all',
    ],
    [
      'open suspension inside the last window: that window is unknown too',
      [{ status: 'suspended', start: '2027-10-01', end: null }],
      [
        [1, 1, '2025-01-01', '2025-02-28'], [1, 2, '2025-03-01', '2025-04-30'], [1, 3, '2025-05-01', '2025-06-30'],
        [1, 4, '2025-07-01', '2025-08-31'], [1, 5, '2025-09-01', '2025-10-31'], [1, 6, '2025-11-01', '2025-12-31'],
        [2, 1, '2026-01-01', '2026-03-31'], [2, 2, '2026-04-01', '2026-06-30'], [2, 3, '2026-07-01', '2026-09-30'],
        [2, 4, '2026-10-01', '2026-12-31'], [3, 1, '2027-01-01', '2027-06-30'],
      ],
      'all',
    ],
    [
      'terminated mid-window: clipped the day before, later ones dropped',
      [{ status: 'terminated', start: '2025-04-10', end: null }],
      [
        [1, 1, '2025-01-01', '2025-02-28'],
        [1, 2, '2025-03-01', '2025-04-09'],
      ],
      'all',
    ],
  ])('%s', (_, periods, expected, which) => {
    const all = spans(client({ periods }));
    expect(which === 'all' ? all : all.slice(0, expected.length)).toEqual(expected);
  });

  // Bug fix: the last window used to be dropped because the (clipped) next window would start
  // inside the open suspension, although the window itself ends on the known term end.
  it.each<[string, StatusPeriod[], Row]>([
    ['open suspension from the day after the term end', [{ status: 'suspended', start: '2028-01-01', end: null }],
      [3, 2, '2027-07-01', '2027-12-31']],
    ['open suspension a few days after the term end', [{ status: 'suspended', start: '2028-01-05', end: null }],
      [3, 2, '2027-07-01', '2027-12-31']],
  ])('%s: the last window is kept', (_, periods, last) => {
    const all = spans(client({ periods }));
    expect(all).toHaveLength(12);
    expect(all.at(-1)).toEqual(last);
  });

  it('an open suspension after the term keeps a one-day window on the planned end', () => {
    // 3 years and a day: term year 4 has its first window, clipped to the single last day.
    const facts = client({ plannedTermEnd: '2028-01-01', periods: [{ status: 'suspended', start: '2028-02-08', end: null }] });
    expect(spans(facts).at(-1)).toEqual([4, 1, '2028-01-01', '2028-01-01']);
  });

  it('the last window of a suspended term ends on the effective term end', () => {
    const facts = client({ periods: [{ status: 'suspended', start: '2025-03-10', end: '2025-04-18' }] });
    expect(spans(facts).at(-1)).toEqual([3, 2, '2027-08-10', '2028-02-09']);
  });
});

describe('testWindows: closing and missing', () => {
  it.each<[string, ReturnType<typeof tests>, string, string | null, boolean]>([
    ['a test on the last day closes the window', tests('negative', '2025-02-28'), '2025-03-01', '2025-02-28', false],
    // 《戒毒条例》 Art. 20: a refusal counts as one cause and the test is still owed; ended
    // untested, the window is not missed again (its refusal already counts).
    ['a refusal does not close the window, nor is it missed', tests('refused', '2025-01-20'), '2025-03-01', null, false],
    ['a refusal, then a test: the test closes it', [...tests('refused', '2025-01-20'), ...tests('negative', '2025-02-03')], '2025-03-01', '2025-02-03', false],
    ['a positive test closes the window', tests('positive', '2025-01-20'), '2025-03-01', '2025-01-20', false],
    ['a test the day after does not', tests('negative', '2025-03-01'), '2025-03-01', null, true],
    ['not missed on its last day', [], '2025-02-28', null, false],
    ['missed the day after', [], '2025-03-01', null, true],
    ['a test dated after today is ignored', tests('negative', '2025-02-10'), '2025-02-01', null, false],
    [
      'unsorted duplicates: the earliest test taken closes it',
      [...tests('negative', '2025-02-20', '2025-02-11'), ...tests('refused', '2025-01-05', '2025-01-05')],
      '2025-03-01',
      '2025-02-11',
      false,
    ],
  ])('%s', (_, recorded, today, closedBy, missed) => {
    const [first] = testWindows(client({ tests: recorded }), DEFAULT_RULES, today);
    expect(first).toMatchObject({ start: '2025-01-01', end: '2025-02-28', closedBy, missed });
  });

  it('the test given at intake closes its window (its result is not known)', () => {
    const facts = client({ trackedFrom: '2025-01-10', prior: { test: '2025-01-03' } });
    expect(testWindows(facts, DEFAULT_RULES, '2025-03-01')[0]).toMatchObject({ end: '2025-02-28', closedBy: '2025-01-03', missed: false });
  });

  it('a refusal spares only its own window', () => {
    const windows = testWindows(client({ tests: tests('refused', '2025-02-28') }), DEFAULT_RULES, '2025-05-01');
    expect(windows.slice(0, 2).map((w) => [w.closedBy, w.missed])).toEqual([[null, false], [null, true]]);
  });

  it("a refusal on the window's first day spares it too", () => {
    const windows = testWindows(client({ tests: tests('refused', '2025-03-01') }), DEFAULT_RULES, '2025-05-01');
    expect(windows.slice(0, 2).map((w) => [w.start, w.missed])).toEqual([['2025-01-01', true], ['2025-03-01', false]]);
  });

  it("followed from a term year's last day: the window ending that day is the first required", () => {
    // A test given at intake on or before the tracked-from date: tests are required from that day.
    const facts = client({ trackedFrom: '2025-12-31', prior: { test: '2025-11-20' } });
    expect(testWindows(facts, DEFAULT_RULES, '2026-01-02')[0]).toEqual({
      termYear: 1, index: 6, start: '2025-11-01', end: '2025-12-31', closedBy: '2025-11-20', missed: false,
    });
  });

  it('judges nothing missed without today', () => {
    expect(testWindows(client()).some((w) => w.missed)).toBe(false);
  });

  it('a test in the stretched part of a window closes it', () => {
    const facts = client({
      periods: [{ status: 'suspended', start: '2025-03-10', end: '2025-04-18' }],
      tests: tests('negative', '2025-07-01', '2025-02-10', '2025-05-20'),
    });
    expect(testWindows(facts, DEFAULT_RULES, '2025-08-01').slice(0, 3)).toEqual([
      { termYear: 1, index: 1, start: '2025-01-01', end: '2025-02-28', closedBy: '2025-02-10', missed: false },
      { termYear: 1, index: 2, start: '2025-03-01', end: '2025-06-09', closedBy: '2025-05-20', missed: false },
      { termYear: 1, index: 3, start: '2025-06-10', end: '2025-08-09', closedBy: '2025-07-01', missed: false },
    ]);
  });
});
