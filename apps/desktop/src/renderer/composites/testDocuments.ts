import type { GraphEdge, GraphNode } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import { idTable } from '../document/editorDocument';

const node = (id: string, op: string, value?: number): GraphNode =>
  value === undefined ? { id: nodeId(id), op } : { id: nodeId(id), op, params: { value } };
const edge = (id: string, source: string, target: string, targetPort: string): GraphEdge => ({
  id: edgeId(id),
  source: nodeId(source),
  target: nodeId(target),
  targetPort,
});

/**
 * One tanh neuron drawn by hand, J = tanh(w1·x1 + w2·x2 + b)², for the composite tests:
 * select w1, w2, b, m1, m2, s1, s2, t and Make composite gives a 2-input neuron.
 */
export const handNeuronDocument = (): EditorDocument => ({
  graph: {
    nodes: [
      node('x1', 'input', 0.5),
      node('x2', 'input', -1.5),
      node('w1', 'input', 0.8),
      node('w2', 'input', -0.4),
      node('b', 'input', 0.1),
      node('m1', 'mul'),
      node('m2', 'mul'),
      node('s1', 'add'),
      node('s2', 'add'),
      node('t', 'tanh'),
      node('J', 'square'),
    ],
    edges: [
      edge('e1', 'w1', 'm1', 'a'),
      edge('e2', 'x1', 'm1', 'b'),
      edge('e3', 'w2', 'm2', 'a'),
      edge('e4', 'x2', 'm2', 'b'),
      edge('e5', 'm1', 's1', 'a'),
      edge('e6', 'm2', 's1', 'b'),
      edge('e7', 's1', 's2', 'a'),
      edge('e8', 'b', 's2', 'b'),
      edge('e9', 's2', 't', 'x'),
      edge('e10', 't', 'J', 'x'),
    ],
    output: nodeId('J'),
  },
  positions: idTable<XY>([
    ['x1', { x: 0, y: 0 }],
    ['x2', { x: 0, y: 200 }],
    ['w1', { x: 200, y: -100 }],
    ['w2', { x: 200, y: 300 }],
    ['b', { x: 400, y: 300 }],
    ['m1', { x: 400, y: 0 }],
    ['m2', { x: 400, y: 160 }],
    ['s1', { x: 600, y: 80 }],
    ['s2', { x: 800, y: 120 }],
    ['t', { x: 1000, y: 120 }],
    ['J', { x: 1200, y: 120 }],
  ]),
});

/** The ids Make composite groups into a neuron in {@link handNeuronDocument}. */
export const neuronSelection = ['w1', 'w2', 'b', 'm1', 'm2', 's1', 's2', 't'].map(nodeId);
