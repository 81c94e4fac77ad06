import type { EdgeId, NodeId, Runtime } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { EditorSession } from './editorSession';

const views = new WeakMap<Runtime, Map<string, Runtime>>();

/**
 * The runtime as the canvas's ids name it: for the document's session the runtime itself;
 * inside an opened instance `h1`, a view in which node `m1` is the flat `h1/m1` and edge `e2`
 * the flat `h1/e2` (for panels that look nodes up by the ids they show, like the inspector).
 * Everything else (spec, output, streams of the whole graph) is the flat runtime's.
 */
export const canvasRuntime = (session: Pick<EditorSession, 'path'>, runtime: Runtime): Runtime => {
  if (session.path.length === 0) return runtime;
  const prefix = `${session.path.join('/')}/`;
  let byPath = views.get(runtime);
  if (!byPath) views.set(runtime, (byPath = new Map()));
  const cached = byPath.get(prefix);
  if (cached) return cached;
  const node = (id: NodeId): NodeId => nodeId(`${prefix}${id}`);
  const edge = (id: EdgeId): EdgeId => edgeId(`${prefix}${id}`);
  const view = new Proxy(runtime, {
    get(target, property, receiver) {
      if (property === 'hasNode') return (id: NodeId) => target.hasNode(node(id));
      if (property === 'node') return (id: NodeId) => target.node(node(id));
      if (property === 'hasEdge') return (id: EdgeId) => target.hasEdge(edge(id));
      if (property === 'edge') return (id: EdgeId) => target.edge(edge(id));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  byPath.set(prefix, view);
  return view;
};
