/**
 * Runs `task(i)` for i = 0 … n−1 in order, at most `concurrency` at a time; a task that throws is counted, not
 * retried. Resolves once every task has settled, with how many failed and the first error.
 */
export async function inLanes(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ failed: number; firstError: string | null }> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      try {
        await task(i);
      } catch (err) {
        failed++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { failed, firstError };
}
