// The one number format lives in @chainrule/learn, shared with the CLI; the canvas imports it
// from here beside the two helpers only the app needs.
export { formatNumber } from '@chainrule/learn';

/**
 * The exact value, as JavaScript prints it, for the title shown on hover.
 * @example formatFull(0.1 + 0.2) // '0.30000000000000004'
 */
export const formatFull = (value: number): string => (Object.is(value, -0) ? '-0' : String(value));

/**
 * Parses what a person typed into a value field: decimals, exponent notation, a leading `+`,
 * a Unicode minus, surrounding spaces, and a decimal comma. Returns `null` when it is not a
 * finite number, so the field can show it as invalid instead of changing the graph.
 * @example parseNumberInput(' -2,5 ') // -2.5
 */
export const parseNumberInput = (text: string): number | null => {
  const normalized = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalized)) return null;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : null;
};
