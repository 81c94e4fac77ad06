import type {
  EdgeId,
  EdgeRuleGraph,
  GraphEdge,
  GraphIssueCode,
  NodeId,
  OpRegistry,
  PortName,
} from '@chainrule/graph-runtime';
import { checkEdge, edgeId, findPath, MAX_QUOTED_CHARS, quoteText } from '@chainrule/graph-runtime';
import type { EditorDocument } from './editorDocument';
import { addEdge, freshEdgeId, nodesById, removeElements, takenIds } from './editorDocument';

/** A wish to connect `source`'s output to `target`'s input port. */
export interface ConnectionRequest {
  readonly source: NodeId;
  readonly target: NodeId;
  readonly targetPort: PortName;
  /** Which output of a multi-output source (an instance, a dataset node); absent: its only one. */
  readonly sourcePort?: PortName;
}

/** Whether a connection may be made, and if not, a sentence saying why. */
export type ConnectionCheck =
  | { readonly kind: 'ok' }
  /** The port already has an edge: the UI offers to replace it. */
  | { readonly kind: 'occupied'; readonly existing: GraphEdge; readonly message: string }
  | {
      readonly kind: 'refused';
      readonly reason: 'self' | 'cycle' | 'unknown-node' | 'unknown-port' | 'duplicate';
      readonly message: string;
      /** For `cycle`: the existing path from the target back to the source. */
      readonly path?: readonly NodeId[];
    };

const refusalReasons = {
  'self-loop': 'self',
  cycle: 'cycle',
  'missing-node': 'unknown-node',
  'unknown-port': 'unknown-port',
  'duplicate-edge': 'duplicate',
} as const satisfies Partial<Record<GraphIssueCode, string>>;

/** A short name for messages: a node's label, or its id, cut when long. */
const nameIn = (doc: EditorDocument, id: NodeId): string => {
  const name = nodesById(doc.graph.nodes).get(id)?.label ?? id;
  return name.length > MAX_QUOTED_CHARS ? quoteText(name) : name;
};

/** A sentence for the notice bar: capitalised, with a full stop. */
const sentence = (text: string): string =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * Checks a connection before it is made with the one edge rule of the runtime
 * ({@link checkEdge}: missing nodes, a node feeding itself, unknown ports, cycles naming their
 * path), and adds the app's own step: an already-connected port is reported as `occupied` so the
 * UI can offer to replace it. `ignoreEdge` is the edge being reconnected, which will go.
 */
export const checkConnection = (
  doc: EditorDocument,
  registry: OpRegistry,
  request: ConnectionRequest,
  ignoreEdge?: EdgeId,
): ConnectionCheck => {
  const nodes = nodesById(doc.graph.nodes);
  const edges = doc.graph.edges.filter((edge) => edge.id !== ignoreEdge);
  const successors = new Map<NodeId, NodeId[]>();
  for (const edge of edges) {
    const list = successors.get(edge.source);
    if (list) list.push(edge.target);
    else successors.set(edge.source, [edge.target]);
  }
  const view: EdgeRuleGraph = {
    hasNode: (id) => nodes.has(id),
    opOf: (id) => {
      const op = nodes.get(id)?.op;
      return op === undefined ? undefined : registry.get(op);
    },
    hasEdge: () => false,
    edgeIntoPort: () => undefined,
    pathBetween: (from, to) =>
      findPath(from, to, (node, visit) => successors.get(node)?.forEach(visit)),
    nameOf: (id) => nameIn(doc, id),
  };
  const edge: GraphEdge = { id: edgeId(''), ...request };
  const issue = checkEdge(edge, view, { skipIdCheck: true, skipTakenPort: true });
  if (issue) {
    const reason =
      refusalReasons[issue.code as keyof typeof refusalReasons] ?? ('unknown-port' as const);
    return {
      kind: 'refused',
      reason,
      message: sentence(issue.message),
      ...(issue.code === 'cycle' && issue.cycle ? { path: issue.cycle.slice(1) } : {}),
    };
  }
  // The app's own step: the port is taken, replace it?
  const existing = edges.find(
    (candidate) =>
      candidate.target === request.target && candidate.targetPort === request.targetPort,
  );
  if (existing) {
    const sourceName = nameIn(doc, request.source);
    const targetName = nameIn(doc, request.target);
    if (existing.source === request.source) {
      return {
        kind: 'refused',
        reason: 'duplicate',
        message: `${sourceName} already feeds ${targetName}.${request.targetPort}.`,
      };
    }
    return {
      kind: 'occupied',
      existing,
      message: `Port ${request.targetPort} of ${targetName} is already connected from ${nameIn(doc, existing.source)}.`,
    };
  }
  return { kind: 'ok' };
};

/** The result of {@link connect}: the new document, or why nothing changed. */
export type ConnectResult =
  | { readonly kind: 'connected'; readonly doc: EditorDocument; readonly edge: GraphEdge }
  | Exclude<ConnectionCheck, { kind: 'ok' }>;

/**
 * Connects two nodes when allowed. With `replace`, an edge already in the port is removed first
 * (one edit, so one undo step brings it back).
 */
export const connect = (
  doc: EditorDocument,
  registry: OpRegistry,
  request: ConnectionRequest,
  options: { replace?: boolean; reconnecting?: EdgeId } = {},
): ConnectResult => {
  const check = checkConnection(doc, registry, request, options.reconnecting);
  if (check.kind === 'refused') return check;
  if (check.kind === 'occupied' && !options.replace) return check;
  const gone: EdgeId[] = [];
  if (check.kind === 'occupied') gone.push(check.existing.id);
  if (options.reconnecting) gone.push(options.reconnecting);
  const without = removeElements(doc, [], gone);
  const edge: GraphEdge = {
    // A reconnected edge keeps its id so its identity (and its place in files) survives.
    id: options.reconnecting ?? freshEdgeId(takenIds(doc).edges),
    source: request.source,
    target: request.target,
    targetPort: request.targetPort,
    ...(request.sourcePort !== undefined ? { sourcePort: request.sourcePort } : {}),
  };
  return { kind: 'connected', doc: addEdge(without, edge), edge };
};
