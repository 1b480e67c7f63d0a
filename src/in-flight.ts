// Work the bot has started and must let finish before it stops: a listener's work after its
// ack (a visit being saved, a file being uploaded) and a scheduled job's run. Slack has its
// answer at the ack; the rest happens after it, so closing the HTTP server alone would cut
// that work off with the database closed under it.
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();

  /** Runs `task` and keeps it counted until it settles; answers what it answers. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const running = task();
    this.work.add(running);
    const forget = () => void this.work.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Resolves once nothing is running, including work started while waiting. Never rejects. */
  async settled(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }
}

/**
 * One run at a time, counted in `inFlight`: asked for while a run is under way (the schedule,
 * a catch-up and a retry sweep meeting), the caller joins that run instead of starting another.
 * `task` handles its own failures.
 */
export function oneAtATime(inFlight: InFlight, task: (reason: string) => Promise<void>): (reason: string) => Promise<void> {
  let current: Promise<void> | undefined;
  return (reason) => (current ??= inFlight.run(() => task(reason)).finally(() => (current = undefined)));
}
