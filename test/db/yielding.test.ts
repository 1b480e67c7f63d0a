// The embedded database runs in the bot's thread: a burst of queries must leave room between
// them for the event loop, where Slack's requests are read and acknowledged.
import { describe, expect, it } from 'vitest';
import { onPostgres, useTestDatabase } from '../support/db.js';

describe.skipIf(onPostgres)('queries on the embedded database', () => {
  const t = useTestDatabase();

  it('let the event loop turn between them, in a burst and inside a transaction', async () => {
    const finished: number[] = [];
    const burst = Array.from({ length: 20 }, (_, i) => t.db.prisma.$queryRaw`SELECT 1 FROM pg_sleep(0.002)`.then(() => finished.push(i)));
    // What an HTTP request arriving now would see: how many queries ran before it was read.
    const readAfter = new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(finished.length))));
    expect(await readAfter).toBeLessThanOrEqual(2);
    await Promise.all(burst);

    let inside = 0;
    const transaction = t.db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 10; i++) {
        await tx.$queryRaw`SELECT 1`;
        inside += 1;
      }
    });
    const readDuring = new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(inside))));
    expect(await readDuring).toBeLessThan(10);
    await transaction;
    expect(finished).toHaveLength(20);
  });
});
