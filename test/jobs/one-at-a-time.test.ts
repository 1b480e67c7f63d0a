// Scheduled work that must not run twice side by side (the due lists, the nightly backup): a
// second request while one run is under way joins it; once it has ended, the next starts anew.
import { describe, expect, it } from 'vitest';

import { InFlight, oneAtATime } from '../../src/in-flight.js';

describe('oneAtATime', () => {
  it('joins a run under way and starts a new one after it ends, counted until it settles', async () => {
    const inFlight = new InFlight();
    const started: string[] = [];
    let finish!: () => void;
    const run = oneAtATime(inFlight, (reason) => {
      started.push(reason);
      return new Promise<void>((resolve) => (finish = resolve));
    });

    const first = run('schedule');
    const second = run('retry');
    expect(started).toEqual(['schedule']);
    let settled = false;
    const waiting = inFlight.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);

    finish();
    await Promise.all([first, second, waiting]);
    expect(settled).toBe(true);

    const third = run('catch_up');
    expect(started).toEqual(['schedule', 'catch_up']);
    finish();
    await third;
  });
});
