/** Where an expression error is: 1-based line and column, and how many characters to mark. */
export interface ErrorSpan {
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/**
 * The line an error is on, with a caret line under it pointing at the exact column (and under
 * the whole token when it is longer than one character), as a compiler shows it. Tabs are kept
 * in the padding so the caret stays under the right character however wide a tab is drawn.
 * @example caretLines('J = 3*(a + b*c', { line: 1, column: 15, length: 1 }).caret // 14 spaces, '^'
 */
export const caretLines = (source: string, error: ErrorSpan): { line: string; caret: string } => {
  const line = source.split('\n')[error.line - 1] ?? '';
  const before = [...line].slice(0, Math.max(0, error.column - 1));
  const pad = before.map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
  return { line, caret: `${pad}${'^'.repeat(Math.max(1, error.length))}` };
};
