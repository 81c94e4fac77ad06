import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  evaluate,
  flattenDocument,
  gradcheck,
  nodeId,
  parseGraphDocument,
  serializeGraphDocument,
} from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { loadDatasetSync, type LoadedDataset } from '../data/load';
import { createDataTrainer, trainingDataFor, type TrainingData } from '../train/dataTrainer';
import { createTrainer, trainableParameters } from '../train/trainer';
import { exampleFiles } from './exampleFiles';
import { examples, findExample, galleryExamples } from './examples';

/** The example's graph as the engine runs it: composites flattened (plain files unchanged). */
const flatGraphOf = (text: string): GraphSpec => {
  const parsed = parseGraphDocument(text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const flat = flattenDocument(parsed.document, { registry: standardRegistry });
  if (!flat.ok) throw new Error(flat.errors.map((e) => e.message).join('\n'));
  return flat.graph;
};

const graphOf = (id: string): GraphSpec => flatGraphOf(findExample(`${id}.graph`)!.text);

const gradOf = (graph: GraphSpec, id: string): number => {
  const grad = evaluate(standardRegistry, graph).nodes.get(nodeId(id))!.grad;
  if (grad.kind !== 'ok') throw new Error(`no gradient for ${id}`);
  return grad.value;
};

/** An example flattened into a runtime, fed with its training split when it has data. */
const liveExample = (text: string) => {
  const parsed = parseGraphDocument(text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const flat = flattenDocument(parsed.document, { registry: standardRegistry });
  if (!flat.ok) throw new Error(flat.errors.map((e) => e.message).join('\n'));
  const runtime = createRuntime({ registry: standardRegistry, graph: flat.graph });
  let data: TrainingData | null = null;
  if ((parsed.document.datasets ?? []).length > 0) {
    const loaded = parsed.document.datasets!.map((spec): LoadedDataset => {
      const result = loadDatasetSync(spec);
      if (!result.ok) throw new Error(result.message);
      return result;
    });
    const matched = trainingDataFor(flat.graph, loaded);
    if (!matched.ok) throw new Error(matched.message);
    data = matched;
    runtime.feed(data.train);
  }
  return { document: parsed.document, graph: flat.graph, runtime, data };
};

const folder = new URL('../../../../examples/', import.meta.url);

/** The generated module, as `UPDATE_EXAMPLES=1` writes it (then formatted by Prettier). */
const generatedModule = (files: Record<string, string>): string =>
  [
    '// Generated from examples/*.graph by `UPDATE_EXAMPLES=1 npx vitest run --project learn`; do not edit.',
    '// examples.test.ts fails when a file in examples/ and its text here differ.',
    '',
    '/** The text of every file in `examples/`, by file name. */',
    'export const exampleFiles: Readonly<Record<string, string>> = {',
    ...Object.keys(files)
      .sort()
      .map((name) => `  ${JSON.stringify(name)}:\n    ${JSON.stringify(files[name])},`),
    '};',
    '',
  ].join('\n');

describe('the example manifest', () => {
  it('holds every file in examples/, byte for byte (UPDATE_EXAMPLES=1 regenerates it)', () => {
    const onDisk: Record<string, string> = {};
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.graph'))) {
      onDisk[name] = readFileSync(new URL(name, folder), 'utf8');
    }
    if (process.env['UPDATE_EXAMPLES']) {
      writeFileSync(new URL('./exampleFiles.ts', import.meta.url), generatedModule(onDisk));
      return;
    }
    expect({ ...exampleFiles }).toEqual(onDisk);
    expect(examples.map((example) => example.id).sort()).toEqual(Object.keys(onDisk).sort());
  });

  it('lists the seed first, then the teaching examples of the gallery in teaching order', () => {
    expect(examples[0]!.id).toBe('seed.graph');
    expect(galleryExamples.map((example) => example.id)).toEqual([
      'seed.graph',
      'tanh-neuron.graph',
      'linear-regression.graph',
      'logistic-regression.graph',
      'xor.graph',
      'spiral.graph',
      'sigmoid-chain.graph',
      'dead-relu.graph',
      'fan-out.graph',
      'two-layer-network.graph',
    ]);
    expect(findExample('nope')).toBeUndefined();
  });

  it.each(examples.map((example) => [example.id, example] as const))(
    '%s has a title, what it teaches and one sentence on what to try',
    (_id, example) => {
      expect(example.tryThis).toMatch(/^[A-Z].*[.!]$/);
      expect(example.tryThis.slice(0, -1)).not.toMatch(/[.!?] [A-Z]/);
      expect(example.title.length).toBeGreaterThan(0);
      expect(example.teaches.length).toBeGreaterThan(0);
      const parsed = parseGraphDocument(example.text, standardRegistry);
      expect(parsed.ok && parsed.warnings).toEqual([]);
    },
  );

  it.each(galleryExamples.map((example) => [example.id, example] as const))(
    '%s (gallery) evaluates without errors and gradchecks (over its training split)',
    (id, example) => {
      const live = liveExample(example.text);
      const graph = live.graph;
      expect(graph.output).not.toBeNull();
      const snapshot = live.runtime.snapshot();
      for (const [nodeIdValue, state] of snapshot.nodes) {
        expect(state.value.kind, `${id}: ${nodeIdValue}`).toBe('ok');
        expect(state.grad.kind, `${id}: ${nodeIdValue}`).toBe('ok');
      }
      if (live.data === null) {
        const checked = gradcheck(standardRegistry, graph, { nodes: 'all' });
        expect(checked.nodes.every((entry) => entry.kind === 'checked')).toBe(true);
        expect(checked.ok).toBe(true);
      } else {
        // Central differences of J over the whole training split, for every parameter.
        const runtime = live.runtime;
        const J = () => (runtime.node(graph.output!).value() as { value: number }).value;
        for (const parameter of trainableParameters(graph, standardRegistry)) {
          const at = (runtime.node(parameter).value() as { value: number }).value;
          const analytic = (runtime.node(parameter).grad() as { value: number }).value;
          const h = 1e-5 * Math.max(1, Math.abs(at));
          runtime.setValue(parameter, at + h);
          const up = J();
          runtime.setValue(parameter, at - h);
          const down = J();
          runtime.setValue(parameter, at);
          const numeric = (up - down) / (2 * h);
          expect(Math.abs(numeric - analytic), `${id}: ${parameter}`).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(analytic)),
          );
        }
      }
      live.runtime.dispose();
    },
  );
});

describe('version 1 examples under format version 2', () => {
  const version1 = examples.filter((example) => example.text.includes('\n  "version": 1,\n'));

  it.each(version1.map((example) => [example.id, example.text] as const))(
    '%s loads unchanged, without a warning, and saves back byte for byte as version 1',
    (_id, text) => {
      const parsed = parseGraphDocument(text, standardRegistry);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      expect(parsed.warnings).toEqual([]);
      expect(parsed.document.definitions).toBeUndefined();
      expect(serializeGraphDocument(parsed.document)).toBe(text);
      // Flattening a plain document hands back the very graph it was given.
      const flat = flattenDocument(parsed.document, { registry: standardRegistry });
      expect(flat.ok && flat.graph).toBe(parsed.document.graph);
    },
  );

  it('covers the plain examples', () => {
    expect(version1.length).toBeGreaterThanOrEqual(6);
  });
});

describe('each learning example shows what it says', () => {
  it('sigmoid-chain: the gradient of the first weight is a small fraction of the last one’s', () => {
    const graph = graphOf('sigmoid-chain');
    const first = Math.abs(gradOf(graph, 'w1'));
    const last = Math.abs(gradOf(graph, 'w5'));
    expect(first).toBeGreaterThan(0);
    expect(first / last).toBeLessThan(1 / 50);
  });

  it('dead-relu: w and b get zero gradient and training does not move them', () => {
    const graph = graphOf('dead-relu');
    expect(gradOf(graph, 'w')).toBe(0);
    expect(gradOf(graph, 'b')).toBe(0);
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.1 },
    });
    trainer.run(100);
    expect(trainer.values()).toEqual(trainer.initialValues());
    // Reviving it as the tip says: with b above −1 the pre-activation is positive again.
    runtime.setValue(nodeId('b'), 0.5);
    expect(runtime.node(nodeId('b')).grad()).toEqual({ kind: 'ok', value: 1 });
  });

  it('two-layer-network: ≤ 12 nodes at the top level, three instances of one neuron, and it trains', () => {
    const parsed = parseGraphDocument(
      findExample('two-layer-network.graph')!.text,
      standardRegistry,
    );
    if (!parsed.ok) throw new Error('the example must load');
    const top = parsed.document.graph.nodes;
    expect(top.length).toBeLessThanOrEqual(12);
    expect(top.filter((node) => node.op === 'neuron2').map((node) => node.id)).toEqual([
      'h1',
      'h2',
      'o',
    ]);
    const graph = graphOf('two-layer-network');
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.5 },
    });
    // The nine weights and biases of the three neurons, nothing else (x and t are constants).
    expect([...trainer.parameters].sort()).toEqual(
      ['h1', 'h2', 'o'].flatMap((n) => ['b', 'w1', 'w2'].map((p) => `${n}/${p}`)).sort(),
    );
    const start = evaluate(standardRegistry, graph).nodes.get(graph.output!)!.value;
    expect(start.kind === 'ok' && start.value).toBeGreaterThan(0.04);
    const result = trainer.run(200);
    expect(result.status.kind).toBe('ready');
    expect(result.loss).toBeLessThan(1e-6);
    // Each instance trained its own weights: the three neurons' w1 moved by different amounts.
    const moved = ['h1', 'h2', 'o'].map(
      (n) =>
        trainer.values().get(nodeId(`${n}/w1`))! - trainer.initialValues().get(nodeId(`${n}/w1`))!,
    );
    expect(new Set(moved.map((d) => d.toFixed(6))).size).toBe(3);
  });

  it('fan-out: x gets y + 1 = 3', () => {
    expect(gradOf(graphOf('fan-out'), 'x')).toBe(3);
  });

  it('linear-regression: training reaches the least-squares line of its training split', () => {
    const live = liveExample(findExample('linear-regression.graph')!.text);
    const trainer = createDataTrainer(live.runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.1 },
      data: live.data!,
    });
    const result = trainer.run(2000, { evaluateEvery: 2000 });
    expect(result.status.kind).toBe('ready');
    // Closed form on the same 30 points: w = cov(x, y) / var(x), b = ȳ − w·x̄.
    const xs = live.data!.train[nodeId('data/x')]!;
    const ys = live.data!.train[nodeId('data/y')]!;
    const mean = (values: Float64Array) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const mx = mean(xs);
    const my = mean(ys);
    let cov = 0;
    let variance = 0;
    xs.forEach((x, k) => {
      cov += (x - mx) * (ys[k]! - my);
      variance += (x - mx) ** 2;
    });
    const w = cov / variance;
    expect(trainer.trainer.values().get(nodeId('w'))).toBeCloseTo(w, 6);
    expect(trainer.trainer.values().get(nodeId('b'))).toBeCloseTo(my - w * mx, 6);
    expect(w).toBeCloseTo(2, 0);
    live.runtime.dispose();
  });

  it.each([
    ['logistic-regression', 0.95],
    ['xor', 0.9],
  ])('%s: the file’s own training settings reach %s test accuracy', (name, accuracy) => {
    const live = liveExample(findExample(`${name}.graph`)!.text);
    const training = live.document.training!;
    const trainer = createDataTrainer(live.runtime, {
      registry: standardRegistry,
      optimizer: { kind: training.optimizer!, learningRate: training.learningRate! },
      data: live.data!,
      training,
    });
    const start = trainer.evaluate();
    const { report } = trainer.run(training.steps!, { evaluateEvery: training.steps! });
    expect(report.loss).toBeLessThan(start.loss);
    expect(report.testAccuracy).toBeGreaterThanOrEqual(accuracy);
    live.runtime.dispose();
  });

  it('least-squares-by-hand: the description’s least-squares numbers are right', () => {
    const text = findExample('least-squares-by-hand.graph')!.text;
    expect(text).toContain('w = 1.97, b = 1.07');
    const runtime = createRuntime({
      registry: standardRegistry,
      graph: graphOf('least-squares-by-hand'),
    });
    runtime.batch(() => {
      runtime.setValue(nodeId('w'), 1.97);
      runtime.setValue(nodeId('b'), 1.07);
    });
    for (const id of ['w', 'b']) {
      const grad = runtime.node(nodeId(id)).grad();
      expect(grad.kind === 'ok' && Math.abs(grad.value)).toBeLessThan(1e-9);
    }
  });
});
