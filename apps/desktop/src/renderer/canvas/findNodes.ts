import type { GraphNode } from '@chainrule/graph-runtime';
import { displayName } from '../document/editorDocument';

/**
 * Nodes whose name or id matches a search, best first: exact name or id, then names starting
 * with the query, then any containing it (case-insensitive), at most `limit`.
 * @example findNodes(nodes, 'b')[0].id // 'b'
 */
export const findNodes = (nodes: readonly GraphNode[], query: string, limit = 12): GraphNode[] => {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const ranked: { node: GraphNode; rank: number; index: number }[] = [];
  nodes.forEach((node, index) => {
    const name = displayName(node).toLowerCase();
    const id = node.id.toLowerCase();
    const rank =
      name === q || id === q
        ? 0
        : name.startsWith(q) || id.startsWith(q)
          ? 1
          : name.includes(q) || id.includes(q)
            ? 2
            : -1;
    if (rank >= 0) ranked.push({ node, rank, index });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.node);
};
