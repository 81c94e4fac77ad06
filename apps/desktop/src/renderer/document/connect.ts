import type { EdgeId, GraphEdge, NodeId, OpRegistry, PortName } from '@chainrule/graph-runtime';
import type { EditorDocument } from './editorDocument';
import {
  addEdge,
  displayName,
  edgeIntoPort,
  findNode,
  freshEdgeId,
  removeElements,
  takenIds,
} from './editorDocument';

/** A wish to connect `source`'s output to `target`'s input port. */
export interface ConnectionRequest {
  readonly source: NodeId;
  readonly target: NodeId;
  readonly targetPort: PortName;
}

/** Whether a connection may be made, and if not, a sentence saying why. */
export type ConnectionCheck =
  | { readonly kind: 'ok' }
  /** The port already has an edge: the UI offers to replace it. */
  | { readonly kind: 'occupied'; readonly existing: GraphEdge; readonly message: string }
  | {
      readonly kind: 'refused';
      readonly reason: 'self' | 'cycle' | 'unknown-node' | 'unknown-port';
      readonly message: string;
      /** For `cycle`: the existing path from the target back to the source. */
      readonly path?: readonly NodeId[];
    };

/**
 * The path target → … → source along existing edges, if there is one (then adding
 * source → target would close a cycle). Iterative depth-first search, so deep graphs cannot
 * overflow the stack.
 */
export const pathBetween = (
  doc: EditorDocument,
  from: NodeId,
  to: NodeId,
  ignoreEdge?: EdgeId,
): NodeId[] | null => {
  const outgoing = new Map<NodeId, NodeId[]>();
  for (const edge of doc.graph.edges) {
    if (edge.id === ignoreEdge) continue;
    const list = outgoing.get(edge.source);
    if (list) list.push(edge.target);
    else outgoing.set(edge.source, [edge.target]);
  }
  const cameFrom = new Map<NodeId, NodeId | null>([[from, null]]);
  const stack: NodeId[] = [from];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === to) {
      const path: NodeId[] = [];
      for (let at: NodeId | null = to; at !== null; at = cameFrom.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const next of outgoing.get(current) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        stack.push(next);
      }
    }
  }
  return null;
};

/**
 * Checks a connection before it is made: refuses joining a node to itself, a cycle (naming the
 * path that would close it), unknown nodes or ports, and reports an already-connected port so
 * the UI can offer to replace it. `ignoreEdge` is the edge being reconnected, which will go.
 */
export const checkConnection = (
  doc: EditorDocument,
  registry: OpRegistry,
  request: ConnectionRequest,
  ignoreEdge?: EdgeId,
): ConnectionCheck => {
  const source = findNode(doc, request.source);
  const target = findNode(doc, request.target);
  if (!source || !target) {
    return { kind: 'refused', reason: 'unknown-node', message: 'That node no longer exists.' };
  }
  const sourceName = displayName(source);
  const targetName = displayName(target);
  if (source.id === target.id) {
    return {
      kind: 'refused',
      reason: 'self',
      message: `Can't connect ${sourceName} to itself: a node cannot be its own input.`,
    };
  }
  const op = registry.get(target.op);
  if (!op || !op.inputs.includes(request.targetPort)) {
    return {
      kind: 'refused',
      reason: 'unknown-port',
      message: `${targetName} has no input port "${request.targetPort}".`,
    };
  }
  const path = pathBetween(doc, target.id, source.id, ignoreEdge);
  if (path) {
    const names = path.map((id) => {
      const node = findNode(doc, id);
      return node ? displayName(node) : id;
    });
    return {
      kind: 'refused',
      reason: 'cycle',
      path,
      message: `Can't connect ${sourceName} → ${targetName}: it would make a cycle (${[...names, names[0]].join(' → ')}). A computational graph flows one way.`,
    };
  }
  const existing = edgeIntoPort(doc, target.id, request.targetPort);
  if (existing && existing.id !== ignoreEdge) {
    if (existing.source === source.id) {
      return {
        kind: 'refused',
        reason: 'unknown-port',
        message: `${sourceName} already feeds ${targetName}.${request.targetPort}.`,
      };
    }
    const from = findNode(doc, existing.source);
    return {
      kind: 'occupied',
      existing,
      message: `Port ${request.targetPort} of ${targetName} is already connected from ${from ? displayName(from) : existing.source}.`,
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
  };
  return { kind: 'connected', doc: addEdge(without, edge), edge };
};
