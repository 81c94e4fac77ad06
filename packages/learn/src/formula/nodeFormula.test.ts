import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { edgeId, evaluate, nodeId } from '@chainrule/graph-runtime';
import type { GraphEdge, GraphNode, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { expressionToGraph } from '../expression/expressionToGraph';
import { expressionFunctions } from '../expression/vocabulary';
import { latexName, nodeFormula } from './nodeFormula';

const graphOf = (source: string): GraphSpec => {
  const result = expressionToGraph(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.graph;
};

/** Formula of the suggested output of `source`, as text and LaTeX. */
const formulaOf = (source: string) => {
  const graph = graphOf(source);
  return nodeFormula(graph, graph.output!);
};

describe('nodeFormula', () => {
  it('writes the seed J in terms of the inputs, as text and as LaTeX', () => {
    const graph = graphOf('u = b*c\nv = a + u\nJ = 3*v');
    expect(nodeFormula(graph, nodeId('J'))).toEqual({
      text: '3*(a + b*c)',
      latex: '3 \\cdot \\left(a + b \\cdot c\\right)',
      references: [],
    });
    expect(nodeFormula(graph, nodeId('v')).text).toBe('a + b*c');
    expect(nodeFormula(graph, nodeId('a')).text).toBe('a');
  });

  it('writes only the node over its inputs’ names with expand: direct', () => {
    const graph = graphOf('u = b*c\nv = a + u\nJ = 3*v');
    expect(nodeFormula(graph, nodeId('J'), { expand: 'direct' }).text).toBe('3*v');
    expect(nodeFormula(graph, nodeId('v'), { expand: 'direct' }).text).toBe('a + u');
  });

  it.each([
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a*(b*c)', 'a*(b*c)'],
    ['(a*b)*c', 'a*b*c'],
    ['a/(b/c)', 'a/(b/c)'],
    ['a^b^c', 'a^b^c'],
    ['(a^b)^c', '(a^b)^c'],
    ['-a^2', '-a^2'],
    ['(-a)^2', '(-a)^2'],
    ['-(a*b)', '-(a*b)'],
    ['-a*b', '-a*b'],
    ['a - -b', 'a - (-b)'],
    ['a*-b', 'a*(-b)'],
    ['a^-b', 'a^(-b)'],
    ['--a', '-(-a)'],
    ['a + (-2)', 'a + (-2)'],
    ['2*pi*e', '2*pi*e'],
    ['max(a + 1, sigmoid(-b))', 'max(a + 1, sigmoid(-b))'],
    ['square(a + b)', '(a + b)^2'],
    ['1e-7*a', '1e-7*a'],
  ])('%s → %s', (source, text) => {
    expect(formulaOf(source).text).toBe(text);
  });

  it.each([
    ['a/b', '\\frac{a}{b}'],
    ['(a/b)^2', '\\left(\\frac{a}{b}\\right)^{2}'],
    ['exp(-x)', 'e^{-x}'],
    ['exp(x)^2', '\\left(e^{x}\\right)^{2}'],
    ['sqrt(x + 1)', '\\sqrt{x + 1}'],
    ['abs(x)^2', '\\left|x\\right|^{2}'],
    ['log(x)', '\\ln\\left(x\\right)'],
    ['sigmoid(w1*x1 + b)', '\\sigma\\left(w_{1} \\cdot x_{1} + b\\right)'],
    ['relu(z)', '\\operatorname{relu}\\left(z\\right)'],
    ['alpha*loss', '\\alpha \\cdot \\mathrm{loss}'],
    ['2^(a + b)', '2^{a + b}'],
    ['1e-7*pi', '1 \\times 10^{-7} \\cdot \\pi'],
  ])('LaTeX of %s is %s', (source, latex) => {
    expect(formulaOf(source).latex).toBe(latex);
  });

  it('writes awkward labels as escaped upright text in LaTeX', () => {
    expect(latexName('w_1')).toBe('w_{1}');
    expect(latexName('x_in')).toBe('x_{\\mathrm{in}}');
    expect(latexName('my weight #2')).toBe('\\text{my weight \\#2}');
  });

  it('marks unconnected ports with ?', () => {
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('a'), op: 'input', params: { value: 1 } },
        { id: nodeId('m'), op: 'mul' },
      ],
      edges: [{ id: edgeId('e'), source: nodeId('a'), target: nodeId('m'), targetPort: 'b' }],
    };
    expect(nodeFormula(graph, nodeId('m')).text).toBe('?*a');
  });

  it('walks a 100,000-node chain iteratively and falls back to names past maxLength', () => {
    const nodes: GraphNode[] = [{ id: nodeId('x0'), op: 'input', params: { value: 1 } }];
    const edges: GraphEdge[] = [];
    for (let i = 1; i <= 100_000; i++) {
      nodes.push({ id: nodeId(`x${i}`), op: 'sin' });
      edges.push({
        id: edgeId(`e${i}`),
        source: nodeId(`x${i - 1}`),
        target: nodeId(`x${i}`),
        targetPort: 'x',
      });
    }
    const formula = nodeFormula({ nodes, edges }, nodeId('x100000'), { maxLength: 200 });
    expect(formula.text.length).toBeLessThan(220);
    expect(formula.text.startsWith('sin(sin(')).toBe(true);
    expect(formula.references.length).toBeGreaterThan(100_000 / 50);
    // The last reference is the name the final formula is written in terms of.
    const last = formula.references[formula.references.length - 1]!;
    expect(formula.text).toContain(`(${last})`);
  }, 60_000);

  it('does not blow up on shared sub-graphs whose full expansion is exponential', () => {
    // x_{k+1} = x_k * x_k, 60 times: the full expansion would have 2^60 leaves.
    let source = 'x0 = 1.0001';
    for (let k = 1; k <= 60; k++) source += `\nx${k} = x${k - 1}*x${k - 1}`;
    const graph = graphOf(source);
    const formula = nodeFormula(graph, nodeId('x60'));
    expect(formula.text.length).toBeLessThan(1000);
    expect(formula.references.length).toBeGreaterThan(0);
  });
});

describe('nodeFormula ⇄ expressionToGraph round trip (seeded property)', () => {
  const unaryOps = [...expressionFunctions.values()].filter((fn) => fn.ports.length === 1);
  const binaryOps = ['add', 'sub', 'mul', 'div', 'pow', 'max', 'min'];
  type Step = { kind: 'unary' | 'binary'; op: number; a: number; b: number };
  const stepArb = fc.record({
    kind: fc.constantFrom<'unary' | 'binary'>('unary', 'binary'),
    op: fc.nat(100),
    a: fc.nat(1000),
    b: fc.nat(1000),
  });
  const constArb = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ min: -3, max: 3, noNaN: true }),
  );

  /** A random DAG over inputs a, b, c and one const; the last node is J. */
  const buildGraph = (steps: readonly Step[], constant: number): GraphSpec => {
    const nodes: GraphNode[] = [
      { id: nodeId('a'), op: 'input', params: { value: 0.7 } },
      { id: nodeId('b'), op: 'input', params: { value: -1.3 } },
      { id: nodeId('c'), op: 'input', params: { value: 2.1 } },
      { id: nodeId('k'), op: 'const', params: { value: constant } },
    ];
    const edges: GraphEdge[] = [];
    steps.forEach((step, index) => {
      const id = nodeId(`n${index}`);
      // Only earlier nodes, so the graph stays acyclic.
      const available = nodes.length;
      const pick = (seed: number): NodeId => nodes[seed % available]!.id;
      if (step.kind === 'unary') {
        const fn = unaryOps[step.op % unaryOps.length]!;
        nodes.push({ id, op: fn.op });
        edges.push({ id: edgeId(`${id}.x`), source: pick(step.a), target: id, targetPort: 'x' });
      } else {
        nodes.push({ id, op: binaryOps[step.op % binaryOps.length]! });
        edges.push({ id: edgeId(`${id}.a`), source: pick(step.a), target: id, targetPort: 'a' });
        edges.push({ id: edgeId(`${id}.b`), source: pick(step.b), target: id, targetPort: 'b' });
      }
    });
    return { nodes, edges, output: nodes[nodes.length - 1]!.id };
  };

  it('text parses back to a graph computing the same J, and re-printing is a fixpoint', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        constArb,
        (steps, constant) => {
          const graph = buildGraph(steps, constant);
          const formula = nodeFormula(graph, graph.output!, { maxLength: 100_000 });
          // A bare line, because `J = -2` would set an input J rather than compute -2.
          const reparsed = expressionToGraph(`${formula.text}\na = 0.7\nb = -1.3\nc = 2.1`);
          if (!reparsed.ok) throw new Error(`${formula.text}: ${reparsed.error.message}`);
          const again = nodeFormula(reparsed.value.graph, nodeId('J'), { maxLength: 100_000 });
          expect(again.text).toBe(formula.text);
          const before = evaluate(standardRegistry, graph).nodes.get(graph.output!)!.value;
          const after = evaluate(standardRegistry, reparsed.value.graph).nodes.get(
            nodeId('J'),
          )!.value;
          expect(after.kind).toBe(before.kind);
          if (before.kind === 'ok' && after.kind === 'ok') {
            expect(Object.is(after.value, before.value) || after.value === before.value).toBe(true);
          }
        },
      ),
      { seed: 20260426, numRuns: 300 },
    );
  }, 60_000);
});
