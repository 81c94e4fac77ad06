// Terminal control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Makes text from a file safe to print on a terminal: control characters (which could move the
 * cursor or recolour the screen), bidirectional overrides and other invisible format characters
 * are shown as `\u{…}` escapes; everything else, HTML included, is printed as it is.
 * @example safeText('a\u001b[31m') // 'a\\u{1b}[31m'
 * @public
 */
export const safeText = (text: string): string =>
  text.replace(UNSAFE, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);

/**
 * A number for people: integers as they are, others to six significant digits (`0.761594`),
 * very large or small ones in exponent form.
 * @example formatNumber(2 / 3) // '0.666667'
 * @public
 */
export const formatNumber = (value: number): string => {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(3);
  return String(Number(value.toPrecision(6)));
};

/**
 * Lays rows out as a left-aligned, space-separated table with a header row. Widths count code
 * points, so `→` and accented ids stay aligned.
 * @example renderTable(['node', 'value'], [['a', '5']]) // 'node  value\na     5\n'
 * @public
 */
export const renderTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string => {
  const width = (text: string): number => [...text].length;
  const widths = header.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
};
