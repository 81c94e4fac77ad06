/**
 * A GraphSpec flattened into typed arrays, in topological order (graph-runtime's one sort,
 * `topologicalIndexOrder`). The baselines and the reference counts read this.
 */
import { topologicalIndexOrder, type GraphSpec, type NodeId } from '@chainrule/graph-runtime';
import { isBinaryCode, isSourceCode, opCodeOf } from './opMath';

/** A graph as typed arrays, indexed by node position in `spec.nodes`. */
export interface CompiledGraph {
  readonly size: number;
  readonly ids: readonly NodeId[];
  readonly indexOf: ReadonlyMap<NodeId, number>;
  /** Op code per node (see `OpCode`). */
  readonly op: Uint8Array;
  /** Parent on port `a` (or `x`); -1 for sources. */
  readonly argA: Int32Array;
  /** Parent on port `b`; -1 for unary ops and sources. */
  readonly argB: Int32Array;
  /** The parameter value of sources (0 for function nodes). */
  readonly sourceValue: Float64Array;
  /** Every node, parents before children. */
  readonly order: Int32Array;
  /** Position of each node in `order`. */
  readonly rank: Int32Array;
  /** Children of node i are `childIndex[childStart[i] .. childStart[i+1])`, with the port in `childPort` (0 = a/x, 1 = b). */
  readonly childStart: Int32Array;
  readonly childIndex: Int32Array;
  readonly childPort: Uint8Array;
  /** Index of J, or -1 when the graph has no output. */
  readonly output: number;
  /** Indices of the source nodes, in node order. */
  readonly sources: Int32Array;
}

/**
 * Flattens a GraphSpec. Throws on unknown ops, missing or duplicate ports, and cycles: the bench
 * only feeds it graphs it generated.
 */
export const compileGraph = (spec: GraphSpec): CompiledGraph => {
  const size = spec.nodes.length;
  const ids: NodeId[] = new Array<NodeId>(size);
  const indexOf = new Map<NodeId, number>();
  const op = new Uint8Array(size);
  const argA = new Int32Array(size).fill(-1);
  const argB = new Int32Array(size).fill(-1);
  const sourceValue = new Float64Array(size);
  const sources: number[] = [];
  spec.nodes.forEach((node, i) => {
    ids[i] = node.id;
    indexOf.set(node.id, i);
    const code = opCodeOf(node.op);
    op[i] = code;
    if (isSourceCode(code)) {
      const v = node.params?.['value'];
      if (typeof v !== 'number') throw new Error(`bench: source ${node.id} has no numeric value`);
      sourceValue[i] = v;
      sources.push(i);
    }
  });
  const childCount = new Int32Array(size + 1);
  for (const edge of spec.edges) {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    if (s === undefined || t === undefined) throw new Error(`bench: dangling edge ${edge.id}`);
    const slot = edge.targetPort === 'b' ? argB : argA;
    if (slot[t] !== -1)
      throw new Error(`bench: port ${edge.targetPort} of ${edge.target} wired twice`);
    slot[t] = s;
    childCount[s + 1]!++;
  }
  for (let i = 0; i < size; i++) {
    const code = op[i]!;
    if (isSourceCode(code)) continue;
    if (argA[i] === -1 || (isBinaryCode(code) && argB[i] === -1)) {
      throw new Error(`bench: node ${ids[i]} has an unconnected port`);
    }
  }
  const childStart = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) childStart[i + 1] = childStart[i]! + childCount[i + 1]!;
  const fill = childStart.slice(0, size);
  const childIndex = new Int32Array(spec.edges.length);
  const childPort = new Uint8Array(spec.edges.length);
  for (let t = 0; t < size; t++) {
    for (let port = 0; port < 2; port++) {
      const s = port === 0 ? argA[t]! : argB[t]!;
      if (s < 0) continue;
      const at = fill[s]!++;
      childIndex[at] = t;
      childPort[at] = port;
    }
  }
  // The project's one topological sort; each node's two argument slots are its in-edges
  // (-1 where a port is absent, which the sort skips).
  const edgeTargets = new Int32Array(2 * size);
  for (let i = 0; i < size; i++) edgeTargets[i] = edgeTargets[size + i] = i;
  const argSources = new Int32Array(2 * size);
  argSources.set(argA);
  argSources.set(argB, size);
  const { order, placed: tail } = topologicalIndexOrder(size, argSources, edgeTargets);
  if (tail !== size) throw new Error('bench: the graph has a cycle');
  const rank = new Int32Array(size);
  for (let k = 0; k < size; k++) rank[order[k]!] = k;
  const output = spec.output ? (indexOf.get(spec.output) ?? -1) : -1;
  return {
    size,
    ids,
    indexOf,
    op,
    argA,
    argB,
    sourceValue,
    order,
    rank,
    childStart,
    childIndex,
    childPort,
    output,
    sources: Int32Array.from(sources),
  };
};

/**
 * The downstream cone of some nodes: every node reachable from them (a root is marked only if
 * another root reaches it).
 * Iterative (an explicit stack), returned as a mark per node.
 */
export const downstreamCone = (graph: CompiledGraph, roots: readonly number[]): Uint8Array => {
  const mark = new Uint8Array(graph.size);
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let k = graph.childStart[n]!; k < graph.childStart[n + 1]!; k++) {
      const c = graph.childIndex[k]!;
      if (mark[c] === 0) {
        mark[c] = 1;
        stack.push(c);
      }
    }
  }
  return mark;
};

/** How many nodes of the mark are set. */
export const countMarked = (mark: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < mark.length; i++) n += mark[i]!;
  return n;
};
