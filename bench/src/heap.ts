/**
 * Retained-heap measurement: the heap after a full GC with the thing alive, minus the heap after
 * a full GC before it existed. Needs `--expose-gc` (the bench script passes it); without it the
 * measurement is reported as unavailable rather than guessed.
 */

const collect = (): boolean => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  // Several passes: one GC can leave garbage that only becomes unreachable after finalizers.
  for (let i = 0; i < 3; i++) gc();
  return true;
};

/** Whether heap figures can be measured in this process. */
export const canMeasureHeap = (): boolean => (globalThis as { gc?: unknown }).gc !== undefined;

/** Forces a full collection when possible (before a race, so earlier garbage is not billed to it). */
export const settleHeap = (): void => {
  collect();
};

/**
 * Bytes retained by what `build` creates, while `keep` (given what build returned) still holds it.
 * Returns NaN when GC cannot be forced.
 */
export const retainedBytes = <T>(build: () => T, release: (built: T) => void): number => {
  if (!collect()) return Number.NaN;
  const before = process.memoryUsage().heapUsed;
  const built = build();
  collect();
  const after = process.memoryUsage().heapUsed;
  release(built);
  return after - before;
};
