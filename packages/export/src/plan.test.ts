import { describe, expect, it } from 'vitest';
import { edgeId, nodeId, type GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { ExportError, planExport } from './plan';

/** x → mul(x, w) → op → (square?) = J, at x. */
const chain = (x: number, op: string, squareAfter: boolean): GraphSpec => ({
  nodes: [
    { id: nodeId('x'), op: 'input', params: { value: x } },
    { id: nodeId('w'), op: 'input', params: { value: 1 } },
    { id: nodeId('m'), op: 'mul' },
    { id: nodeId('f'), op },
    ...(squareAfter ? [{ id: nodeId('J'), op: 'square' }] : []),
  ],
  edges: [
    { id: edgeId('e0'), source: nodeId('x'), target: nodeId('m'), targetPort: 'a' },
    { id: edgeId('e1'), source: nodeId('w'), target: nodeId('m'), targetPort: 'b' },
    { id: edgeId('e2'), source: nodeId('m'), target: nodeId('f'), targetPort: 'x' },
    ...(squareAfter
      ? [{ id: edgeId('e3'), source: nodeId('f'), target: nodeId('J'), targetPort: 'x' }]
      : []),
  ],
  output: nodeId(squareAfter ? 'J' : 'f'),
});

const problems = (graph: GraphSpec): { node?: string; message: string }[] => {
  try {
    planExport(graph, { registry: standardRegistry, target: 'numpy' });
  } catch (error) {
    expect(error).toBeInstanceOf(ExportError);
    return [...(error as ExportError).problems];
  }
  throw new Error('the export was not refused');
};

describe('planExport refusals name the root cause, once', () => {
  it('a domain error: the node in error, not everything it blocks', () => {
    const found = problems(chain(-1, 'log', true));
    expect(found).toEqual([
      { node: 'f', message: 'has no value at its current inputs: log needs x > 0, got -1' },
    ]);
  });

  it('an infinite slope with a gradient arriving: once, at the node nearest J', () => {
    const found = problems(chain(0, 'sqrt', false));
    expect(found).toHaveLength(1);
    expect(found[0]!.node).toBe('m');
    expect(found[0]!.message).toMatch(/sqrt has an infinite slope at x = 0/);
  });

  it('a zero gradient crossing an infinite slope (0 · ∞): the engine gives 0, targets NaN', () => {
    const found = problems(chain(0, 'sqrt', true));
    expect(found).toHaveLength(1);
    expect(found[0]!.node).toBe('f');
    expect(found[0]!.message).toMatch(/0 · ∞ taken as 0.*numpy would compute as NaN/);
  });

  it('datasets and batches: every data, mean and sum node, before anything runs', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('x'), op: 'data', params: { dataset: 'd', column: 'x' } },
        { id: nodeId('J'), op: 'mean' },
      ],
      edges: [{ id: edgeId('e0'), source: nodeId('x'), target: nodeId('J'), targetPort: 'x' }],
      output: nodeId('J'),
    };
    expect(problems(graph)).toEqual([
      {
        node: 'x',
        message:
          'cannot export: a data column holds one value per sample; exporting datasets and batches is not supported yet',
      },
      {
        node: 'J',
        message:
          'cannot export: mean reduces over the samples of a batch; exporting datasets and batches is not supported yet',
      },
    ]);
  });

  it('no output, and an unconnected port', () => {
    expect(problems({ ...chain(1, 'exp', false), output: null })[0]!.message).toMatch(/no output/);
    const open = chain(1, 'exp', false);
    const unconnected = { ...open, edges: open.edges.filter((edge) => edge.id !== 'e2') };
    expect(problems(unconnected)).toEqual([
      expect.objectContaining({ node: 'f', message: expect.stringMatching(/has no value/) }),
    ]);
  });

  it('plans a computable graph with the reverse pass in order', () => {
    const plan = planExport(chain(2, 'exp', false), { registry: standardRegistry, target: 'onnx' });
    expect(
      plan.backward.map((step) => `${step.source}<-${step.target}${step.first ? '' : '+'}`),
    ).toEqual(['m<-f', 'x<-m', 'w<-m']);
    expect(plan.expected.grads).toEqual({ x: Math.exp(2), w: 2 * Math.exp(2) });
  });
});
