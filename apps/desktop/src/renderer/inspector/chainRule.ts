import type { EdgeGradient, PortName } from '@chainrule/graph-runtime';
import { formatNumber } from '../format/formatNumber';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes an op's formula with its ports replaced by what feeds them, in one pass so a name that
 * happens to contain a port's letter is not replaced again: `a · b` with a←b, b←c gives `b · c`.
 * Ports are replaced only as whole words, so `max(a, b)` keeps its `max`; a superscript ends a
 * word, so `x²` becomes `3²`.
 * @example substituteFormula('a + b', ['a', 'b'], { a: 'x', b: 'u' }) // 'x + u'
 */
export const substituteFormula = (
  formula: string,
  ports: readonly PortName[],
  names: Readonly<Record<PortName, string>>,
): string => {
  if (ports.length === 0) return formula;
  const pattern = new RegExp(
    // Decimal digits (Nd), not every number: `x²` is x squared, so its x is replaced.
    `(?<![\\p{L}\\p{Nd}_])(${ports.map(escapeRegExp).join('|')})(?![\\p{L}\\p{Nd}_])`,
    'gu',
  );
  return formula.replace(pattern, (port) => names[port] ?? port);
};

/** The derivative symbol d(top)/d(bottom), written so multi-letter names stay readable. */
export const derivative = (top: string, bottom: string, partial = false): string => {
  const d = partial ? '∂' : 'd';
  const wrap = (name: string): string =>
    /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && name.length <= 3 ? name : `(${name})`;
  return `${d}${wrap(top)}/${d}${wrap(bottom)}`;
};

/** The names an edge's chain-rule factor is written with. */
export interface EdgeNames {
  /** The output J's name. */
  readonly output: string;
  readonly source: string;
  readonly target: string;
}

/**
 * The chain-rule factor an edge carries, with its numbers: `dJ/dv · ∂v/∂a = 3 · 1 = 3`.
 * Without an output it shows only the local derivative, since there is no dJ yet.
 */
export const edgeFactorText = (names: EdgeNames, gradient: EdgeGradient): string => {
  const upstream = derivative(names.output, names.target);
  const local = derivative(names.target, names.source, true);
  const localValue = gradient.local === null ? '?' : formatNumber(gradient.local);
  if (gradient.kind === 'ok') {
    return `${upstream} · ${local} = ${formatNumber(gradient.upstream)} · ${localValue} = ${formatNumber(gradient.contribution)}`;
  }
  if (gradient.kind === 'none') return `${local} = ${localValue} (choose an output J for dJ)`;
  return `${upstream} · ${local}: ${gradient.message}`;
};

/** One outgoing edge's share of a node's gradient. */
export interface GradientTerm {
  readonly target: string;
  readonly gradient: EdgeGradient;
}

/**
 * A node's gradient written as the chain rule, the sum over its outgoing edges, symbols then
 * numbers: `dJ/dx = dJ/dp · ∂p/∂x + dJ/dq · ∂q/∂x = 2 · 1 + 3 · 4 = 14`.
 * Returns `null` when a term has no number (no output, or something upstream is unavailable).
 */
export const gradientSumText = (
  output: string,
  node: string,
  terms: readonly GradientTerm[],
  total: number,
): string | null => {
  const head = derivative(output, node);
  if (terms.length === 0)
    return `${head} = ${formatNumber(total)} (${node} does not reach ${output})`;
  const symbols: string[] = [];
  const numbers: string[] = [];
  for (const term of terms) {
    if (term.gradient.kind !== 'ok') return null;
    symbols.push(`${derivative(output, term.target)} · ${derivative(term.target, node, true)}`);
    numbers.push(`${formatNumber(term.gradient.upstream)} · ${formatNumber(term.gradient.local)}`);
  }
  return `${head} = ${symbols.join(' + ')} = ${numbers.join(' + ')} = ${formatNumber(total)}`;
};
