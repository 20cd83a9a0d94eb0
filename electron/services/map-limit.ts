/**
 * `items.map(work)` with at most `limit` at once, results in order. Reading an archive one file at a
 * time leaves the disk and the thread pool idle between reads: most of a 10,000-letter check's time.
 */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
};

/** How many file reads an archive check keeps in flight. */
export const READ_CONCURRENCY = 16;
