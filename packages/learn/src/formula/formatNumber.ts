/**
 * A number as a person reads it in a step of the player: integers as they are, others to four
 * significant digits without trailing zeros (`0.1192`, `2.5`, `1.2e-7`). Never used where
 * exactness matters (formulas use the shortest exact form, `String(value)`).
 * @example formatNumber(6); // '6'
 * @example formatNumber(1 / 3); // '0.3333'
 * @public
 */
export const formatNumber = (value: number, significantDigits = 4): string => {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const precise = value.toPrecision(significantDigits);
  // Trim zeros after the decimal point, keeping any exponent.
  const [mantissa, exponent] = precise.split('e');
  const trimmed = mantissa!.includes('.') ? mantissa!.replace(/\.?0+$/, '') : mantissa!;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent.replace('+', '')}`;
};
