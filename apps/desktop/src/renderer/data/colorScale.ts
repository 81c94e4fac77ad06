/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/**
 * The two classes' colours, as in TensorFlow Playground: orange for the low label (0 or -1),
 * blue for the high one. Points use these; the heatmap uses their tints.
 */
export const CLASS_COLOURS: readonly [Rgb, Rgb] = [
  [234, 120, 24],
  [37, 99, 235],
];
/** Tints of the class colours for the heatmap: strong enough to read, light enough under points. */
const TINTS: readonly [Rgb, Rgb] = [
  [245, 172, 102],
  [110, 156, 240],
];
const MIDDLE: Rgb = [248, 248, 246];
/** Where no value could be computed (a domain error in that lane). */
export const MISSING: Rgb = [203, 213, 225];

/** CSS text of a colour. */
export const css = ([r, g, b]: Rgb, alpha = 1): string =>
  alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;

/**
 * Where `value` sits in `range`, from 0 (low label) to 1 (high label), clamped; NaN for a
 * non-finite value.
 * @example unitPosition(0, [-1, 1]) // 0.5
 */
export const unitPosition = (value: number, range: readonly [number, number]): number => {
  if (!Number.isFinite(value)) return NaN;
  const [lo, hi] = range;
  const t = hi === lo ? 0.5 : (value - lo) / (hi - lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
};

/**
 * The heatmap colour of a model output at `t` (0–1, see {@link unitPosition}): the low class's
 * tint through near-white at the decision boundary (0.5) to the high class's tint. The scale
 * is steepest near the boundary so the boundary reads as a line, and confidence as depth.
 */
export const heatColour = (t: number): Rgb => {
  if (Number.isNaN(t)) return MISSING;
  const side = t < 0.5 ? 0 : 1;
  // 0 at the boundary, 1 at full confidence; the square root sharpens the boundary.
  const depth = Math.sqrt(Math.abs(t - 0.5) * 2);
  const tint = TINTS[side];
  return [0, 1, 2].map((c) => Math.round(MIDDLE[c]! + (tint[c]! - MIDDLE[c]!) * depth)) as [
    number,
    number,
    number,
  ];
};

/**
 * Paints model outputs into RGBA pixels (an ImageData's data): pixel k gets the colour of
 * `values[k]` in `range`. One pass, no allocation per pixel beyond a 256-entry lookup table.
 */
export const paintHeatmap = (
  values: ArrayLike<number>,
  range: readonly [number, number],
  pixels: Uint8ClampedArray,
): void => {
  const table = heatTable();
  const count = Math.min(values.length, pixels.length / 4);
  for (let k = 0; k < count; k++) {
    const t = unitPosition(values[k]!, range);
    const colour = Number.isNaN(t) ? MISSING : table[Math.round(t * 255)]!;
    const p = k * 4;
    pixels[p] = colour[0];
    pixels[p + 1] = colour[1];
    pixels[p + 2] = colour[2];
    pixels[p + 3] = 255;
  }
};

let table: Rgb[] | null = null;
const heatTable = (): readonly Rgb[] =>
  (table ??= Array.from({ length: 256 }, (_, i) => heatColour(i / 255)));

/** The class (0 = low label, 1 = high label) a label or prediction falls in. */
export const classOf = (value: number, range: readonly [number, number]): 0 | 1 =>
  unitPosition(value, range) >= 0.5 ? 1 : 0;
