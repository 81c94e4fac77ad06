import { describe, expect, it } from 'vitest';
import {
  CLASS_COLOURS,
  MISSING,
  classOf,
  heatColour,
  paintHeatmap,
  unitPosition,
} from './colorScale';

describe('unitPosition', () => {
  it('maps the label range to 0–1 and clamps outside it', () => {
    expect(unitPosition(0, [-1, 1])).toBe(0.5);
    expect(unitPosition(0.25, [0, 1])).toBe(0.25);
    expect(unitPosition(3, [0, 1])).toBe(1);
    expect(unitPosition(-3, [0, 1])).toBe(0);
    expect(unitPosition(NaN, [0, 1])).toBeNaN();
  });
});

describe('heatColour', () => {
  it('goes from the low class tint through near-white to the high class tint', () => {
    const low = heatColour(0);
    const middle = heatColour(0.5);
    const high = heatColour(1);
    // Orange side is redder than blue; blue side is bluer than red.
    expect(low[0]).toBeGreaterThan(low[2]);
    expect(high[2]).toBeGreaterThan(high[0]);
    expect(Math.min(...middle)).toBeGreaterThan(240);
    // Each side leans towards its own class colour.
    expect(Math.sign(low[0] - low[2])).toBe(Math.sign(CLASS_COLOURS[0][0] - CLASS_COLOURS[0][2]));
    expect(Math.sign(high[2] - high[0])).toBe(Math.sign(CLASS_COLOURS[1][2] - CLASS_COLOURS[1][0]));
  });

  it('gets deeper with confidence on each side', () => {
    expect(heatColour(0.9)[0]).toBeLessThan(heatColour(0.6)[0]);
    expect(heatColour(0.1)[2]).toBeLessThan(heatColour(0.4)[2]);
  });
});

describe('paintHeatmap', () => {
  it('writes one opaque pixel per value, grey where there is no value', () => {
    const pixels = new Uint8ClampedArray(4 * 3);
    paintHeatmap([0, 1, NaN], [0, 1], pixels);
    expect([...pixels.slice(0, 3)]).toEqual([...heatColour(0)]);
    expect([...pixels.slice(4, 7)]).toEqual([...heatColour(1)]);
    expect([...pixels.slice(8, 11)]).toEqual([...MISSING]);
    expect([pixels[3], pixels[7], pixels[11]]).toEqual([255, 255, 255]);
  });
});

describe('classOf', () => {
  it('splits at the middle of the label range', () => {
    expect(classOf(0.7, [0, 1])).toBe(1);
    expect(classOf(0.2, [0, 1])).toBe(0);
    expect(classOf(-0.4, [-1, 1])).toBe(0);
  });
});
