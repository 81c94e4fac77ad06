import { describe, expect, it } from 'vitest';
import { keptIndices } from './chartPoints';

describe('keptIndices', () => {
  it('keeps every point of a short series', () => {
    expect(keptIndices(0)).toEqual([]);
    expect(keptIndices(5)).toEqual([0, 1, 2, 3, 4]);
    expect(keptIndices(400)).toHaveLength(400);
  });

  it('thins a long series to about 400 evenly spaced points, always with the first and last', () => {
    const kept = keptIndices(1001);
    expect(kept.length).toBeLessThanOrEqual(402);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(1000);
    expect(kept[1]! - kept[0]!).toBe(3);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });
});
