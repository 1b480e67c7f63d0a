/**
 * 《戒毒条例》 Art. 20 (二): leaving the county (县、市、区) without permission three times or more,
 * or for more than 30 days in all, is a serious violation of the agreement.
 */
import { describe, it, expect } from 'vitest';
import { compliance, nextFlagCheck, type ClientFacts, type LegalFlag, type StatusPeriod } from '../../src/domain/schedule.js';
import { client, tests } from './facts.js';

/** 社区康复 from 2025-01-01, every two-month window of 2025 tested on its first day. */
const tested = (absences: ClientFacts['absences'], periods: StatusPeriod[] = []): ClientFacts =>
  client({
    absences,
    periods,
    tests: tests('negative', '2025-01-01', '2025-03-01', '2025-05-01', '2025-07-01', '2025-09-01', '2025-11-01'),
  });
const absent = (from: string, until: string | null) => ({ from, until });
const flagged = (raisedOn: string, absences: number, days: number): LegalFlag[] => [
  { kind: 'absenceViolation', raisedOn, absences, days, key: `absence:${raisedOn}` },
];
const absenceFlags = (facts: ClientFacts, today: string) => compliance(facts, today).flags.filter((f) => f.kind === 'absenceViolation');

describe('compliance: unauthorised absences (《戒毒条例》 Art. 20 (二))', () => {
  it.each<[string, ClientFacts['absences'], string, LegalFlag[]]>([
    ['none recorded', undefined, '2025-12-01', []],
    ['two absences, 10 days', [absent('2025-02-01', '2025-02-05'), absent('2025-04-01', '2025-04-05')], '2025-12-01', []],
    ['the third absence: raised on its first day', [
      absent('2025-02-01', '2025-02-02'), absent('2025-04-01', '2025-04-03'), absent('2025-06-10', '2025-06-12'),
    ], '2025-12-01', flagged('2025-06-10', 3, 6)],
    ['…not before it', [
      absent('2025-02-01', '2025-02-02'), absent('2025-04-01', '2025-04-03'), absent('2025-06-10', '2025-06-12'),
    ], '2025-06-09', []],
    ['30 days in one absence is not more than 30', [absent('2025-03-01', '2025-03-30')], '2025-12-01', []],
    ['31 days: raised on the 31st', [absent('2025-03-01', '2025-03-31')], '2025-12-01', flagged('2025-03-31', 1, 31)],
    ['over two absences: raised on the 31st day in all', [absent('2025-02-01', '2025-02-20'), absent('2025-05-01', '2025-05-20')],
      '2025-12-01', flagged('2025-05-11', 2, 31)],
    ['whichever comes first: 31 days before the third absence', [
      absent('2025-02-01', '2025-03-15'), absent('2025-05-01', '2025-05-01'), absent('2025-06-01', '2025-06-01'),
    ], '2025-12-01', flagged('2025-03-03', 1, 31)],
    ['an open absence counts up to today', [absent('2025-03-01', null)], '2025-03-30', []],
    ['…and raises the flag on its 31st day', [absent('2025-03-01', null)], '2025-04-15', flagged('2025-03-31', 1, 31)],
    ['an end recorded after today counts up to today', [absent('2025-03-01', '2025-05-01')], '2025-03-30', []],
    ['overlapping records are one absence, each day counted once', [
      absent('2025-03-01', '2025-03-20'), absent('2025-03-10', '2025-03-25'), absent('2025-03-25', '2025-03-26'), absent('2025-07-01', '2025-07-01'),
    ], '2025-12-01', []],
    ['an absence recorded after today is ignored', [
      absent('2025-02-01', '2025-02-01'), absent('2025-03-01', '2025-03-01'), absent('2025-06-01', '2025-06-01'),
    ], '2025-05-01', []],
    ['only days inside the term count: one from before the start counts from the start', [
      absent('2024-11-01', '2025-01-10'), absent('2024-10-01', '2024-10-03'),
    ], '2025-12-01', []],
    ['a record ending before it starts is ignored', [
      absent('2025-02-01', '2025-01-20'), absent('2025-03-01', '2025-03-01'), absent('2025-04-01', '2025-04-01'),
    ], '2025-12-01', []],
  ])('%s', (_, absences, today, expected) => {
    expect(absenceFlags(tested(absences), today)).toEqual(expected);
  });

  it('ignores absences after the term and after the client left', () => {
    const three = [absent('2028-01-05', '2028-01-06'), absent('2028-02-05', '2028-02-06'), absent('2028-03-05', '2028-03-06')];
    expect(absenceFlags(client({ absences: three }), '2028-06-01')).toEqual([]);
    const left = [{ status: 'transferred_out', start: '2025-06-01', end: null }] as StatusPeriod[];
    expect(absenceFlags(tested([absent('2025-05-20', null)], left), '2025-12-01')).toEqual([]);
  });

  it('is raised once, dated with what it was raised on', () => {
    const absences = [absent('2025-02-01', '2025-02-02'), absent('2025-04-01', '2025-04-03'), absent('2025-06-10', '2025-06-12'), absent('2025-08-01', '2025-09-15')];
    expect(absenceFlags(tested(absences), '2025-12-01')).toEqual(flagged('2025-06-10', 3, 6));
  });
});

describe('nextFlagCheck: an open absence', () => {
  // Windows are tested on their first day: on the days below the window check is the day after
  // the first window still ahead (May–June).
  it.each<[string, ClientFacts['absences'], string, string | null]>([
    ['no absence: the next window', [], '2025-03-15', '2025-07-01'],
    ['an open absence crosses 30 days first', [absent('2025-03-01', null)], '2025-03-15', '2025-03-31'],
    ['…counting earlier absences', [absent('2025-02-01', '2025-02-10'), absent('2025-03-01', null)], '2025-03-15', '2025-03-21'],
    ['an end recorded after today is kept to', [absent('2025-03-01', '2025-03-20')], '2025-03-15', '2025-07-01'],
    ['once raised, only the windows', [absent('2025-03-01', null)], '2025-04-15', '2025-07-01'],
  ])('%s', (_, absences, today, expected) => {
    expect(nextFlagCheck(tested(absences), today)).toBe(expected);
  });

  it('a crossing after the term is no check', () => {
    const facts = client({ plannedTermEnd: '2025-03-20', tests: tests('negative', '2025-01-01', '2025-03-01'), absences: [absent('2025-03-01', null)] });
    expect(nextFlagCheck(facts, '2025-03-10')).toBe(null);
  });

  it('a window that ends first is checked first, the crossing after it', () => {
    const facts = client({ absences: [absent('2025-02-20', null)] });
    expect(nextFlagCheck(facts, '2025-02-25')).toBe('2025-03-01');
    expect(nextFlagCheck(facts, '2025-03-05')).toBe('2025-03-22');
  });
});
