import { describe, it, expect } from 'vitest';
import { schedulePeriods } from '../../src/domain/periods.js';
import { dueItems, effectiveTermEnd, statusOn, termYearOn, testWindows, type ClientFacts, type StatusPeriod } from '../../src/domain/schedule.js';
import { client, visits } from './facts.js';

const suspended = (start: string, end: string | null): StatusPeriod => ({ status: 'suspended', start, end });
const onLeave = (start: string, end: string | null): StatusPeriod => ({ status: 'on_leave', start, end });

describe('statusOn', () => {
  const periods: StatusPeriod[] = [
    { status: 'completed', start: '2025-06-01', end: '2025-06-05' },
    onLeave('2025-07-01', '2025-07-10'),
    suspended('2025-03-10', '2025-03-20'),
    onLeave('2025-03-01', '2025-03-31'),
  ];

  it.each([
    ['2025-02-28', 'active'],
    ['2025-03-01', 'on_leave'],
    ['2025-03-09', 'on_leave'],
    ['2025-03-10', 'suspended'],
    ['2025-03-20', 'suspended'],
    ['2025-03-21', 'on_leave'],
    ['2025-03-31', 'on_leave'],
    ['2025-04-01', 'active'],
    ['2025-05-31', 'active'],
    ['2025-06-01', 'completed'],
    ['2025-06-10', 'completed'],
    ['2025-07-05', 'completed'],
  ])('%s → %s (latest start wins; a terminal status never ends)', (d, expected) => {
    expect(statusOn({ periods }, d)).toBe(expected);
  });

  it.each([
    ['2025-08-03', 'suspended'],
    ['2025-08-06', 'on_leave'],
    ['2025-09-05', 'active'],
  ])('%s → %s (same start: the more restrictive; reversed periods are ignored)', (d, expected) => {
    const tied: StatusPeriod[] = [
      onLeave('2025-08-01', '2025-08-10'),
      suspended('2025-08-01', '2025-08-05'),
      suspended('2025-09-10', '2025-09-01'),
    ];
    expect(statusOn({ periods: tied }, d)).toBe(expected);
    expect(statusOn({ periods: [...tied].reverse() }, d)).toBe(expected);
  });
});

describe('effectiveTermEnd (term 2025-01-01 … 2027-12-31)', () => {
  it.each<[string, StatusPeriod[], string | null]>([
    ['no periods', [], '2027-12-31'],
    ['40 days suspended', [suspended('2025-03-10', '2025-04-18')], '2028-02-09'],
    ['leave does not extend', [onLeave('2025-03-10', '2025-04-18')], '2027-12-31'],
    ['suspended across the start (10 days inside)', [suspended('2024-12-20', '2025-01-10')], '2028-01-10'],
    ['suspended after the term', [suspended('2028-03-01', '2028-03-10')], '2027-12-31'],
    [
      'two suspensions, 5 + 7 days',
      [
        suspended('2026-07-01', '2026-07-07'),
        suspended('2025-05-01', '2025-05-05'),
      ],
      '2028-01-12',
    ],
    ['suspended across the planned end (17 days)', [suspended('2027-12-20', '2028-01-05')], '2028-01-17'],
    [
      'leave inside a suspension runs the clock (35 days)',
      [
        suspended('2025-03-10', '2025-04-18'),
        onLeave('2025-04-01', '2025-04-05'),
      ],
      '2028-02-04',
    ],
    ['open suspension', [suspended('2026-01-01', null)], null],
    ['a terminal status does not move it', [{ status: 'completed', start: '2026-01-01', end: null }], '2027-12-31'],
  ])('%s → %s', (_, periods, expected) => {
    expect(effectiveTermEnd(client({ periods }))).toBe(expected);
  });
});

describe('termYearOn', () => {
  it.each([
    ['2024-12-31', null],
    ['2025-01-01', 1],
    ['2025-12-31', 1],
    ['2026-01-01', 2],
    ['2027-01-01', 3],
    ['2027-12-31', 3],
    ['2028-01-01', null],
  ])('plain term: %s → %s', (d, expected) => {
    expect(termYearOn(client(), d)).toBe(expected);
  });

  it.each([
    ['2025-04-01', 1],
    ['2025-12-31', 1],
    ['2026-02-09', 1],
    ['2026-02-10', 2],
    ['2028-02-09', 3],
    ['2028-02-10', null],
  ])('40 days suspended in 2025: %s → %s', (d, expected) => {
    const facts = client({ periods: [suspended('2025-03-10', '2025-04-18')] });
    expect(termYearOn(facts, d)).toBe(expected);
  });

  it.each([
    ['2025-02-27', 1],
    ['2025-02-28', 2],
    ['2026-02-27', 2],
    ['2026-02-28', 3],
    ['2027-02-27', 3],
    ['2027-02-28', null],
  ])('leap-day start: %s → %s', (d, expected) => {
    expect(termYearOn(client({ termStart: '2024-02-29', plannedTermEnd: '2027-02-27' }), d)).toBe(expected);
  });

  it.each([
    ['2026-03-01', 2],
    ['2027-01-01', 3],
  ])('on leave in 2027 (leave does not stop term time): %s → %s', (d, expected) => {
    expect(termYearOn(client({ periods: [onLeave('2027-06-01', '2027-08-31')] }), d)).toBe(expected);
  });

  it('suspended from 2025-03-10 with no end: the year of the days before', () => {
    expect(termYearOn(client({ periods: [suspended('2025-03-10', null)] }), '2025-02-01')).toBe(1);
  });

  it.each([
    ['2026-05-31', 2],
    ['2026-06-01', null],
  ])('terminated 2026-06-01: %s → %s', (d, expected) => {
    const facts = client({ periods: [{ status: 'terminated', start: '2026-06-01', end: null }] });
    expect(termYearOn(facts, d)).toBe(expected);
  });
});

describe('ClientFacts', () => {
  it('carries absences, the decision date and the report-in date here (filled by the loaders)', () => {
    const facts: ClientFacts = client({
      absences: [{ from: '2025-03-01', until: '2025-03-04' }, { from: '2025-05-01', until: null }],
      decisionDate: '2024-12-20',
      reportedOn: '2025-01-01',
    });
    expect(facts.absences).toHaveLength(2);
  });
});

describe('schedulePeriods', () => {
  it('keeps every stored status but active, as periods', () => {
    expect(
      schedulePeriods([
        { status: 'active', startsOn: '2025-01-01', endsOn: '2025-02-28' },
        { status: 'on_leave', startsOn: '2025-03-01', endsOn: '2025-03-10' },
        { status: 'active', startsOn: '2025-03-11', endsOn: null },
        { status: 'completed', startsOn: '2027-12-31', endsOn: null },
      ]),
    ).toEqual([
      { status: 'on_leave', start: '2025-03-01', end: '2025-03-10' },
      { status: 'completed', start: '2027-12-31', end: null },
    ]);
  });
});

describe('periods outside the term', () => {
  // The term, its windows and its months start on the term start whatever came before it.
  it.each<[string, StatusPeriod]>([
    ['on leave across the term start', onLeave('2024-12-20', '2025-01-10')],
    ['on leave before the term, ended before it', onLeave('2024-11-01', '2024-11-30')],
  ])('%s: the term and its first window start on the term start', (_, period) => {
    const facts = client({ periods: [period] });
    expect(testWindows(facts)[0]).toMatchObject({ start: '2025-01-01', end: '2025-02-28' });
    expect(effectiveTermEnd(facts)).toBe('2027-12-31');
  });

  it('a suspension ending on the term start stops only that day', () => {
    const facts = client({ periods: [suspended('2024-12-20', '2025-01-01')] });
    expect(testWindows(facts)[0]).toMatchObject({ start: '2025-01-02', end: '2025-03-01' });
    expect(effectiveTermEnd(facts)).toBe('2028-01-01');
  });
});

describe('a month whose only active day is its first', () => {
  it('is due on that day', () => {
    const facts = client({ periods: [onLeave('2025-03-02', '2025-03-31')], visits: visits('home', '2025-01-10', '2025-02-10') });
    expect(dueItems(facts, '2025-03-01').find((i) => i.kind === 'visit')).toMatchObject({ state: 'dueToday', dueDate: '2025-03-01' });
  });
});
