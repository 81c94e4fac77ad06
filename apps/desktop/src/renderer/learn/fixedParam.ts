import type { GraphNode, NodeParams } from '@chainrule/graph-runtime';

/**
 * Whether an input is marked fixed: `params.fixed` is `1` (as files store it; params are
 * numbers) or `true`, exactly as the learn package's `trainableParameters` reads it.
 */
export const isFixed = (node: GraphNode): boolean => {
  const flag = node.params?.['fixed'];
  return flag === true || (typeof flag === 'number' && flag !== 0);
};

/** The node's params with `fixed: 1` added, or with `fixed` removed; other params are kept. */
export const withFixed = (node: GraphNode, fixed: boolean): NodeParams => {
  const { fixed: _old, ...rest } = node.params ?? {};
  return fixed ? { ...rest, fixed: 1 } : rest;
};
