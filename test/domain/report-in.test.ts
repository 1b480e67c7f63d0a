/**
 * 《戒毒条例》 Art. 14 (社区戒毒) and 38 (社区康复): a client reports in within 15 days of the
 * decision. A later first report-in is a legal flag.
 */
import { describe, it, expect } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { compliance, type ClientFacts, type LegalFlag } from '../../src/domain/schedule.js';
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
});
