/**
 * Splits one line of an expression into tokens, remembering each token's 1-based column so
 * every error can point at the exact character a person typed.
 */

/** A token of the expression language. */
export type Token =
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly text: string;
      readonly column: number;
    }
  | { readonly kind: 'name'; readonly text: string; readonly column: number }
  | {
      readonly kind: 'operator';
      /** The op id of the binary meaning: add, sub, mul, div, pow. */
      readonly op: 'add' | 'sub' | 'mul' | 'div' | 'pow';
      readonly text: string;
      readonly column: number;
    }
  | {
      readonly kind: 'open' | 'close' | 'comma' | 'equals';
      readonly text: string;
      readonly column: number;
    };

/** A lexing failure: where and why. */
export interface LexError {
  readonly column: number;
  readonly length: number;
  readonly message: string;
}

const operatorSymbols: ReadonlyMap<string, 'add' | 'sub' | 'mul' | 'div' | 'pow'> = new Map([
  ['+', 'add'],
  ['-', 'sub'],
  ['\u2212', 'sub'], // − (typographic minus, pasted from documents)
  ['*', 'mul'],
  ['\u00b7', 'mul'], // ·
  ['\u00d7', 'mul'], // ×
  ['/', 'div'],
  ['\u00f7', 'div'], // ÷
  ['^', 'pow'],
]);

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isNameStart = (ch: string | undefined): boolean =>
  ch !== undefined && /[A-Za-z_\u00c0-\u024f\u0370-\u03ff]/.test(ch);
const isNamePart = (ch: string | undefined): boolean =>
  ch !== undefined && (isNameStart(ch) || isDigit(ch));

/**
 * Tokenizes one line. `#` starts a comment that runs to the end of the line.
 * Returns the tokens, or the first error.
 */
export const tokenizeLine = (
  line: string,
):
  | { readonly ok: true; readonly tokens: Token[] }
  | { readonly ok: false; readonly error: LexError } => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    const column = i + 1;
    if (ch === '#') break;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(line[i + 1]))) {
      let end = i;
      while (isDigit(line[end])) end++;
      if (line[end] === '.') {
        end++;
        while (isDigit(line[end])) end++;
      }
      if (line[end] === 'e' || line[end] === 'E') {
        // Only an exponent when digits follow; otherwise `2e` is 2 followed by the name e,
        // which the parser reports as a missing operator.
        let probe = end + 1;
        if (line[probe] === '+' || line[probe] === '-') probe++;
        if (isDigit(line[probe])) {
          end = probe;
          while (isDigit(line[end])) end++;
        }
      }
      const text = line.slice(i, end);
      if (line[end] === '.') {
        return {
          ok: false,
          error: {
            column,
            length: end - i + 1,
            message: `The number ${text}. has a second decimal point.`,
          },
        };
      }
      const value = Number(text);
      if (!Number.isFinite(value)) {
        return {
          ok: false,
          error: {
            column,
            length: end - i,
            message: `The number ${text} is too large to represent.`,
          },
        };
      }
      tokens.push({ kind: 'number', value, text, column });
      i = end;
      continue;
    }
    if (ch === '*' && line[i + 1] === '*') {
      // Python's power operator, for people who type it by habit.
      tokens.push({ kind: 'operator', op: 'pow', text: '**', column });
      i += 2;
      continue;
    }
    const op = operatorSymbols.get(ch);
    if (op !== undefined) {
      tokens.push({ kind: 'operator', op, text: ch, column });
      i++;
      continue;
    }
    if (isNameStart(ch)) {
      let end = i + 1;
      while (isNamePart(line[end])) end++;
      tokens.push({ kind: 'name', text: line.slice(i, end), column });
      i = end;
      continue;
    }
    const punctuation =
      ch === '('
        ? 'open'
        : ch === ')'
          ? 'close'
          : ch === ','
            ? 'comma'
            : ch === '='
              ? 'equals'
              : null;
    if (punctuation !== null) {
      tokens.push({ kind: punctuation, text: ch, column });
      i++;
      continue;
    }
    return {
      ok: false,
      error: {
        column,
        length: 1,
        message: `The character '${ch}' is not part of an expression. Use numbers, names, + - * / ^, parentheses and commas.`,
      },
    };
  }
  return { ok: true, tokens };
};
