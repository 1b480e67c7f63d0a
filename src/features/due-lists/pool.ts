// Runs `work` over items with at most `limit` at a time: 2,000 channels are posted steadily,
// not all at once (Slack rate-limits bursts), and one failure never stops the others. Once
// `signal` is aborted (the bot is stopping) no further item starts; those started finish.
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
