import type { ClientFacts } from '../../src/domain/schedule.js';
import type { UrineResult, VisitKind } from '../../src/domain/types.js';

/** A 社区康复 client with a three-year term from 2025-01-01 and no records, unless overridden. */
export function client(overrides: Partial<ClientFacts> = {}): ClientFacts {
  return {
    program: 'community_rehab',
    termStart: '2025-01-01',
    plannedTermEnd: '2027-12-31',
    periods: [],
    visits: [],
    checkIns: [],
    tests: [],
    ...overrides,
  };
}

export const visits = (kind: VisitKind, ...dates: string[]) => dates.map((date) => ({ date, kind }));
export const checkIns = (...dates: string[]) => dates.map((date) => ({ date }));
export const tests = (result: UrineResult, ...dates: string[]) => dates.map((date) => ({ date, result }));
