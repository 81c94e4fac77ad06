import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { setParams, setValue } from '../document/editorDocument';
import { seedDocument } from '../document/testGraphs';
import { createEditorSession } from '../session/editorSession';
import {
  createFlowElementCache,
  FUNCTION_NODE_HEIGHT,
  NODE_WIDTH,
  SOURCE_NODE_HEIGHT,
} from './flowElements';
import type { Transform } from './lowDetailScene';
import { buildScene, nodeAt } from './lowDetailScene';

const newSession = () =>
  createEditorSession({ registry: standardRegistry, createRuntime, doc: seedDocument() });

const flowOf = (session: ReturnType<typeof newSession>) => {
  const cache = createFlowElementCache(session.registry);
  const state = session.store.getState();
  return { nodes: cache.nodes(state), edges: cache.edges(state) };
};

const scene = (
  session: ReturnType<typeof newSession>,
  transform: Transform = [0, 0, 0.3],
  inDom: ReadonlySet<string> = new Set(),
) => {
  const { nodes, edges } = flowOf(session);
  return buildScene(nodes, edges, session.getRuntime(), inDom, transform, 1000, 700);
};

const texts = (session: ReturnType<typeof newSession>) =>
  Object.fromEntries(scene(session).nodes.map((node) => [node.id, node.text]));

describe('low-detail scene', () => {
  it('shows every node in view with the engine’s value, and the seed’s J = 33', () => {
    const session = newSession();
    expect(texts(session)).toEqual({
      a: '5',
      b: '3',
      c: '2',
      u: '6',
      v: '11',
      three: '3',
      J: '33',
    });
    const j = scene(session).nodes.find((node) => node.id === 'J')!;
    expect(j.isOutput).toBe(true);
    // Screen boxes: the flow position and the fixed node size, scaled by the zoom.
    expect(j).toMatchObject({ x: 720 * 0.3, y: 0, width: NODE_WIDTH * 0.3 });
    expect(j.height).toBeCloseTo(FUNCTION_NODE_HEIGHT * 0.3);
  });

  it('follows edits, and a node replaced under the same id, without going stale', () => {
    const session = newSession();
    session.store.edit('Set a', (doc) => setValue(doc, nodeId('a'), 7));
    expect(texts(session)['J']).toBe('39');
    // An op change keeps the id and replaces the runtime node behind it.
    session.store.edit('Op', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        nodes: doc.graph.nodes.map((node) => (node.id === 'v' ? { ...node, op: 'sub' } : node)),
      },
    }));
    expect(texts(session)).toMatchObject({ v: '1', J: '3' });
    session.store.undo();
    expect(texts(session)).toMatchObject({ v: '13', J: '39' });
  });

  it('shows a domain error as its message, in the error state', () => {
    const session = newSession();
    session.store.edit('Op', (doc) => ({
      ...doc,
      graph: {
        ...doc.graph,
        nodes: doc.graph.nodes.map((node) => (node.id === 'u' ? { ...node, op: 'div' } : node)),
      },
    }));
    session.store.edit('c = 0', (doc) => setParams(doc, nodeId('c'), { value: 0 }));
    const u = scene(session).nodes.find((node) => node.id === 'u')!;
    expect(u.state).toBe('error');
    expect(u.text).toMatch(/zero/i);
    expect(scene(session).nodes.find((node) => node.id === 'J')!.state).toBe('blocked');
  });

  it('draws only what is in view, and edges with an end in view', () => {
    const session = newSession();
    // Zoom 1, view 1000 × 700 moved so that only J (x 720…892) and three/v (x 480…652) show.
    const view = scene(session, [-500, 0, 1]);
    expect(view.nodes.map((node) => node.id).sort()).toEqual(['J', 'three', 'v']);
    // e3 (a → v), e4 (u → v), e5 (three → J), e6 (v → J): one end in view; e1, e2 none.
    expect(view.edgeCount).toBe(4);
    // The edge into J's port b starts at v's output (right middle) and ends 2/3 down J's left.
    const segments = Array.from(view.edges.slice(0, view.edgeCount * 4));
    const intoJb = [
      480 + NODE_WIDTH - 500,
      60 + FUNCTION_NODE_HEIGHT / 2,
      720 - 500,
      0 + 92 * (2 / 3),
    ];
    const found = [];
    for (let index = 0; index < segments.length; index += 4)
      found.push(segments.slice(index, index + 4));
    expect(found.some((s) => s.every((v, k) => Math.abs(v - intoJb[k]!) < 1e-9))).toBe(true);
  });

  it('leaves out nodes in the DOM, and edges the DOM draws (both ends in it)', () => {
    const session = newSession();
    const view = scene(session, [-500, 0, 1], new Set(['J', 'v']));
    expect(view.nodes.map((node) => node.id)).toEqual(['three']);
    // e6 (v → J) is drawn by the DOM; e3 (a → v), e4 (u → v), e5 (three → J) are not.
    expect(view.edgeCount).toBe(3);
    const all = scene(session, [-500, 0, 1], new Set(['a', 'b', 'c', 'u', 'v', 'three', 'J']));
    expect(all.nodes).toEqual([]);
    expect(all.edgeCount).toBe(0);
  });

  it('finds the node under a point of the flow', () => {
    const { nodes } = flowOf(newSession());
    expect(nodeAt(nodes, { x: 730, y: 10 })).toBe('J');
    expect(nodeAt(nodes, { x: 5, y: 120 + SOURCE_NODE_HEIGHT - 1 })).toBe('b');
    expect(nodeAt(nodes, { x: 300, y: 0 })).toBeNull();
  });
});
