// The cron wiring: whether today's run time has passed (in TIMEZONE), and the catch-up a bot
// does at start when it was down at the scheduled time.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { firedToday, startScheduler } from '../../src/jobs/scheduler.js';
import { useTestDatabase } from '../support/db.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';
import { MEIHUA_CHANNEL, WORKDAY, jobDeps, postsTo, seed } from '../features/due-fixtures.js';

const SHANGHAI = 'Asia/Shanghai';
/** `HH:MM` in Shanghai on `date`, as an instant. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

describe('firedToday', () => {
  const daily = '30 8 * * *';

  it('is true from the scheduled minute to local midnight, in the configured time zone', () => {
    expect(firedToday(daily, at(WORKDAY, '08:29'), SHANGHAI)).toBe(false);
    expect(firedToday(daily, at(WORKDAY, '08:30'), SHANGHAI)).toBe(true);
    expect(firedToday(daily, new Date(`${WORKDAY}T08:30:20+08:00`), SHANGHAI)).toBe(true);
    expect(firedToday(daily, at(WORKDAY, '23:59'), SHANGHAI)).toBe(true);
    // 00:10 in Shanghai is still the previous evening in UTC: the local day counts.
    expect(firedToday(daily, at(WORKDAY, '00:10'), SHANGHAI)).toBe(false);
  });

  it('follows other schedules (weekdays only, several times a day)', () => {
    const weekdays = '0 7,15 * * 1-5';
    expect(firedToday(weekdays, at('2026-11-22', '16:00'), SHANGHAI)).toBe(false); // a Sunday
    expect(firedToday(weekdays, at(WORKDAY, '06:59'), SHANGHAI)).toBe(false);
    expect(firedToday(weekdays, at(WORKDAY, '07:00'), SHANGHAI)).toBe(true);
  });
});

describe('catching up at start', () => {
  const t = useTestDatabase();
  let app: TestBot;
  let clock = at(WORKDAY, '09:00');

  beforeAll(async () => {
    app = await startTestBot(t.db, { now: () => clock });
  });
  afterAll(async () => app?.stop());
  beforeEach(async () => {
    app.fake.reset();
    await seed(t.db.prisma);
  });
  afterEach(() => expect(app.fake.problems).toEqual([]));

  async function catchUpAt(instant: Date): Promise<void> {
    clock = instant;
    const scheduler = startScheduler(jobDeps(app), '30 8 * * *', SHANGHAI);
    try {
      await scheduler.catchUp();
    } finally {
      await scheduler.stop();
    }
  }

  it('posts the day’s lists when the bot starts on a working day after 08:30, once', async () => {
    await catchUpAt(at(WORKDAY, '09:00'));
    expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
    // Restarted again the same day: nothing new.
    await catchUpAt(at(WORKDAY, '11:00'));
    expect(postsTo(app, MEIHUA_CHANNEL)).toHaveLength(1);
  });

  it('waits for the schedule when the bot starts before 08:30', async () => {
    await catchUpAt(at(WORKDAY, '08:00'));
    expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
    expect(await t.db.prisma.dailyPost.count()).toBe(0);
  });

  it('does nothing on a day off', async () => {
    await catchUpAt(at('2026-11-22', '09:00'));
    await catchUpAt(at('2026-10-01', '09:00'));
    expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});
