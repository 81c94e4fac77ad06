import { describe, expect, it } from 'vitest';
import { formatCsvError, parseCsv } from './csv';

const problems = (text: string): string[] => {
  const result = parseCsv(text);
  if (result.ok) throw new Error('expected the CSV to be refused');
  return result.errors.map(formatCsvError);
};

describe('parseCsv', () => {
  it('reads a header and numeric rows, skipping blank lines, with quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffx1,x2,y\r\n1,2,0\r\n\r\n"-0.5", 3e2 ,1\r\n')).toEqual({
      ok: true,
      columns: ['x1', 'x2', 'y'],
      rows: [
        [1, 2, 0],
        [-0.5, 300, 1],
      ],
    });
  });

  it('detects semicolons and reads a one-column file', () => {
    expect(parseCsv('a;b\n1;2\n')).toMatchObject({ ok: true, columns: ['a', 'b'], rows: [[1, 2]] });
    expect(parseCsv('y\n1\n2\n')).toMatchObject({ ok: true, columns: ['y'], rows: [[1], [2]] });
  });

  it('refuses an empty file', () => {
    expect(problems('')).toEqual([
      'line 1: the file is empty: expected a header line such as x1,x2,y',
    ]);
    expect(problems(' \n\n')).toHaveLength(1);
  });

  it('refuses a missing header', () => {
    expect(problems('1,2,3\n4,5,6\n')).toEqual([
      'line 1: the first line must be a header naming the columns (such as x1,x2,y), but it holds numbers: 1,2,3',
    ]);
  });

  it('refuses empty and repeated column names, and a header without rows', () => {
    expect(problems('x,,x\n1,2,3\n')).toEqual([
      'line 1: column 2 of the header has no name',
      'line 1: the column name "x" appears twice in the header',
    ]);
    expect(problems('x,y\n')).toEqual(['line 2: the file has a header but no rows of data']);
  });

  it('names the line of a ragged row', () => {
    expect(problems('x1,x2,y\n1,2,0\n\n3,4\n5,6,1,7\n')).toEqual([
      'line 4: this row has 2 values, but the header has 3 columns ("x1", "x2", "y")',
      'line 5: this row has 4 values, but the header has 3 columns ("x1", "x2", "y")',
    ]);
  });

  it('names the line and column of a non-number, an empty value and a number JavaScript would accept', () => {
    expect(problems('x1,x2,y\n1,abc,0\n2,,1\n0x10,Infinity,1\n')).toEqual([
      'line 2: column "x2": "abc" is not a number',
      'line 3: column "x2" is empty: every value must be a number',
      'line 4: column "x1": "0x10" is not a number',
      'line 4: column "x2": "Infinity" is not a number',
    ]);
  });

  it('counts lines inside quoted fields and reports an unclosed quote', () => {
    expect(problems('name,y\n"a\nb",1\nz,2\n')).toEqual([
      'line 2: column "name": "a\\nb" is not a number',
      'line 4: column "name": "z" is not a number',
    ]);
    expect(
      problems('x,y\n1,"2\n').some((line) => line.includes('the CSV cannot be read here')),
    ).toBe(true);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const text = `x\n${'a\n'.repeat(30)}`;
    const lines = problems(text);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('line 21: and 10 more problems not listed');
  });
});
