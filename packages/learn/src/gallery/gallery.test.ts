import { readFileSync } from 'node:fs';
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
import { galleryExample, galleryExamples } from './gallery';

const graphOf = (id: string): GraphSpec => {
  const parsed = parseGraphDocument(galleryExample(id)!.text, standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.document.graph;
};

const gradOf = (graph: GraphSpec, id: string): number => {
  const grad = evaluate(standardRegistry, graph).nodes.get(nodeId(id))!.grad;
  if (grad.kind !== 'ok') throw new Error(`no gradient for ${id}`);
  return grad.value;
};

describe('galleryExamples', () => {
  it('lists the seed, the tanh neuron and the five learning examples, in teaching order', () => {
    expect(galleryExamples.map((example) => example.id)).toEqual([
      'seed',
      'tanh-neuron',
      'linear-regression',
      'logistic-regression',
      'sigmoid-chain',
      'dead-relu',
      'fan-out',
    ]);
    expect(galleryExample('nope')).toBeUndefined();
  });

  it.each(galleryExamples.map((example) => [example.id, example] as const))(
    '%s is the file in examples/, loads without warnings, evaluates and gradchecks',
    (id, example) => {
      const onDisk = readFileSync(
        new URL(`../../../../examples/${id}.graph`, import.meta.url),
        'utf8',
      );
      expect(example.text).toBe(onDisk);
      const parsed = parseGraphDocument(example.text, standardRegistry);
      expect(parsed.ok && parsed.warnings).toEqual([]);
      const graph = graphOf(id);
      expect(graph.output).not.toBeNull();
      const snapshot = evaluate(standardRegistry, graph);
      for (const [nodeIdValue, state] of snapshot.nodes) {
        expect(state.value.kind, `${id}: ${nodeIdValue}`).toBe('ok');
        expect(state.grad.kind, `${id}: ${nodeIdValue}`).toBe('ok');
      }
      expect(gradcheck(standardRegistry, graph).ok).toBe(true);
      // One sentence on what to try.
      expect(example.tryThis).toMatch(/^[A-Z].*[.!]$/);
      expect(example.tryThis.slice(0, -1)).not.toMatch(/[.!?] [A-Z]/);
      expect(example.title.length).toBeGreaterThan(0);
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

  it('linear-regression: the description’s least-squares numbers are right', () => {
    const text = galleryExample('linear-regression')!.text;
    expect(text).toContain('w = 1.97, b = 1.07');
    const runtime = createRuntime({
      registry: standardRegistry,
      graph: graphOf('linear-regression'),
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
