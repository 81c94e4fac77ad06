import Papa from 'papaparse';
import type { DataTable } from './generators';

/** One problem with a CSV text: the 1-based line and a sentence. @public */
export interface CsvError {
  readonly line: number;
  readonly message: string;
}

/** What {@link parseCsv} returns. @public */
export type CsvResult =
  | ({ readonly ok: true } & DataTable)
  | { readonly ok: false; readonly errors: readonly CsvError[] };

/** Reports stop after this many problems, plus one line that counts the rest. */
const MAX_ERRORS = 20;

/** A plain decimal number: `3`, `-0.5`, `.25`, `1e-3`. Not `0x10`, `Infinity`, `1,5` or ``. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const shown = (text: string): string =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

const isBlank = (row: readonly string[]): boolean =>
  row.length === 0 || (row.length === 1 && row[0]!.trim() === '');

/**
 * Reads a CSV text with a header line (`x1,x2,y`) and numeric rows, through papaparse (quotes,
 * `\r\n` and a byte-order mark are handled; the delimiter is detected: `,`, `;`, tab or `|`).
 * Blank lines are skipped. Refuses, with the line and a sentence each: an empty text; a missing
 * header (a first line of numbers); empty or repeated column names; a row with more or fewer
 * values than the header (ragged); a value that is not a plain decimal number (naming its row and
 * column: `line 4, column "x2": "abc" is not a number`); and quoting errors.
 * @example parseCsv('x,y\n1,2\n3,4\n') // { ok: true, columns: ['x', 'y'], rows: [[1, 2], [3, 4]] }
 * @public
 */
export const parseCsv = (text: string): CsvResult => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      errors: [{ line: 1, message: 'the file is empty: expected a header line such as x1,x2,y' }],
    };
  }
  // Blank lines confuse papaparse's delimiter guess, and the full read keeps them to count lines:
  // so the delimiter is guessed from the first rows without blank lines.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 20 }).meta;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter });
  const errors: CsvError[] = [];
  let dropped = 0;
  const report = (line: number, message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
    else dropped++;
  };
  // The line each row starts on: one line per row, plus the newlines inside quoted fields.
  const lineOfRow: number[] = [];
  let line = 1;
  for (const row of parsed.data) {
    lineOfRow.push(line);
    line += 1;
    for (const value of row) for (const c of value) if (c === '\n') line++;
  }
  for (const error of parsed.errors) {
    // A one-column file has no delimiter to detect; papaparse then reads it correctly as one column.
    if (error.code === 'UndetectableDelimiter') continue;
    report(lineOfRow[error.row ?? 0] ?? 1, `the CSV cannot be read here: ${error.message}`);
  }
  const rowIndexes = parsed.data.flatMap((row, index) => (isBlank(row) ? [] : [index]));
  const headerIndex = rowIndexes[0]!;
  const header = parsed.data[headerIndex]!.map((name) => name.trim());
  const headerLine = lineOfRow[headerIndex]!;
  if (header.every((name) => NUMBER.test(name))) {
    report(
      headerLine,
      `the first line must be a header naming the columns (such as x1,x2,y), but it holds numbers: ${header.slice(0, 4).join(',')}`,
    );
  } else {
    const seen = new Set<string>();
    header.forEach((name, index) => {
      if (name === '') report(headerLine, `column ${index + 1} of the header has no name`);
      else if (seen.has(name))
        report(headerLine, `the column name ${shown(name)} appears twice in the header`);
      seen.add(name);
    });
  }
  const rows: number[][] = [];
  for (const index of rowIndexes.slice(1)) {
    const row = parsed.data[index]!;
    const at = lineOfRow[index]!;
    if (row.length !== header.length) {
      report(
        at,
        `this row has ${row.length} ${row.length === 1 ? 'value' : 'values'}, but the header has ${header.length} columns (${header.map(shown).join(', ')})`,
      );
      continue;
    }
    const values: number[] = [];
    row.forEach((cell, column) => {
      const trimmed = cell.trim();
      const value = NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
      if (Number.isFinite(value)) values.push(value);
      else
        report(
          at,
          trimmed === ''
            ? `column ${shown(header[column]!)} is empty: every value must be a number`
            : `column ${shown(header[column]!)}: ${shown(trimmed)} is not a number`,
        );
    });
    if (values.length === header.length) rows.push(values);
  }
  if (errors.length === 0 && rows.length === 0) {
    report(headerLine + 1, 'the file has a header but no rows of data');
  }
  if (dropped > 0) {
    errors.push({
      line: errors[errors.length - 1]!.line,
      message: `and ${dropped} more problems not listed`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns: header, rows };
};

/**
 * One line per problem, `line 4: column "x2": "abc" is not a number`, for messages and the CLI.
 * @public
 */
export const formatCsvError = (error: CsvError): string => `line ${error.line}: ${error.message}`;
