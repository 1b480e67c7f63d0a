import { describe, it, expect } from 'vitest';
import type { DateRange } from '../../src/domain/dates.js';
import { compliance, nextFlagCheck, type LegalFlag, type StatusPeriod } from '../../src/domain/schedule.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { checkIns, client, tests, visits } from './facts.js';

const serious = (raisedOn: string, causes: [kind: 'missedWindow' | 'refusedTest', date: string][]): LegalFlag => ({
  kind: 'seriousViolation',
  raisedOn,
  causes: causes.map(([kind, date]) => ({ kind, date })),
  key: `serious:${raisedOn}`,
});
const mustReport = (testDate: string): LegalFlag => ({
  kind: 'mustReport',
  raisedOn: testDate,
  testDate,
  key: `positive:${testDate}`,
});

describe('compliance: serious violation (《戒毒条例》 Art. 20–21)', () => {
  const threeMissed = serious('2025-07-01', [
    ['missedWindow', '2025-03-01'],
    ['missedWindow', '2025-05-01'],
    ['missedWindow', '2025-07-01'],
  ]);

  it.each([
    ['2025-06-30', []],
    ['2025-07-01', [threeMissed]],
    ['2025-12-01', [threeMissed]],
  ])('three missed windows, today %s', (today, flags) => {
    expect(compliance(client(), today).flags).toEqual(flags);
  });

  it('lists the missed windows', () => {
    expect(compliance(client(), '2025-07-01').missedTestWindows).toEqual([
      { start: '2025-01-01', end: '2025-02-28' },
      { start: '2025-03-01', end: '2025-04-30' },
      { start: '2025-05-01', end: '2025-06-30' },
    ]);
  });

  // 社区戒毒, monthly windows: Feb missed, Mar closed by a refusal, Apr missed.
  const facts = client({
    program: 'community_treatment',
    tests: [
      ...tests('negative', '2025-05-10', '2025-01-10'),
      ...tests('refused', '2025-03-05', '2025-03-05', '2024-12-31'),
    ],
  });

  it.each([
    ['2025-04-30', [], [{ start: '2025-02-01', end: '2025-02-28' }]],
    [
      '2025-05-01',
      [
        serious('2025-05-01', [
          ['missedWindow', '2025-03-01'],
          ['refusedTest', '2025-03-05'],
          ['missedWindow', '2025-05-01'],
        ]),
      ],
      [{ start: '2025-02-01', end: '2025-02-28' }, { start: '2025-04-01', end: '2025-04-30' }],
    ],
  ])('a refusal counts once for its window, which is not missed again; today %s', (today, flags, missed) => {
    const report = compliance(facts, today);
    expect(report.flags).toEqual(flags);
    expect(report.missedTestWindows).toEqual(missed);
    expect(report.refusedTests).toEqual(['2025-03-05']);
  });

  it('each refusal counts, two in one window included; a later window ended untested counts as missed', () => {
    const report = compliance(client({ tests: tests('refused', '2025-01-20', '2025-02-10') }), '2025-05-01');
    expect(report.refusedTests).toEqual(['2025-01-20', '2025-02-10']);
    expect(report.missedTestWindows).toEqual([{ start: '2025-03-01', end: '2025-04-30' }]);
    expect(report.flags).toEqual([
      serious('2025-05-01', [
        ['refusedTest', '2025-01-20'],
        ['refusedTest', '2025-02-10'],
        ['missedWindow', '2025-05-01'],
      ]),
    ]);
  });

  it('a test taken after a refusal closes the window; the refusal still counts', () => {
    const report = compliance(client({ tests: [...tests('refused', '2025-01-20'), ...tests('negative', '2025-01-21')] }), '2025-03-01');
    expect(report.refusedTests).toEqual(['2025-01-20']);
    expect(report.missedTestWindows).toEqual([]);
  });

  it('keeps the threshold of the law whatever the local rules', () => {
    const rules = { ...DEFAULT_RULES, urineTest: { ...DEFAULT_RULES.urineTest, community_rehab: [12, 6, 4] as [number, number, number] } };
    expect(compliance(client(), '2025-12-01', rules).flags).toEqual([
      serious('2025-04-01', [['missedWindow', '2025-02-01'], ['missedWindow', '2025-03-01'], ['missedWindow', '2025-04-01']]),
    ]);
  });
});

describe('compliance: positive tests must be reported (公安机关)', () => {
  it('raises one flag per positive test in the term, in date order', () => {
    const facts = client({
      tests: tests('positive', '2025-04-03', '2025-02-10', '2025-02-10', '2024-12-20', '2025-09-01'),
    });
    const report = compliance(facts, '2025-05-01');
    expect(report.positiveTests).toEqual(['2025-02-10', '2025-04-03']);
    expect(report.missedTestWindows).toEqual([]);
    expect(report.flags).toEqual([mustReport('2025-02-10'), mustReport('2025-04-03')]);
  });

  it('orders all flags by the day they were raised', () => {
    const report = compliance(client({ tests: tests('positive', '2025-08-15') }), '2025-09-01');
    expect(report.flags.map((f) => f.key)).toEqual(['serious:2025-07-01', 'positive:2025-08-15']);
  });
});

describe('compliance: suspension and term end', () => {
  const taken = tests('negative', '2025-02-10', '2025-05-20', '2025-07-01');

  it.each<[string, StatusPeriod[], DateRange[]]>([
    ['40 days suspended: the stretched window is met', [{ status: 'suspended', start: '2025-03-10', end: '2025-04-18' }], []],
    ['without the suspension window 2 is missed', [], [{ start: '2025-03-01', end: '2025-04-30' }]],
  ])('%s', (_, periods, missed) => {
    const report = compliance(client({ periods, tests: taken }), '2025-08-01');
    expect(report.missedTestWindows).toEqual(missed);
    expect(report.flags).toEqual([]);
  });

  it('a suspension left open after the term does not hide the missed last window (bug fix)', () => {
    const facts = client({ periods: [{ status: 'suspended', start: '2028-01-01', end: null }] });
    expect(compliance(facts, '2028-03-01').missedTestWindows.at(-1)).toEqual({ start: '2027-07-01', end: '2027-12-31' });
  });

  it('terminated mid-window: the window ends the day before, nothing is required after', () => {
    const facts = client({ periods: [{ status: 'terminated', start: '2025-04-10', end: null }] });
    const report = compliance(facts, '2025-12-31');
    expect(report.missedTestWindows).toEqual([
      { start: '2025-01-01', end: '2025-02-28' },
      { start: '2025-03-01', end: '2025-04-09' },
    ]);
    expect(report.missedVisitMonths).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(report.flags).toEqual([]);
  });
});

describe('compliance: missed months', () => {
  it('counts only face-to-face visits, and only months whose deadline passed', () => {
    const facts = client({
      visits: [...visits('home', '2025-04-10', '2025-01-10'), ...visits('phone', '2025-02-10')],
      checkIns: checkIns('2025-01-10', '2025-02-10', '2025-03-10'),
    });
    const report = compliance(facts, '2025-04-15');
    expect(report.missedVisitMonths).toEqual(['2025-02', '2025-03']);
    expect(report.missedCheckInMonths).toEqual([]);
  });

  it('a month ends at its last active day', () => {
    const facts = client({
      visits: visits('home', '2025-01-10'),
      periods: [{ status: 'on_leave', start: '2025-02-20', end: '2025-03-31' }],
    });
    expect(compliance(facts, '2025-02-19').missedVisitMonths).toEqual([]);
    expect(compliance(facts, '2025-02-20').missedVisitMonths).toEqual(['2025-02']);
    expect(compliance(facts, '2025-04-01').missedVisitMonths).toEqual(['2025-02']);
  });
});

describe('nextFlagCheck: when the flags could change with nothing recorded', () => {
  // 社区康复, windows of two months from 2025-01-01: Jan–Feb, Mar–Apr, …
  it.each([
    ['the day after the open window ends', client(), '2025-01-15', '2025-03-01'],
    ['on the window’s last day, still that window', client(), '2025-02-28', '2025-03-01'],
    ['a window closed by a test: the next one', client({ tests: tests('negative', '2025-01-20') }), '2025-02-10', '2025-05-01'],
    ['a test dated later does not close it yet', client({ tests: tests('negative', '2025-02-20') }), '2025-02-10', '2025-03-01'],
    // Its refusal already counts, so the window ending untested changes nothing: the next one.
    ['a refusal in the open window: the next window', client({ tests: tests('refused', '2025-01-20') }), '2025-02-10', '2025-05-01'],
    ['a refusal dated later does not count yet', client({ tests: tests('refused', '2025-02-20') }), '2025-02-10', '2025-03-01'],
    ['after the term: never', client(), '2028-01-01', null],
    ['in an open suspension: never (a status change lists the client again)', client({ periods: [{ status: 'suspended', start: '2025-02-01', end: null }] }), '2025-03-10', null],
  ])('%s', (_what, facts, today, expected) => {
    expect(nextFlagCheck(facts, today)).toBe(expected);
  });
});

describe('compliance: a client registered mid-term', () => {
  // Registered on 2026-12-04 with a report-in date of 2025-01-06 and no history: under the old
  // rule, every month and test window since 2025 missed and a serious violation dated 2025-04-06.
  const facts = client({ program: 'community_treatment', termStart: '2025-01-06', plannedTermEnd: '2028-01-05', trackedFrom: '2026-12-04' });

  it('misses nothing before the tracked-from date and raises no flag', () => {
    expect(compliance(facts, '2026-12-04')).toMatchObject({
      missedTestWindows: [], missedVisitMonths: [], missedCheckInMonths: [], flags: [],
    });
    expect(compliance({ ...facts, trackedFrom: null }, '2026-12-04').flags).toMatchObject([
      { kind: 'seriousViolation', raisedOn: '2025-04-06' },
    ]);
  });

  it('misses what falls due after it', () => {
    expect(compliance(facts, '2027-04-06')).toMatchObject({
      missedTestWindows: [{ start: '2027-01-06', end: '2027-04-05' }],
      missedVisitMonths: ['2027-01', '2027-02', '2027-03'],
    });
    expect(compliance(facts, '2027-03-06')).toMatchObject({
      missedTestWindows: [],
      missedVisitMonths: ['2027-01', '2027-02'],
    });
  });

  it('raises no late report-in flag dated before the tracked-from date', () => {
    // Decided 2024-12-01, reported in 2025-01-06 (36 days): late, but long before it was followed.
    const late = { ...facts, decisionDate: '2024-12-01' };
    expect(compliance(late, '2026-12-04').flags).toEqual([]);
    expect(compliance({ ...late, trackedFrom: null }, '2026-12-04').flags).toContainEqual({
      kind: 'lateReportIn', raisedOn: '2024-12-17', decisionDate: '2024-12-01', reportedOn: '2025-01-06', key: 'late-report-in',
    });
  });

  it('a test given at intake closes its window but raises no flag (its result is not known)', () => {
    const given = { ...facts, prior: { test: '2026-11-30' } };
    expect(compliance(given, '2027-01-10')).toMatchObject({ missedTestWindows: [], positiveTests: [], refusedTests: [], flags: [] });
    expect(nextFlagCheck(given, '2026-12-04')).toBe('2027-04-06');
  });
});

// The edges of each rule, day by day (the places mutation testing found unpinned).
describe('compliance: the edges of the term and of the report-in deadline', () => {
  it('counts a positive test on the term’s first and last day, not the days outside it', () => {
    const facts = client({ tests: tests('positive', '2024-12-31', '2025-01-01', '2027-12-31', '2028-01-01') });
    expect(compliance(facts, '2028-01-01').positiveTests).toEqual(['2025-01-01', '2027-12-31']);
  });

  // Decided 2025-01-01: the report-in is due within 15 days, by 2025-01-16.
  const decided = { decisionDate: '2025-01-01' };
  it('flags a late report-in made today, on the day it is made', () => {
    const facts = client({ ...decided, termStart: '2025-01-20', plannedTermEnd: '2028-01-19' });
    expect(compliance(facts, '2025-01-20').flags).toEqual([
      { kind: 'lateReportIn', raisedOn: '2025-01-17', decisionDate: '2025-01-01', reportedOn: '2025-01-20', key: 'late-report-in' },
    ]);
    expect(compliance(facts, '2025-01-19').flags).toEqual([]);
  });

  it('keeps a late report-in raised on the very day tracking began, not one raised the day before', () => {
    const facts = client({ ...decided, termStart: '2025-01-20', plannedTermEnd: '2028-01-19' });
    expect(compliance({ ...facts, trackedFrom: '2025-01-17' }, '2025-02-01').flags.map((f) => f.kind)).toEqual(['lateReportIn']);
    expect(compliance({ ...facts, trackedFrom: '2025-01-18' }, '2025-02-01').flags).toEqual([]);
  });

  it('for a client not reported in yet: nothing missed, only the deadline; late from the 16th day', () => {
    const waiting = client({ ...decided, awaitingReportIn: true, tests: tests('positive', '2025-01-05') });
    const none = { missedTestWindows: [], refusedTests: [], positiveTests: [], missedVisitMonths: [], missedCheckInMonths: [] };
    expect(compliance(waiting, '2025-01-16')).toEqual({ ...none, flags: [] });
    expect(compliance(waiting, '2025-01-17')).toEqual({
      ...none,
      flags: [{ kind: 'lateReportIn', raisedOn: '2025-01-17', decisionDate: '2025-01-01', reportedOn: null, key: 'late-report-in' }],
    });
  });

  it('orders a window missed on the day of a refusal before the refusal', () => {
    // 社区戒毒, monthly windows: Jan and Feb missed; a refusal on 2025-03-01, the day Feb counts as missed.
    const facts = client({ program: 'community_treatment', tests: tests('refused', '2025-03-01') });
    expect(compliance(facts, '2025-03-01').flags).toEqual([
      serious('2025-03-01', [
        ['missedWindow', '2025-02-01'],
        ['missedWindow', '2025-03-01'],
        ['refusedTest', '2025-03-01'],
      ]),
    ]);
  });

  it('raises an absence violation on the day it is crossed, not before', () => {
    const facts = client({ absences: [{ from: '2025-02-01', until: null }] });
    // Away from 2025-02-01: the 31st day away is 2025-03-03.
    expect(compliance(facts, '2025-03-02').flags.filter((f) => f.kind === 'absenceViolation')).toEqual([]);
    expect(compliance(facts, '2025-03-03').flags.filter((f) => f.kind === 'absenceViolation')).toEqual([
      { kind: 'absenceViolation', raisedOn: '2025-03-03', absences: 1, days: 31, key: 'absence:2025-03-03' },
    ]);
  });
});

describe('nextFlagCheck: the edges', () => {
  it('for a client not reported in yet: the day the report-in becomes late, while it is still ahead', () => {
    const waiting = client({ decisionDate: '2025-01-01', awaitingReportIn: true });
    expect(nextFlagCheck(waiting, '2025-01-16')).toBe('2025-01-17');
    expect(nextFlagCheck(waiting, '2025-01-17')).toBeNull();
    expect(nextFlagCheck(client({ awaitingReportIn: true }), '2025-01-10')).toBeNull();
  });

  it('an absence still going on: the day it would pass 30 days, while that is ahead', () => {
    const facts = client({ tests: tests('negative', '2025-01-10'), absences: [{ from: '2025-02-01', until: null }] });
    expect(nextFlagCheck(facts, '2025-02-10')).toBe('2025-03-03');
    // Crossed today: the next change is the next test window's end.
    expect(nextFlagCheck(facts, '2025-03-03')).toBe('2025-05-01');
  });
});
