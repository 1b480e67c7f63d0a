/**
 * 《戒毒条例》 Art. 14 (社区戒毒) and 38 (社区康复): a client reports in within 15 days of the
 * decision. A later first report-in is a legal flag.
 */
import { describe, it, expect } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { compliance, dueItems, nextFlagCheck, type ClientFacts, type LegalFlag } from '../../src/domain/schedule.js';
import { client, tests } from './facts.js';

describe('compliance: late report-in (《戒毒条例》 Art. 14, 38)', () => {
  const late = (decisionDate: string, reportedOn: string): LegalFlag[] => [
    { kind: 'lateReportIn', raisedOn: addDays(decisionDate, 16), decisionDate, reportedOn, key: 'late-report-in' },
  ];
  const lateFlags = (facts: ClientFacts, today = '2025-01-20') => compliance(facts, today).flags.filter((f) => f.kind === 'lateReportIn');

  it.each<[string, string | null | undefined, LegalFlag[]]>([
    ['no decision date', undefined, []],
    ['a decision date not known', null, []],
    ['15 days after the decision is on time', '2024-12-17', []],
    ['16 days after is late: raised on the 16th day', '2024-12-16', late('2024-12-16', '2025-01-01')],
    ['a month after', '2024-12-01', late('2024-12-01', '2025-01-01')],
    ['a decision dated after the report-in (an entry error) is no flag', '2025-01-05', []],
  ])('%s', (_, decisionDate, expected) => {
    expect(lateFlags(client({ decisionDate }))).toEqual(expected);
  });

  it('a report-in after today is not a fact yet', () => {
    expect(lateFlags(client({ decisionDate: '2024-11-01' }), '2024-12-31')).toEqual([]);
  });

  // A transfer's term continues from the first report-in at the place of origin; its arrival here
  // runs 15 days from the change of place (Art. 22), not from the decision.
  it('judges the first report-in, not the arrival here of a transfer', () => {
    expect(lateFlags(client({ decisionDate: '2024-12-20', reportedOn: '2025-01-15' }))).toEqual([]);
    expect(lateFlags(client({ decisionDate: '2024-12-01', reportedOn: '2025-01-15' }))).toEqual(late('2024-12-01', '2025-01-01'));
  });

  it('is ordered with the other flags by the day it was raised', () => {
    const facts = client({ decisionDate: '2024-12-01', tests: tests('positive', '2025-01-10') });
    expect(compliance(facts, '2025-01-20').flags.map((f) => f.key)).toEqual(['late-report-in', 'positive:2025-01-10']);
  });

  describe('registered on the decision, not reported in yet', () => {
    // termStart holds the decision date until the report-in; nothing of a term runs before it.
    const awaiting = (decisionDate: string, extra: Partial<ClientFacts> = {}) =>
      client({ decisionDate, termStart: decisionDate, awaitingReportIn: true, ...extra });

    it.each<[string, string, LegalFlag[]]>([
      ['on the 15th day after the decision: not late yet', '2025-01-16', []],
      ['on the 16th: late, raised that day', '2025-01-17', [{ kind: 'lateReportIn', raisedOn: '2025-01-17', decisionDate: '2025-01-01', reportedOn: null, key: 'late-report-in' }]],
    ])('%s', (_, today, expected) => {
      expect(compliance(awaiting('2025-01-01'), today).flags).toEqual(expected);
    });

    it('owes nothing else: no due items, no missed windows or months, whatever time passes', () => {
      const facts = awaiting('2025-01-01');
      const later = compliance(facts, '2025-09-01');
      expect(later).toMatchObject({ missedTestWindows: [], missedVisitMonths: [], missedCheckInMonths: [] });
      expect(later.flags.map((f) => f.kind)).toEqual(['lateReportIn']);
      expect(dueItems(facts, '2025-09-01')).toEqual([]);
    });

    it('is checked again on the day the report-in becomes late, and not after', () => {
      expect(nextFlagCheck(awaiting('2025-01-01'), '2025-01-05')).toBe('2025-01-17');
      expect(nextFlagCheck(awaiting('2025-01-01'), '2025-01-17')).toBeNull();
    });
  });
});
