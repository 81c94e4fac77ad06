import { describe, expect, it } from 'vitest';
import { median, race } from './timing';

const spin = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('race', () => {
  const options = { warmup: 1, minRuns: 5, maxRuns: 5, budgetMs: 10_000, slowRunMs: 1_000 };

  it('times each contestant the same number of times and orders them by cost', () => {
    const calls = { fast: 0, slow: 0 };
    const [fast, slow] = race(
      [
        { name: 'fast', run: () => void calls.fast++ },
        { name: 'slow', run: () => (calls.slow++, spin(3)) },
      ],
      options,
    );
    expect(fast!.runs).toBe(5);
    expect(slow!.runs).toBe(5);
    expect(calls).toEqual({ fast: 6, slow: 6 }); // one warm-up round each
    expect(slow!.min).toBeGreaterThanOrEqual(3);
    expect(fast!.median).toBeLessThan(slow!.median);
    expect(slow!.min).toBeLessThanOrEqual(slow!.median);
    expect(slow!.median).toBeLessThanOrEqual(slow!.max);
  });

  it('keeps setup and teardown out of the timing', () => {
    const [only] = race(
      [{ name: 'x', setup: () => spin(5), run: () => undefined, teardown: () => spin(5) }],
      options,
    );
    expect(only!.max).toBeLessThan(5);
  });

  it('drops a contestant that fails or throws, and keeps why', () => {
    const [failing, throwing, fine] = race(
      [
        { name: 'f', run: (n) => (n >= 2 ? { failure: 'blew up' } : { counts: { forward: n } }) },
        {
          name: 't',
          run: () => {
            throw new RangeError('Maximum call stack size exceeded');
          },
        },
        { name: 'ok', run: () => ({ counts: { forward: 7, emissions: 2 } }) },
      ],
      options,
    );
    expect(failing!.failure).toBe('blew up');
    expect(failing!.runs).toBe(1);
    expect(failing!.counts).toEqual({ forward: 1 });
    expect(throwing!.failure).toBe('RangeError: Maximum call stack size exceeded');
    expect(throwing!.runs).toBe(0);
    expect(fine!.counts).toEqual({ forward: 7, emissions: 2 });
    expect(fine!.failure).toBeUndefined();
  });

  it('stops repeating a contestant slower than slowRunMs', () => {
    const [slow] = race([{ name: 's', run: () => spin(20) }], {
      ...options,
      warmup: 0,
      slowRunMs: 10,
    });
    expect(slow!.runs).toBe(1);
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
