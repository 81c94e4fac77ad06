import { describe, expect, it } from 'vitest';
import { freePosition } from './freePosition';

const size = { width: 172, height: 100 };

describe('freePosition', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freePosition({ x: 0, y: 0 }, [{ x: 400, y: 0 }], size)).toEqual({ x: 0, y: 0 });
  });

  it('never stacks: ten nodes added at the same spot all get different, non-overlapping places', () => {
    const placed: { x: number; y: number }[] = [];
    for (let i = 0; i < 10; i++) placed.push(freePosition({ x: 100, y: 100 }, placed, size));
    for (const [i, a] of placed.entries())
      for (const b of placed.slice(i + 1))
        expect(Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height).toBe(true);
    // The first stays where it was asked for; the next goes right below it.
    expect(placed[0]).toEqual({ x: 100, y: 100 });
    expect(placed[1]).toEqual({ x: 100, y: 220 });
  });

  it('ignores far-away nodes and finds a spot next to a crowded one', () => {
    const far = Array.from({ length: 5000 }, (_, i) => ({ x: 100_000 + i * 200, y: 0 }));
    expect(freePosition({ x: 0, y: 0 }, [...far, { x: 10, y: 10 }], size)).not.toEqual({
      x: 0,
      y: 0,
    });
  });
});
