import type { OpRegistry } from '../ops';
import { sourceValueOf, takesValue } from '../ops';
import type { EdgeId, NodeId, PortName } from './ids';
import type { GraphSpec } from './types';
import { checkEdge, type EdgeRuleGraph } from './edgeRules';
import { listItems, quoteText } from './text';
import { findCycle } from './topology';

/** Every way a graph can be structurally wrong. @public */
export type GraphIssueCode =
  | 'duplicate-node'
  | 'duplicate-edge'
  | 'unknown-op'
  | 'missing-node'
  | 'unknown-port'
  | 'port-taken'
  | 'self-loop'
  | 'cycle'
  | 'missing-output'
  | 'invalid-value';

/**
 * One problem found by {@link validateGraph}, with a sentence a person understands and the
 * ids involved so a UI or a file loader can point at it.
 * @public
 */
export interface GraphIssue {
  readonly code: GraphIssueCode;
  readonly message: string;
  readonly nodeId?: NodeId;
  readonly edgeId?: EdgeId;
  readonly port?: PortName;
  /** For `cycle`: the node ids around the cycle, the first repeated at the end. */
  readonly cycle?: readonly NodeId[];
}

/**
 * Thrown by the runtime when given a graph (or an edit) that is not valid.
 * @public
 */
export class GraphValidationError extends Error {
  readonly issues: readonly GraphIssue[];
  constructor(issues: readonly GraphIssue[]) {
    super(
      issues.length === 1
        ? issues[0]!.message
        : `${issues.length} problems: ${listItems(
            issues.map((issue) => issue.message),
            '; ',
          )}`,
    );
    this.name = 'GraphValidationError';
    this.issues = issues;
  }
}

const quote = quoteText;

/**
 * Checks a graph against an op registry and names every problem: duplicate ids, unknown ops,
 * edges to missing nodes or unknown ports, two edges into one port, cycles (with their path),
 * an output that is not a node, and source values that are not finite numbers.
 * Unconnected input ports are not problems: such nodes are simply `blocked` when evaluated.
 * Runs in time linear in the graph's size, without recursion.
 * @example
 * const issues = validateGraph(spec, standardRegistry);
 * if (issues.length > 0) console.error(issues.map((i) => i.message).join('\n'));
 * @public
 */
export const validateGraph = (graph: GraphSpec, registry: OpRegistry): GraphIssue[] => {
  const issues: GraphIssue[] = [];
  const ops = new Map<NodeId, ReturnType<OpRegistry['get']>>();
  for (const node of graph.nodes) {
    if (ops.has(node.id)) {
      issues.push({
        code: 'duplicate-node',
        nodeId: node.id,
        message: `two nodes have the id ${quote(node.id)}`,
      });
      continue;
    }
    const op = registry.get(node.op);
    ops.set(node.id, op);
    if (!op) {
      issues.push({
        code: 'unknown-op',
        nodeId: node.id,
        message: `node ${quote(node.id)} uses an unknown op ${quote(node.op)}`,
      });
    } else if (takesValue(op) && sourceValueOf(node.params) === undefined) {
      const raw = node.params?.['value'];
      issues.push({
        code: 'invalid-value',
        nodeId: node.id,
        message:
          raw === undefined
            ? `${op.id} node ${quote(node.id)} needs a value`
            : `${op.id} node ${quote(node.id)} needs a finite number as its value, got ${String(raw)}`,
      });
    }
  }
  const edgeIds = new Set<EdgeId>();
  // target id → port → the edge already in it; no string keys to build per edge.
  const takenPorts = new Map<NodeId, Map<PortName, EdgeId>>();
  // The graph as seen so far: each edge is checked against the edges before it. Cycles are
  // found once, for the whole graph, below.
  const seenSoFar: EdgeRuleGraph = {
    hasNode: (id) => ops.has(id),
    opOf: (id) => ops.get(id),
    hasEdge: (id) => edgeIds.has(id),
    edgeIntoPort: (target, port) => takenPorts.get(target)?.get(port),
    pathBetween: () => null,
  };
  for (const edge of graph.edges) {
    const issue = checkEdge(edge, seenSoFar);
    if (issue) {
      issues.push(issue);
      // Both ends of an edge to a missing node are reported.
      if (issue.code === 'missing-node' && issue.nodeId === edge.source && !ops.has(edge.target)) {
        issues.push(checkEdge({ ...edge, source: edge.target }, seenSoFar)!);
      }
      if (issue.code === 'duplicate-edge') continue;
    }
    edgeIds.add(edge.id);
    if (issue === null) {
      let ports = takenPorts.get(edge.target);
      if (!ports) takenPorts.set(edge.target, (ports = new Map()));
      ports.set(edge.targetPort, edge.id);
    }
  }
  if (graph.output != null && !ops.has(graph.output)) {
    issues.push({
      code: 'missing-output',
      nodeId: graph.output,
      message: `the output ${quote(graph.output)} is not a node of the graph`,
    });
  }
  // Edges to missing nodes are skipped by the search; self-loops were reported above.
  const cycle = findCycle(
    [...ops.keys()],
    issues.some((issue) => issue.code === 'self-loop')
      ? graph.edges.filter((edge) => edge.source !== edge.target)
      : graph.edges,
  );
  if (cycle) {
    issues.push({
      code: 'cycle',
      nodeId: cycle[0],
      cycle,
      message: `the graph has a cycle: ${listItems(cycle.map(quote), ' → ')}`,
    });
  }
  return issues;
};
