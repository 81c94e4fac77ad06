/** How many significant digits a person sees; the full value is in the hover title. */
const SIGNIFICANT_DIGITS = 6;
/** Beyond these magnitudes plain decimals get too long to read, so exponent notation is used. */
const LARGE = 1e6;
const SMALL = 1e-4;

const trimMantissa = (mantissa: string): string =>
  mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;

/**
 * Formats a number for people: up to 6 significant digits, trailing zeros trimmed, exponent
 * notation (`1.5e-7`, `2e21`) for very large or very small magnitudes, `0.1 + 0.2` as `0.3`,
 * `-0` as `0`, and `∞`/`-∞`/`NaN` spelled out. Use {@link formatFull} for the hover title.
 * @example formatNumber(0.1 + 0.2) // '0.3'
 * @example formatNumber(123456789) // '1.23457e8'
 */
export const formatNumber = (value: number): string => {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  // Round first, then decide the notation on the rounded value, so 999999.9 does not print as
  // the 7-digit 1000000.
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  const magnitude = Math.abs(rounded);
  if (magnitude >= LARGE || magnitude < SMALL) {
    const [mantissa = '', exponent = '0'] = rounded
      .toExponential(SIGNIFICANT_DIGITS - 1)
      .split('e');
    return `${trimMantissa(mantissa)}e${Number(exponent)}`;
  }
  return String(rounded);
};

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
