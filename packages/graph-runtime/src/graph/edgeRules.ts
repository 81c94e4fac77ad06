import type { OpDefinition } from '../ops';
import type { EdgeId, NodeId, PortName } from './ids';
import { listItems, quoteText } from './text';
import type { GraphEdge } from './types';
import type { GraphIssue } from './validate';

/**
 * What {@link checkEdge} needs to know about the graph an edge would join. The engine answers
 * from its arrays, validation from the edges seen so far, the app from its document.
 * @public
 */
export interface EdgeRuleGraph {
  hasNode(id: NodeId): boolean;
  /** The op a node runs, or `undefined` when the op is unknown. */
  opOf(id: NodeId): OpDefinition | undefined;
  hasEdge(id: EdgeId): boolean;
  /** The edge already in `target.port`, if any. */
  edgeIntoPort(target: NodeId, port: PortName): EdgeId | undefined;
  /**
   * A path `from → … → to` along existing edges (see {@link findPath}), or `null`. Return `null`
   * always when cycles are checked elsewhere (validation finds them in one linear pass).
   */
  pathBetween(from: NodeId, to: NodeId): readonly NodeId[] | null;
  /** How a node is named in messages (its label); its quoted id when absent. */
  nameOf?(id: NodeId): string;
}

/** Which checks to run; all by default. @public */
export interface EdgeRuleOptions {
  /** Skip the duplicate-id check (the edge has no id yet, as when the app proposes one). */
  readonly skipIdCheck?: boolean;
  /** Skip the taken-port check (the caller offers to replace the edge already there). */
  readonly skipTakenPort?: boolean;
}

const NO_OPTIONS: EdgeRuleOptions = {};

const nameIn = (graph: EdgeRuleGraph, id: NodeId): string => graph.nameOf?.(id) ?? quoteText(id);

/**
 * The one edge rule of Chainrule: may `edge` join `graph`? Checks, in this order, a duplicate
 * edge id, missing endpoints, a node feeding itself, an unknown port, a cycle (naming its path)
 * and a taken port, and returns the first problem as a {@link GraphIssue} with one sentence, or
 * `null` when the edge may be added.
 * @example
 * const issue = checkEdge({ id, source: a, target: b, targetPort: 'x' }, view);
 * if (issue) showError(issue.message);
 * @public
 */
export const checkEdge = (
  edge: GraphEdge,
  graph: EdgeRuleGraph,
  options: EdgeRuleOptions = NO_OPTIONS,
): GraphIssue | null => {
  // Nothing is allocated on the way to `null`: an engine asks this about every edge it builds.
  if (!options.skipIdCheck && graph.hasEdge(edge.id)) {
    return {
      code: 'duplicate-edge',
      edgeId: edge.id,
      message: `two edges have the id ${quoteText(edge.id)}`,
    };
  }
  const missing = !graph.hasNode(edge.source)
    ? edge.source
    : !graph.hasNode(edge.target)
      ? edge.target
      : null;
  if (missing !== null) {
    return {
      code: 'missing-node',
      edgeId: edge.id,
      nodeId: missing,
      message: `edge ${quoteText(edge.id)} connects to a node ${quoteText(missing)} that does not exist`,
    };
  }
  if (edge.source === edge.target) {
    return {
      code: 'self-loop',
      edgeId: edge.id,
      nodeId: edge.source,
      message: `a node cannot feed itself: ${nameIn(graph, edge.source)} → ${nameIn(graph, edge.source)}`,
    };
  }
  const op = graph.opOf(edge.target);
  // An unknown op is reported on the node itself; its ports cannot be checked.
  if (op === undefined) return null;
  if (!op.inputs.includes(edge.targetPort)) {
    const portList = op.inputs.length
      ? `its ports are ${listItems(op.inputs.map(quoteText))}`
      : 'it has no input ports';
    return {
      code: 'unknown-port',
      edgeId: edge.id,
      nodeId: edge.target,
      port: edge.targetPort,
      message: `${op.id} node ${nameIn(graph, edge.target)} has no input port ${quoteText(edge.targetPort)}: ${portList}`,
    };
  }
  const path = graph.pathBetween(edge.target, edge.source);
  if (path) {
    const around = [edge.source, ...path];
    return {
      code: 'cycle',
      edgeId: edge.id,
      nodeId: edge.source,
      cycle: around,
      message: `connecting ${nameIn(graph, edge.source)} to ${nameIn(graph, edge.target)} would make a cycle: ${listItems(
        around.map((id) => nameIn(graph, id)),
        ' → ',
      )}`,
    };
  }
  if (!options.skipTakenPort) {
    const taken = graph.edgeIntoPort(edge.target, edge.targetPort);
    if (taken !== undefined) {
      return {
        code: 'port-taken',
        edgeId: edge.id,
        nodeId: edge.target,
        port: edge.targetPort,
        message: `input ${quoteText(edge.targetPort)} of ${nameIn(graph, edge.target)} is already connected (edge ${quoteText(taken)})`,
      };
    }
  }
  return null;
};
