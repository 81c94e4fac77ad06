import { createRuntime, edgeId, nodeId } from '@chainrule/graph-runtime';
import { createBackpropScript } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { hiddenGradients } from './gradientReveal';

const graph = seedDocument().graph;
const script = (() => {
  const runtime = createRuntime({ registry: standardRegistry, graph });
  try {
    return createBackpropScript(runtime);
  } finally {
    runtime.dispose();
  }
})();
const stepIndex = (text: string): number => script.steps.findIndex((s) => s.text.startsWith(text));
const ids = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('hiddenGradients (J = 3(a + bc))', () => {
  it('hides every gradient before and during the whole forward pass', () => {
    for (let index = -1; index < script.forwardCount; index++) {
      const hidden = hiddenGradients(script, graph, index);
      expect(hidden.nodes.size, `step ${index}`).toBe(graph.nodes.length);
      expect(hidden.edges.size, `step ${index}`).toBe(graph.edges.length);
    }
  });

  it('reveals J at the seed, then each edge and node as the backward pass reaches it', () => {
    const seed = hiddenGradients(script, graph, script.forwardCount);
    expect(seed.nodes.has(nodeId('J'))).toBe(false);
    expect(seed.nodes.has(nodeId('v'))).toBe(true);

    const atB = stepIndex('dJ/du · ∂u/∂b');
    const before = hiddenGradients(script, graph, atB - 1);
    const at = hiddenGradients(script, graph, atB);
    expect(before.edges.has(edgeId('e1'))).toBe(true);
    expect(before.nodes.has(nodeId('b'))).toBe(true);
    expect(at.edges.has(edgeId('e1'))).toBe(false);
    expect(at.nodes.has(nodeId('b'))).toBe(false);
    // c is reached one step later.
    expect(at.nodes.has(nodeId('c'))).toBe(true);
  });

  it('shows everything at the last step, constants included', () => {
    const end = hiddenGradients(script, graph, script.steps.length - 1);
    expect(ids(end.nodes)).toEqual([]);
    expect(ids(end.edges)).toEqual([]);
    // The constant 3 has no step of its own: hidden until the end.
    expect(hiddenGradients(script, graph, script.steps.length - 2).nodes.has(nodeId('three'))).toBe(
      true,
    );
  });
});
