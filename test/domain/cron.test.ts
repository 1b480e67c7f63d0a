// Looking back over a schedule must agree with node-cron, which runs it: the same reading of
// every form the configuration accepts, the current second counted, local days in any zone.
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { firedWithin, isSchedule } from '../../src/domain/cron.js';
import { todayIn } from '../../src/domain/dates.js';

const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';

/** Fired since local midnight (the daily catch-up's question). */
const firedToday = (expression: string, now: Date, timeZone: string) =>
  firedWithin(expression, now, timeZone, (at) => todayIn(timeZone, at) === todayIn(timeZone, now));

/** The old answer, kept as the oracle: node-cron's own matcher, minute by minute back to midnight. */
function matchedToday(expression: string, now: Date, timeZone: string): boolean {
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    const today = todayIn(timeZone, now);
    for (let at = new Date(Math.floor(now.getTime() / 60_000) * 60_000); todayIn(timeZone, at) === today; at = new Date(at.getTime() - 60_000)) {
      if (task.match(at)) return true;
    }
    return false;
  } finally {
    void task.destroy();
  }
}

describe('firedWithin: the current minute and the day boundary', () => {
  it('counts a time at the current minute, not the minute before it', () => {
    expect(firedToday('30 8 * * *', new Date('2026-04-08T08:30:20+08:00'), SHANGHAI)).toBe(true);
    expect(firedToday('30 8 * * *', new Date('2026-04-08T08:30:00+08:00'), SHANGHAI)).toBe(true);
    expect(firedToday('30 8 * * *', new Date('2026-04-08T08:29:59+08:00'), SHANGHAI)).toBe(false);
  });

  it('counts seconds when the expression has them, and only once they have passed', () => {
    expect(firedToday('30 30 8 * * *', new Date('2026-04-08T08:30:29+08:00'), SHANGHAI)).toBe(false);
    expect(firedToday('30 30 8 * * *', new Date('2026-04-08T08:30:30+08:00'), SHANGHAI)).toBe(true);
  });

  it('takes local days in Shanghai (no daylight saving)', () => {
    // 23:30 the day before is 15:30 UTC on the same UTC date as the morning: still yesterday.
    expect(firedToday('30 23 * * *', new Date('2026-04-08T08:00:00+08:00'), SHANGHAI)).toBe(false);
    expect(firedToday('0 0 * * *', new Date('2026-04-08T00:00:00+08:00'), SHANGHAI)).toBe(true);
    expect(firedToday('0 0 * * *', new Date('2026-04-07T23:59:59+08:00'), SHANGHAI)).toBe(true);
  });

  it('takes local days in Berlin across both daylight-saving changes', () => {
    // Summer time starts 2026-03-29 at 02:00 (02:30 never happens), ends 2026-10-25 at 03:00.
    expect(firedToday('30 2 * * *', new Date('2026-03-29T12:00:00+02:00'), BERLIN)).toBe(false);
    expect(firedToday('30 3 * * *', new Date('2026-03-29T03:30:00+02:00'), BERLIN)).toBe(true);
    expect(firedToday('30 2 * * *', new Date('2026-10-25T02:30:00+02:00'), BERLIN)).toBe(true);
    expect(firedToday('30 2 * * *', new Date('2026-10-25T02:29:00+01:00'), BERLIN)).toBe(true);
    // 00:10 in summer is 22:10 UTC the evening before: the local day counts.
    expect(firedToday('0 0 * * *', new Date('2026-07-01T00:10:00+02:00'), BERLIN)).toBe(true);
    expect(firedToday('0 23 * * *', new Date('2026-07-01T00:10:00+02:00'), BERLIN)).toBe(false);
  });
});

describe('firedWithin: node-cron’s reading of the expression', () => {
  const forms = [
    '30 8 * * *', '0 9 * * 1', '30 2 * * *', '0 7,15 * * 1-5', '*/15 * * * *', '0 8-18/2 * * *',
    '@daily', '@midnight', '@weekly', '0 9 * * mon', '0 9 * * MON-FRI', '0 9 * * 7', '0 9 ? * 1',
    '0 22-2 * * *', '0 9 * * 5-1', '0 9 28-3 * *', '0 9 * nov-feb *', '0 30 8 * * *',
    '0 9 L * *', '0 9 * * 5L', '0 9 * * 1#1',
    // Both day fields restricted: node-cron wants both, where standard cron takes either.
    '0 9 1 * 1', '0 9 1-7 * 1', '0 9 13 * fri', '0 7 1 * 1',
    // Every weekday named, one of them as "the last in the month": not every day.
    '0 9 * * 0-5,6L',
  ];
  const instants = [
    '2026-01-01T01:00:20Z', '2026-02-01T23:10:00Z', '2026-02-28T02:00:00Z', '2026-03-01T08:59:00Z',
    '2026-03-29T10:00:00Z', '2026-06-01T03:00:00Z', '2026-11-13T12:30:00Z', '2026-12-07T00:00:00Z',
  ].map((s) => new Date(s));

  it.each(forms)('%s agrees with node-cron’s matcher', (expression) => {
    expect(isSchedule(expression)).toBe(true);
    for (const timeZone of [SHANGHAI, BERLIN]) {
      for (const now of instants) {
        expect([timeZone, now.toISOString(), firedToday(expression, now, timeZone)]).toEqual([
          timeZone,
          now.toISOString(),
          matchedToday(expression, now, timeZone),
        ]);
      }
    }
  });

  it('keeps only days matching both day fields, skipping the ones matching one', () => {
    // Friday 2026-11-13: fired; Monday 2026-12-07 is neither the 13th nor a Friday.
    expect(firedToday('0 9 13 * fri', new Date('2026-11-13T10:00:00+08:00'), SHANGHAI)).toBe(true);
    expect(firedToday('0 9 13 * fri', new Date('2026-11-20T10:00:00+08:00'), SHANGHAI)).toBe(false);
    expect(firedToday('0 9 13 * fri', new Date('2026-05-13T10:00:00+08:00'), SHANGHAI)).toBe(false);
  });

  it('reads both day fields on the local day, not the UTC one', () => {
    // 07:00 on Monday 1 June in Shanghai is 23:00 on Sunday 31 May in UTC.
    expect(firedToday('0 7 1 * 1', new Date('2026-06-01T08:00:00+08:00'), SHANGHAI)).toBe(true);
  });

  it('takes a weekday list that names the last Saturday of the month for what it says', () => {
    // 2026-04-11 is a Saturday, not April's last (the 25th).
    expect(firedToday('0 9 * * 0-5,6L', new Date('2026-04-11T10:00:00+08:00'), SHANGHAI)).toBe(false);
    expect(firedToday('0 9 * * 0-5,6L', new Date('2026-04-25T10:00:00+08:00'), SHANGHAI)).toBe(true);
  });

  it('refuses the day-of-month forms it cannot look back over, and what node-cron refuses', () => {
    expect(isSchedule('0 9 15W * *')).toBe(false);
    expect(isSchedule('0 9 L-3 * *')).toBe(false);
    expect(isSchedule('every morning')).toBe(false);
  });
});
