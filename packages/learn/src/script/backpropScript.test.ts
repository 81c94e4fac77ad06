import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRuntime, nodeId, parseGraphDocument } from '@chainrule/graph-runtime';
import type { GraphSpec, Runtime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { expressionToGraph } from '../expression/expressionToGraph';
import { createBackpropScript, displayName } from './backpropScript';
import type { EdgeStep, SumStep } from './backpropScript';

const exampleRuntime = (name: string): Runtime => {
  const text = readFileSync(new URL(`../../../../examples/${name}.graph`, import.meta.url), 'utf8');
  const parsed = parseGraphDocument(text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return createRuntime({ registry: standardRegistry, graph: parsed.document.graph });
};

const expressionRuntime = (source: string): Runtime => {
  const result = expressionToGraph(source);
  if (!result.ok) throw new Error(result.error.message);
  return createRuntime({ registry: standardRegistry, graph: result.value.graph as GraphSpec });
};

const texts = (runtime: Runtime) => createBackpropScript(runtime).steps.map((step) => step.text);

describe('createBackpropScript on the seed', () => {
  it('plays the forward pass in topological order, then the backward pass edge by edge', () => {
    const runtime = exampleRuntime('seed');
    const script = createBackpropScript(runtime);
    expect(script.output).toBe('J');
    const forward = script.steps.slice(0, script.forwardCount).map((step) => step.text);
    expect(forward).toEqual(
      expect.arrayContaining([
        'a = 5',
        'b = 3',
        'c = 2',
        '3',
        'u = b·c = 3·2 = 6',
        'v = a + u = 5 + 6 = 11',
        'J = 3·v = 3·11 = 33',
      ]),
    );
    expect(forward).toHaveLength(7);
    // Every node comes after the nodes it reads.
    expect(forward.indexOf('u = b·c = 3·2 = 6')).toBeGreaterThan(forward.indexOf('c = 2'));
    expect(forward.indexOf('J = 3·v = 3·11 = 33')).toBeGreaterThan(
      forward.indexOf('v = a + u = 5 + 6 = 11'),
    );

    expect(script.steps.slice(script.forwardCount).map((step) => step.text)).toEqual([
      'dJ/dJ = 1',
      'dJ/dJ · ∂J/∂v = 1 · 3 = 3',
      'dJ/dv · ∂v/∂a = 3 · 1 = 3',
      'dJ/dv · ∂v/∂u = 3 · 1 = 3',
      'dJ/du · ∂u/∂b = 3 · 2 = 6',
      'dJ/du · ∂u/∂c = 3 · 3 = 9',
    ]);
  });

  it('carries the engine’s numbers, and follows the runtime when a value changes', () => {
    const runtime = exampleRuntime('seed');
    const edgeFromB = () =>
      createBackpropScript(runtime).steps.find(
        (step): step is EdgeStep => step.kind === 'edge' && step.source === 'b',
      )!;
    const step = edgeFromB();
    expect(step.gradient).toEqual(runtime.edge(step.edge).gradient());
    runtime.setValue(nodeId('c'), -4);
    expect(edgeFromB().text).toBe('dJ/du · ∂u/∂b = 3 · (-4) = -12');
    expect(texts(runtime)).toContain('u = b·c = 3·(-4) = -12');
  });

  it('includes edges out of constants only when asked', () => {
    const runtime = exampleRuntime('seed');
    const withConstants = createBackpropScript(runtime, { includeConstants: true }).steps.map(
      (s) => s.text,
    );
    expect(withConstants).toContain('dJ/dJ · ∂J/∂3 = 1 · 11 = 11');
    expect(texts(runtime)).not.toContain('dJ/dJ · ∂J/∂3 = 1 · 11 = 11');
  });
});

describe('createBackpropScript: fan-out, errors, no output', () => {
  it('sums a fanned-out gradient term by term (the fan-out example)', () => {
    const runtime = exampleRuntime('fan-out');
    const script = createBackpropScript(runtime);
    const sum = script.steps.find((step): step is SumStep => step.kind === 'sum')!;
    expect(sum.text).toBe('dJ/dx = 2 + 1 = 3');
    expect(sum.terms).toEqual([2, 1]);
    expect(sum.total).toEqual({ kind: 'ok', value: 3 });
    // The sum plays after both edges out of x and before anything upstream of x.
    const index = script.steps.indexOf(sum);
    const edgesOutOfX = script.steps
      .map((step, i) => (step.kind === 'edge' && step.source === 'x' ? i : -1))
      .filter((i) => i >= 0);
    expect(edgesOutOfX).toHaveLength(2);
    for (const i of edgesOutOfX) expect(i).toBeLessThan(index);
  });

  it('counts a value used twice by the same node as two terms (x*x)', () => {
    const script = createBackpropScript(expressionRuntime('J = x*x\nx = 3'));
    expect(script.steps.map((step) => step.text)).toEqual([
      'x = 3',
      'J = x·x = 3·3 = 9',
      'dJ/dJ = 1',
      'dJ/dJ · ∂J/∂x = 1 · 3 = 3',
      'dJ/dJ · ∂J/∂x = 1 · 3 = 3',
      'dJ/dx = 3 + 3 = 6',
    ]);
  });

  it('writes functions, negation and powers as the player shows them', () => {
    const all = texts(
      expressionRuntime('h = sigmoid(z)\nz = -w\nq = h^2\nJ = square(q) + max(w, 0)\nw = 2'),
    );
    expect(all).toContain('z = -w = -2 = -2');
    expect(all).toContain('h = σ(z) = σ(-2) = 0.1192');
    // A literal ^2 is a square node; unnamed results are called u, v, … in computing order.
    expect(all).toContain('q = h² = 0.1192² = 0.01421');
    expect(all).toContain('u = max(w, 0) = max(2, 0) = 2');
    expect(all).toContain('v = q² = 0.01421² = 0.0002019');
    expect(all).toContain('dJ/dz · ∂z/∂w = 0.0007114 · (-1) = -0.0007114');
    expect(all).toContain('dJ/dw = -0.0007114 + 1 = 0.9993');
  });

  it('shows domain errors and blocked nodes with the engine’s messages', () => {
    const runtime = expressionRuntime('z = log(x)\nJ = 2*z\nx = -1');
    const script = createBackpropScript(runtime);
    const textOf = (id: string) =>
      script.steps.find((step) => step.kind === 'forward' && step.node === id)!.text;
    const [z, j] = [textOf('z'), textOf('J')];
    const zValue = runtime.node(nodeId('z')).value();
    const jValue = runtime.node(nodeId('J')).value();
    expect(zValue.kind).toBe('error');
    expect(z).toBe(`z = log(x) = log(-1): ${(zValue as { message: string }).message}`);
    expect(j).toBe(`J = 2·z is blocked: ${(jValue as { message: string }).message}`);
    const edges = script.steps.filter((step): step is EdgeStep => step.kind === 'edge');
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) expect(edge.gradient.kind).toBe('unavailable');
  });

  it('stops after the forward pass when no output is chosen', () => {
    const runtime = exampleRuntime('seed');
    runtime.setOutput(null);
    const script = createBackpropScript(runtime);
    expect(script.output).toBeNull();
    expect(script.steps).toHaveLength(script.forwardCount);
  });

  it('skips nodes that do not influence J in the backward pass', () => {
    const runtime = expressionRuntime('J = a*2\nk = a + 1\na = 1');
    runtime.setOutput(nodeId('J'));
    const script = createBackpropScript(runtime);
    const backward = script.steps.slice(script.forwardCount);
    expect(backward.some((step) => step.kind === 'edge' && step.target === 'k')).toBe(false);
    expect(backward.map((step) => step.text)).toEqual(['dJ/dJ = 1', 'dJ/dJ · ∂J/∂a = 1 · 2 = 2']);
  });

  it('names nodes by short labels, else by id', () => {
    expect(displayName({ id: nodeId('u'), op: 'mul', label: 'u = bc' })).toBe('u');
    expect(displayName({ id: nodeId('mul1'), op: 'mul', label: 'h1' })).toBe('h1');
    expect(displayName({ id: nodeId('mul1'), op: 'mul' })).toBe('mul1');
  });
});
