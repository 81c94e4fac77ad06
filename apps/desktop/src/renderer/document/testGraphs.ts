import type { GraphNode } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { EditorDocument } from './editorDocument';

const node = (id: string, op: string, params?: Record<string, unknown>): GraphNode =>
  params ? { id: nodeId(id), op, params } : { id: nodeId(id), op };

/**
 * The seed's J = 3(a + bc) as an editor document (a=5, b=3, c=2 → J=33), laid out left to
 * right. Shared by the renderer's unit tests.
 */
export const seedDocument = (): EditorDocument => ({
  name: 'seed',
  graph: {
    nodes: [
      node('a', 'input', { value: 5 }),
      node('b', 'input', { value: 3 }),
      node('c', 'input', { value: 2 }),
      node('u', 'mul'),
      node('v', 'add'),
      node('three', 'const', { value: 3 }),
      node('J', 'mul'),
    ],
    edges: [
      { id: edgeId('e1'), source: nodeId('b'), target: nodeId('u'), targetPort: 'a' },
      { id: edgeId('e2'), source: nodeId('c'), target: nodeId('u'), targetPort: 'b' },
      { id: edgeId('e3'), source: nodeId('a'), target: nodeId('v'), targetPort: 'a' },
      { id: edgeId('e4'), source: nodeId('u'), target: nodeId('v'), targetPort: 'b' },
      { id: edgeId('e5'), source: nodeId('three'), target: nodeId('J'), targetPort: 'a' },
      { id: edgeId('e6'), source: nodeId('v'), target: nodeId('J'), targetPort: 'b' },
    ],
    output: nodeId('J'),
  },
  positions: {
    a: { x: 0, y: 0 },
    b: { x: 0, y: 120 },
    c: { x: 0, y: 240 },
    u: { x: 240, y: 180 },
    v: { x: 480, y: 60 },
    three: { x: 480, y: -80 },
    J: { x: 720, y: 0 },
  },
});
