/** Runs `task` for every item with at most `limit` running at once. */
export async function runWithConcurrency<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      if (signal?.aborted) {
        return;
      }
      const next = iterator.next();
      if (next.done) {
        return;
      }
      await task(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
