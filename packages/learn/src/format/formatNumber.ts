/** How many significant digits a person sees by default; the full value belongs in a tooltip. */
const SIGNIFICANT_DIGITS = 6;
/** Beyond these magnitudes plain decimals get too long to read, so exponent notation is used. */
const LARGE = 1e6;
const SMALL = 1e-4;

const trimMantissa = (mantissa: string): string =>
  mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;

/**
 * The one number format of Chainrule, shared by the CLI's tables, the canvas and learning mode:
 * `significantDigits` (default 6) significant digits, trailing zeros trimmed, exponent notation
 * (`1.5e-7`, `2e21`) from 1e6 up and below 1e-4, `0.1 + 0.2` as `0.3`, `-0` as `0`, and
 * `∞`/`-∞`/`NaN` spelled out. Never used where exactness matters (formulas and JSON use
 * `String(value)`).
 * @example formatNumber(0.1 + 0.2) // '0.3'
 * @example formatNumber(123456789) // '1.23457e8'
 * @example formatNumber(1 / 3, 4) // '0.3333'
 * @public
 */
export const formatNumber = (value: number, significantDigits = SIGNIFICANT_DIGITS): string => {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  // Round first, then decide the notation on the rounded value, so 999999.9 does not print as
  // the 7-digit 1000000.
  const rounded = Number(value.toPrecision(significantDigits));
  const magnitude = Math.abs(rounded);
  if (magnitude >= LARGE || magnitude < SMALL) {
    const [mantissa = '', exponent = '0'] = rounded.toExponential(significantDigits - 1).split('e');
    return `${trimMantissa(mantissa)}e${Number(exponent)}`;
  }
  return String(rounded);
};
