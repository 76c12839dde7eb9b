declare const gc: (() => void) | undefined;

/**
 * Times one piece of work. A full collection first (when node runs with --expose-gc) keeps garbage left by the
 * previous run, often another contender's, from being collected on this run's clock.
 */
export async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  if (typeof gc === 'function') gc();
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** The heap in use after a full collection (needs --expose-gc to be exact). */
export function heapAfterGc(): number {
  if (typeof gc === 'function') gc();
  return process.memoryUsage().heapUsed;
}
