import type { GraphEdge, GraphNode, GraphSpec } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';

const n = (id: string, op: string, params?: Record<string, number | string>): GraphNode => ({
  id: nodeId(id),
  op,
  ...(params ? { params } : {}),
});
const e = (source: string, target: string, targetPort: string): GraphEdge => ({
  id: edgeId(`${source}->${target}.${targetPort}`),
  source: nodeId(source),
  target: nodeId(target),
  targetPort,
});

/**
 * A flat logistic-regression graph for the data views' tests:
 * p = sigmoid(w1·x1 + w2·x2), J = mean((p − y)²), over dataset `data`'s columns.
 */
export const logisticGraph = (w1: number, w2: number): GraphSpec => ({
  nodes: [
    n('data/x1', 'data', { dataset: 'data', column: 'x1' }),
    n('data/x2', 'data', { dataset: 'data', column: 'x2' }),
    n('data/y', 'data', { dataset: 'data', column: 'y' }),
    n('w1', 'input', { value: w1 }),
    n('w2', 'input', { value: w2 }),
    n('m1', 'mul'),
    n('m2', 'mul'),
    n('z', 'add'),
    n('p', 'sigmoid'),
    n('d', 'sub'),
    n('sq', 'square'),
    n('J', 'mean'),
  ],
  edges: [
    e('w1', 'm1', 'a'),
    e('data/x1', 'm1', 'b'),
    e('w2', 'm2', 'a'),
    e('data/x2', 'm2', 'b'),
    e('m1', 'z', 'a'),
    e('m2', 'z', 'b'),
    e('z', 'p', 'x'),
    e('p', 'd', 'a'),
    e('data/y', 'd', 'b'),
    e('d', 'sq', 'x'),
    e('sq', 'J', 'x'),
  ],
  output: nodeId('J'),
});
