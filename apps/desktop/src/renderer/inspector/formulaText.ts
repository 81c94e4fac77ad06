/**
 * Joins the steps of a computation with `=`, leaving out a step that only repeats the one before
 * it: `J = x² = x²` (an input's name standing for itself) reads `J = x²`, and `u = 3 = 3` reads
 * `u = 3`. A person should never be shown a tautology.
 * @example formulaChain(['J', 'x²', 'x²', '9']) // 'J = x² = 9'
 */
export const formulaChain = (steps: readonly string[]): string => {
  const kept: string[] = [];
  for (const step of steps) if (kept[kept.length - 1] !== step) kept.push(step);
  return kept.join(' = ');
};

/**
 * Whether "with port = source" says anything: not when the port and its source have the same
 * name (`with x = x`).
 */
export const saysSomething = (port: string, source: string | undefined): boolean =>
  source !== undefined && source !== port;
