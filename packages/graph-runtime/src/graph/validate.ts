import type { OpRegistry } from '../ops';
import { sourceValueOf } from '../ops';
import type { EdgeId, NodeId, PortName } from './ids';
import type { GraphSpec } from './types';
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
        : `${issues.length} problems: ${issues.map((issue) => issue.message).join('; ')}`,
    );
    this.name = 'GraphValidationError';
    this.issues = issues;
  }
}

const quote = (id: string): string => JSON.stringify(id);

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
    } else if (op.kind === 'source' && sourceValueOf(node.params) === undefined) {
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
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) {
      issues.push({
        code: 'duplicate-edge',
        edgeId: edge.id,
        message: `two edges have the id ${quote(edge.id)}`,
      });
      continue;
    }
    edgeIds.add(edge.id);
    let endpointsExist = true;
    for (const end of [edge.source, edge.target]) {
      if (!ops.has(end)) {
        endpointsExist = false;
        issues.push({
          code: 'missing-node',
          edgeId: edge.id,
          nodeId: end,
          message: `edge ${quote(edge.id)} connects to a node ${quote(end)} that does not exist`,
        });
      }
    }
    if (!endpointsExist) continue;
    if (edge.source === edge.target) {
      issues.push({
        code: 'self-loop',
        edgeId: edge.id,
        nodeId: edge.source,
        message: `edge ${quote(edge.id)} connects node ${quote(edge.source)} to itself`,
      });
    }
    const targetOp = ops.get(edge.target);
    if (targetOp && !targetOp.inputs.includes(edge.targetPort)) {
      const portList = targetOp.inputs.length
        ? `its ports are ${targetOp.inputs.map(quote).join(', ')}`
        : 'it has no input ports';
      issues.push({
        code: 'unknown-port',
        edgeId: edge.id,
        nodeId: edge.target,
        port: edge.targetPort,
        message: `edge ${quote(edge.id)} goes into port ${quote(edge.targetPort)} of ${targetOp.id} node ${quote(edge.target)}, but ${portList}`,
      });
      continue;
    }
    let ports = takenPorts.get(edge.target);
    if (!ports) takenPorts.set(edge.target, (ports = new Map()));
    const earlier = ports.get(edge.targetPort);
    if (earlier !== undefined) {
      issues.push({
        code: 'port-taken',
        edgeId: edge.id,
        nodeId: edge.target,
        port: edge.targetPort,
        message: `port ${quote(edge.targetPort)} of node ${quote(edge.target)} already has edge ${quote(earlier)}; edge ${quote(edge.id)} cannot also go into it`,
      });
    } else {
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
      message: `the graph has a cycle: ${cycle.map(quote).join(' → ')}`,
    });
  }
  return issues;
};
