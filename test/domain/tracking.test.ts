// A client registered mid-term (an existing caseload, a transfer) is followed from the day of
// registration: what each kind of requirement is required from, at the edges of that rule.
import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/domain/days.js';
import { termDaysFrom } from '../../src/domain/periods.js';
import { requiredFrom, WHOLE_TERM, withPrior } from '../../src/domain/tracking.js';

const term = termDaysFrom({
  start: '2026-01-15',
  effectiveEnd: '2029-01-14',
  lastDay: '2029-01-14',
  segments: [{ start: '2026-01-15', end: null, status: 'active' }],
});
const REHAB_TESTS = [6, 4, 2]; // a test every 2 months in the first year
const days = (...dates: string[]) => dates.map(parseDay);
const none = { visits: [], checkIns: [], tests: [] };
const shown = (from: { visit: number; checkIn: number; test: number }) => ({ visit: formatDay(from.visit), checkIn: formatDay(from.checkIn), test: formatDay(from.test) });

describe('required from', () => {
  it('is the whole term for a client followed from the start, or registered on its first day', () => {
    expect(requiredFrom({ trackedFrom: null }, term, REHAB_TESTS, none)).toEqual(WHOLE_TERM);
    expect(requiredFrom({ trackedFrom: '2026-01-15' }, term, REHAB_TESTS, none)).toEqual({ visit: -Infinity, checkIn: -Infinity, test: -Infinity });
  });

  it('gives a client with no history one period from registration', () => {
    expect(shown(requiredFrom({ trackedFrom: '2026-06-10' }, term, REHAB_TESTS, none))).toEqual({ visit: '2026-07-09', checkIn: '2026-07-09', test: '2026-08-09' });
  });

  it('counts a record on the day of registration as history by then', () => {
    const events = { visits: days('2026-06-10'), checkIns: days('2026-06-11'), tests: days('2026-05-02') };
    expect(shown(requiredFrom({ trackedFrom: '2026-06-10' }, term, REHAB_TESTS, events))).toEqual({ visit: '2026-06-10', checkIn: '2026-07-09', test: '2026-06-10' });
  });
});

describe('the last record before registration', () => {
  it('joins the records when it is not after today', () => {
    expect(withPrior(days('2026-06-20'), '2026-06-10', parseDay('2026-06-10')).map(formatDay)).toEqual(['2026-06-10', '2026-06-20']);
    expect(withPrior(days('2026-06-20'), '2026-06-11', parseDay('2026-06-10')).map(formatDay)).toEqual(['2026-06-20']);
    expect(withPrior(days('2026-06-20'), null, parseDay('2026-06-10')).map(formatDay)).toEqual(['2026-06-20']);
  });
});
