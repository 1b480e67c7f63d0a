// Runs `work` over items with at most `limit` at a time: 2,000 channels are posted steadily,
// not all at once (Slack rate-limits bursts), and one failure never stops the others. The items
// may arrive as they are loaded (an async iterable: the daily job's communities, a batch at a
// time). Once `signal` is aborted (the bot is stopping) no further item starts; those started
// finish. An error of the items' source or of `work` is thrown once every worker has stopped.
export async function eachLimited<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const source = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const worker = async () => {
    while (!signal?.aborted) {
      const next = await source.next();
      if (next.done || signal?.aborted) return;
      await work(next.value);
    }
  };
  const workers = await Promise.allSettled(Array.from({ length: limit }, worker));
  await source.return?.();
  const failed = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected');
  if (failed) throw failed.reason;
}
