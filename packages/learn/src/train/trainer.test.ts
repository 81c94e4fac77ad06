import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRuntime, nodeId, parseGraphDocument } from '@chainrule/graph-runtime';
import type { GraphSpec, Runtime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { expressionToGraph } from '../expression/expressionToGraph';
import { createTrainer, trainableParameters } from './trainer';

const exampleGraph = (name: string): GraphSpec => {
  const text = readFileSync(new URL(`../../../../examples/${name}.graph`, import.meta.url), 'utf8');
  const parsed = parseGraphDocument(text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.document.graph;
};

const runtimeOf = (graph: GraphSpec): Runtime =>
  createRuntime({ registry: standardRegistry, graph });

const expression = (source: string): GraphSpec => {
  const result = expressionToGraph(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.graph;
};

const valueOf = (runtime: Runtime, id: string): number => {
  const state = runtime.node(nodeId(id)).value();
  if (state.kind !== 'ok') throw new Error(state.message);
  return state.value;
};

/** The least-squares line through the example's points, in closed form. */
const leastSquares = (xs: readonly number[], ys: readonly number[]) => {
  const n = xs.length;
  const sx = xs.reduce((s, x) => s + x, 0);
  const sy = ys.reduce((s, y) => s + y, 0);
  const sxy = xs.reduce((s, x, i) => s + x * ys[i]!, 0);
  const sxx = xs.reduce((s, x) => s + x * x, 0);
  const w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { w, b: (sy - w * sx) / n };
};

/** Reads the data points back out of the example graph: r_i = w*x_i + b - y_i. */
const pointsOf = (graph: GraphSpec) => {
  const value = (id: string) =>
    graph.nodes.find((node) => node.id === id)!.params!['value'] as number;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const node of graph.nodes.filter((n) => /^r\d+$/.test(n.id))) {
    const into = (target: string, port: string) =>
      graph.edges.find((edge) => edge.target === target && edge.targetPort === port)!.source;
    const wx = into(into(node.id, 'a'), 'a');
    ys.push(value(into(node.id, 'b')));
    xs.push(value(into(wx, 'b')));
  }
  return { xs, ys };
};

describe('trainableParameters', () => {
  it('lists trainable inputs and skips fixed ones (params.fixed = 1 or true) and consts', () => {
    const graph = expression('J = w*x + b*k + 2\nw = 1\nx = 3\nb = 0\nk = 1');
    const marked: GraphSpec = {
      ...graph,
      nodes: graph.nodes.map((node) =>
        node.id === 'x'
          ? { ...node, params: { ...node.params, fixed: 1 } }
          : node.id === 'k'
            ? { ...node, params: { ...node.params, fixed: true } }
            : node,
      ),
    };
    expect(trainableParameters(marked, standardRegistry)).toEqual(['w', 'b']);
    expect(trainableParameters(graph, standardRegistry)).toEqual(['w', 'x', 'b', 'k']);
  });
});

describe('createTrainer on the least-squares-by-hand example', () => {
  it('SGD reaches the closed-form least-squares solution within 1e-3', () => {
    const graph = exampleGraph('least-squares-by-hand');
    const { xs, ys } = pointsOf(graph);
    expect(xs).toEqual([0, 1, 2, 3]);
    const solution = leastSquares(xs, ys);
    const runtime = runtimeOf(graph);
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.02 },
    });
    expect(trainer.parameters).toEqual(['w', 'b']);
    const result = trainer.run(1000);
    expect(result.status).toEqual({ kind: 'ready' });
    expect(result.steps).toBe(1000);
    expect(Math.abs(valueOf(runtime, 'w') - solution.w)).toBeLessThan(1e-3);
    expect(Math.abs(valueOf(runtime, 'b') - solution.b)).toBeLessThan(1e-3);
    // The minimum loss, from the closed form.
    const minimum = xs.reduce((s, x, i) => s + (solution.w * x + solution.b - ys[i]!) ** 2, 0);
    expect(result.loss).toBeCloseTo(minimum, 6);
    const trace = trainer.trace();
    expect(trace.loss).toHaveLength(1001);
    expect(trace.parameters.get(nodeId('w'))).toHaveLength(1001);
    expect(trace.loss[0]).toBeCloseTo(
      ys.reduce((s, y) => s + y * y, 0),
      12,
    );
    // Gradient descent with a small enough step never increases a convex quadratic.
    for (let k = 1; k < trace.loss.length; k++) {
      expect(trace.loss[k]!).toBeLessThanOrEqual(trace.loss[k - 1]! + 1e-12);
    }
  });

  it('momentum and Adam also find the least-squares line', () => {
    const graph = exampleGraph('least-squares-by-hand');
    const solution = leastSquares(pointsOf(graph).xs, pointsOf(graph).ys);
    for (const [kind, learningRate, steps] of [
      ['momentum', 0.01, 1500],
      ['adam', 0.05, 4000],
    ] as const) {
      const runtime = runtimeOf(graph);
      createTrainer(runtime, { registry: standardRegistry, optimizer: { kind, learningRate } }).run(
        steps,
      );
      expect(Math.abs(valueOf(runtime, 'w') - solution.w), kind).toBeLessThan(1e-3);
      expect(Math.abs(valueOf(runtime, 'b') - solution.b), kind).toBeLessThan(1e-3);
    }
  });

  it('takes the same first step as the optimizer fed the engine’s gradients (seed, Adam)', () => {
    const runtime = runtimeOf(expression('J = 3*(a + b*c)\na = 5\nb = 3\nc = 2'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'adam', learningRate: 0.1 },
    });
    const result = trainer.step();
    expect(result).toMatchObject({ kind: 'stepped', step: 1 });
    // Adam's first step moves each parameter by η·sign(g) (up to ε): all gradients are positive.
    expect(valueOf(runtime, 'a')).toBeCloseTo(4.9, 7);
    expect(valueOf(runtime, 'b')).toBeCloseTo(2.9, 7);
    expect(valueOf(runtime, 'c')).toBeCloseTo(1.9, 7);
    expect(valueOf(runtime, 'J')).toBeCloseTo(3 * (4.9 + 2.9 * 1.9), 7);
  });

  it('reset restores the values from before training and clears the trace', () => {
    const runtime = runtimeOf(exampleGraph('least-squares-by-hand'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'momentum', learningRate: 0.01 },
    });
    trainer.run(20);
    expect(valueOf(runtime, 'w')).not.toBe(0);
    trainer.reset();
    expect(valueOf(runtime, 'w')).toBe(0);
    expect(valueOf(runtime, 'b')).toBe(0);
    expect(trainer.trace().loss).toEqual([]);
    expect(trainer.steps()).toBe(0);
    expect(trainer.optimizer.steps).toBe(0);
  });

  it('writes each step in one transaction', () => {
    const runtime = runtimeOf(exampleGraph('least-squares-by-hand'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.01 },
    });
    const before = runtime.stats().transactions;
    trainer.run(5);
    expect(runtime.stats().transactions - before).toBe(5);
  });
});

describe('createTrainer: divergence and blocked states', () => {
  it('stops when J explodes, keeps the last good values, and says so', () => {
    const runtime = runtimeOf(exampleGraph('least-squares-by-hand'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.5 },
    });
    const seen: number[] = [];
    const result = trainer.run(1000, { onStep: (_, loss) => seen.push(loss) });
    expect(result.status.kind).toBe('diverged');
    expect(result.steps).toBeLessThan(1000);
    const status = result.status as { step: number; message: string };
    expect(status.step).toBe(result.steps + 1);
    expect(status.message).toMatch(
      /Training diverged at step \d+: J exploded to .* smaller learning rate/,
    );
    // The runtime holds the values of the last good step, which the trace ends with.
    const trace = trainer.trace();
    expect(valueOf(runtime, 'w')).toBe(trace.parameters.get(nodeId('w'))!.at(-1));
    expect(valueOf(runtime, 'J')).toBe(trace.loss.at(-1));
    expect(seen).toEqual(trace.loss.slice(1));
    expect(Math.abs(result.loss)).toBeLessThanOrEqual(1e6 * trace.loss[0]!);
    // Further steps are refused until reset.
    expect(trainer.step()).toEqual({ kind: 'stopped', status: result.status });
    trainer.reset();
    expect(trainer.status()).toEqual({ kind: 'ready' });
  });

  it('stops when a step makes J an error (log of a negative), keeping the previous values', () => {
    // dJ/dx = 1/x + 3 > 0, so descent pushes x down; one step of size 1 jumps past 0.
    const runtime = runtimeOf(expression('J = log(x) + 3*x\nx = 0.5'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 1 },
    });
    const result = trainer.run(10);
    expect(result.status.kind).toBe('diverged');
    expect((result.status as { message: string }).message).toMatch(/cannot be computed: .*log/);
    expect(valueOf(runtime, 'x')).toBe(trainer.trace().parameters.get(nodeId('x'))!.at(-1));
    expect(valueOf(runtime, 'x')).toBeGreaterThan(0);
  });

  it('is blocked, changing nothing, without an output, trainable inputs, or a computable J', () => {
    const noOutput = runtimeOf({ ...expression('J = a*2\na = 1'), output: null });
    expect(
      createTrainer(noOutput, {
        registry: standardRegistry,
        optimizer: { kind: 'sgd', learningRate: 1 },
      }).step(),
    ).toMatchObject({ kind: 'stopped', status: { kind: 'blocked', message: /Choose an output/ } });

    const constantsOnly = runtimeOf(expression('J = 2*3'));
    const trainer = createTrainer(constantsOnly, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 1 },
    });
    expect(trainer.status()).toMatchObject({ kind: 'blocked', message: /Nothing to train/ });

    const broken = runtimeOf(expression('J = log(a)\na = -1'));
    const result = createTrainer(broken, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 1 },
    }).run(5);
    expect(result).toMatchObject({ steps: 0, status: { kind: 'blocked' } });
    expect(valueOf(broken, 'a')).toBe(-1);
  });
});

describe('Adam on a loss with a gradient past 1e154', () => {
  it('trains (the parameter moves) instead of reporting success while standing still', () => {
    const runtime = runtimeOf(expression('J = w*k\nw = 1\nk = 1e200'));
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'adam', learningRate: 0.1 },
      parameters: [nodeId('w')],
    });
    const result = trainer.run(3);
    expect(result.status.kind).toBe('ready');
    expect(result.steps).toBe(3);
    expect(valueOf(runtime, 'w')).toBeCloseTo(0.7, 6);
  });
});
