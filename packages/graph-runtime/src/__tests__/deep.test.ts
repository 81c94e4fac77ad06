import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  nodeId,
  topologicalOrder,
  validateGraph,
  type GraphEdge,
  type GraphNode,
} from '@chainrule/graph-runtime';
import { e, n, testRegistry } from './testOps';

describe('a 100,000-node chain on the default stack', () => {
  // Generous timeout: this is a correctness test on a loaded CI machine, not a timing test.
  it(
    'validates, sorts, evaluates forward and backward, and propagates an edit',
    { timeout: 60_000 },
    () => {
      const length = 100_000;
      const nodes: GraphNode[] = [n('x0', 'input', 0.5)];
      const edges: GraphEdge[] = [];
      for (let index = 1; index <= length; index++) {
        nodes.push(n(`x${index}`, 'tanh'));
        edges.push(e(`e${index}`, `x${index - 1}`, `x${index}`, 'x'));
      }
      const output = nodeId(`x${length}`);
      const graph = { nodes, edges, output };
      expect(validateGraph(graph, testRegistry)).toEqual([]);
      expect(topologicalOrder(graph)).toHaveLength(length + 1);
      const runtime = createRuntime({ registry: testRegistry, graph });
      // Reference: the same chain as a plain loop.
      let value = 0.5;
      let derivative = 1;
      for (let index = 0; index < length; index++) {
        value = Math.tanh(value);
        derivative *= 1 - value * value;
      }
      expect(runtime.node(output).value()).toEqual({ kind: 'ok', value });
      const grad = runtime.node(nodeId('x0')).grad();
      expect(grad.kind).toBe('ok');
      expect(grad.kind === 'ok' && grad.value).toBeCloseTo(derivative, 12);
      runtime.setValue(nodeId('x0'), 0.25);
      expect(runtime.node(output).value().kind).toBe('ok');
      runtime.dispose();
    },
  );
});
