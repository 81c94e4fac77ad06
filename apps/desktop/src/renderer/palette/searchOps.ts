import type { OpDefinition } from '@chainrule/graph-runtime';

/**
 * Ops matching a search, best first: an exact id or symbol, then ids and names that start with
 * the query, then any op whose id, name, category or description contains it.
 * @example searchOps(ops, 'mul')[0].id // 'mul'
 */
export const searchOps = (ops: readonly OpDefinition[], query: string): OpDefinition[] => {
  const q = query.trim().toLowerCase();
  if (q === '') return [...ops];
  const score = (op: OpDefinition): number => {
    const id = op.id.toLowerCase();
    const label = op.label.toLowerCase();
    if (id === q || op.symbol.toLowerCase() === q || label === q) return 0;
    if (id.startsWith(q) || label.startsWith(q)) return 1;
    if (label.split(/\s+/).some((word) => word.startsWith(q))) return 2;
    if (`${id} ${label} ${op.category} ${op.description}`.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return ops
    .map((op, index) => ({ op, index, rank: score(op) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.op);
};
