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

// The one number format (@chainrule/learn), shared with the app: the CLI's tables and the
// canvas print a number the same way.
export { formatNumber } from '@chainrule/learn';

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
