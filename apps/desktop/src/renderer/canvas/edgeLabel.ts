import type { EdgeGradient } from '@chainrule/graph-runtime';
import { formatNumber } from '../format/formatNumber';
import type { EdgeNames } from '../inspector/chainRule';
import { edgeFactorText } from '../inspector/chainRule';

/**
 * An edge's label when nobody is looking at it closely: the local factor and what it carries,
 * `×2 → 6` (∂target/∂source = 2, dJ/dsource gets 6 through this edge). Without an output J the
 * factor and what is missing, `×2 · no J`; when the gradient cannot be computed, the factor if
 * known and `no gradient` (the reason is in the full sentence, one hover away).
 * @example compactEdgeText({ kind: 'ok', local: 2, upstream: 3, contribution: 6 }) // '×2 → 6'
 */
export const compactEdgeText = (gradient: EdgeGradient): string => {
  if (gradient.kind === 'ok')
    return `×${formatNumber(gradient.local)} → ${formatNumber(gradient.contribution)}`;
  const state = gradient.kind === 'none' ? 'no J' : 'no gradient';
  return gradient.local === null ? state : `×${formatNumber(gradient.local)} · ${state}`;
};

/** What an edge label shows: compact, or the whole chain-rule sentence when `expanded`. */
export const edgeLabelText = (
  names: EdgeNames,
  gradient: EdgeGradient,
  expanded: boolean,
): string => (expanded ? edgeFactorText(names, gradient) : compactEdgeText(gradient));
