import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  evaluate,
  gradcheck,
  nodeId,
  parseGraphDocument,
} from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { createTrainer } from '../train/trainer';
import { exampleFiles } from './exampleFiles';
import { examples, findExample, galleryExamples } from './examples';

const graphOf = (id: string): GraphSpec => {
  const parsed = parseGraphDocument(findExample(`${id}.graph`)!.text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.document.graph;
};

const gradOf = (graph: GraphSpec, id: string): number => {
  const grad = evaluate(standardRegistry, graph).nodes.get(nodeId(id))!.grad;
  if (grad.kind !== 'ok') throw new Error(`no gradient for ${id}`);
  return grad.value;
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
    '%s (gallery) evaluates without errors and gradchecks',
    (id, example) => {
      const parsed = parseGraphDocument(example.text, standardRegistry);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      const graph = parsed.document.graph;
      expect(graph.output).not.toBeNull();
      const snapshot = evaluate(standardRegistry, graph);
      for (const [nodeIdValue, state] of snapshot.nodes) {
        expect(state.value.kind, `${id}: ${nodeIdValue}`).toBe('ok');
        expect(state.grad.kind, `${id}: ${nodeIdValue}`).toBe('ok');
      }
      const checked = gradcheck(standardRegistry, graph, { nodes: 'all' });
      expect(checked.nodes.every((entry) => entry.kind === 'checked')).toBe(true);
      expect(checked.ok).toBe(true);
    },
  );
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

  it('fan-out: x gets y + 1 = 3', () => {
    expect(gradOf(graphOf('fan-out'), 'x')).toBe(3);
  });

  it('logistic-regression: Adam lowers the cross-entropy to a stationary point', () => {
    const graph = graphOf('logistic-regression');
    const runtime = createRuntime({ registry: standardRegistry, graph });
    const trainer = createTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'adam', learningRate: 0.05 },
    });
    const start =
      trainer.status().kind === 'ready'
        ? evaluate(standardRegistry, graph).nodes.get(nodeId('J'))!.value
        : null;
    expect(start).toEqual({ kind: 'ok', value: expect.closeTo(4 * Math.log(2), 12) });
    const result = trainer.run(3000);
    expect(result.status.kind).toBe('ready');
    expect(result.loss).toBeLessThan(4 * Math.log(2));
    for (const id of ['w', 'b']) {
      const grad = runtime.node(nodeId(id)).grad();
      expect(grad.kind === 'ok' && Math.abs(grad.value)).toBeLessThan(1e-3);
    }
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
