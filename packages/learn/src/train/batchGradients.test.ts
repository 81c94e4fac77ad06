import { describe, expect, it } from 'vitest';
import { createRuntime, flattenDocument, type NodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { networkDocument } from '../__tests__/networks';
import { loadDatasetSync } from '../data/load';
import { createRandom } from '../data/random';
import { createDataTrainer, trainingDataFor } from './dataTrainer';
import { trainableParameters } from './trainer';

const seed = Number(process.env['BATCH_SEED'] ?? 20261201);
const generators = ['circle', 'xor', 'gaussians', 'spiral', 'moons'] as const;

const gradientsOf = (
  runtime: ReturnType<typeof createRuntime>,
  parameters: readonly NodeId[],
): number[] =>
  parameters.map((id) => {
    const grad = runtime.node(id).grad();
    if (grad.kind !== 'ok') throw new Error(`no gradient for ${id}: ${JSON.stringify(grad)}`);
    return grad.value;
  });

describe('batched gradients through datasets and composite neurons', () => {
  it(`equal the reduction of B single-sample runs within 1e-9 on random networks (seed ${seed}, BATCH_SEED to replay)`, () => {
    const random = createRandom(seed);
    for (let round = 0; round < 12; round++) {
      const depth = 1 + random.int(2);
      const widths = [...Array.from({ length: depth }, () => 1 + random.int(4)), 1];
      const settings = {
        generator: generators[random.int(generators.length)]!,
        size: 2 + random.int(30),
        noise: random.uniform(0, 0.2),
        seed: random.int(1000),
        widths,
        weightSeed: random.int(1000),
        reduce: random.next() < 0.5 ? ('mean' as const) : ('sum' as const),
      };
      const context = JSON.stringify(settings);
      const doc = networkDocument(settings);
      const flat = flattenDocument(doc, { registry: standardRegistry });
      if (!flat.ok) throw new Error(flat.errors.map((e) => e.message).join('\n'));
      const loaded = loadDatasetSync(doc.datasets![0]!);
      if (!loaded.ok) throw new Error(loaded.message);
      const data = trainingDataFor(flat.graph, [loaded]);
      if (!data.ok) throw new Error(data.message);
      const parameters = trainableParameters(flat.graph, standardRegistry);
      expect(parameters.length, context).toBe(
        widths.reduce((sum, width, k) => sum + width * ((k === 0 ? 2 : widths[k - 1]!) + 1), 0),
      );

      const batched = createRuntime({ registry: standardRegistry, graph: flat.graph });
      batched.feed(data.train);
      expect(batched.lanes()).toBe(settings.size);
      const together = gradientsOf(batched, parameters);
      batched.dispose();

      const single = createRuntime({ registry: standardRegistry, graph: flat.graph });
      const summed = new Array<number>(parameters.length).fill(0);
      for (let lane = 0; lane < settings.size; lane++) {
        const columns: Record<string, Float64Array> = {};
        for (const [id, values] of Object.entries(data.train)) {
          columns[id] = values.subarray(lane, lane + 1);
        }
        single.feed(columns as Record<NodeId, Float64Array>);
        gradientsOf(single, parameters).forEach((g, k) => (summed[k] = summed[k]! + g));
      }
      single.dispose();
      const expected = settings.reduce === 'sum' ? summed : summed.map((g) => g / settings.size);
      together.forEach((g, k) => {
        const scale = Math.max(1, Math.abs(expected[k]!));
        expect(Math.abs(g - expected[k]!) / scale, `${context}: ${parameters[k]}`).toBeLessThan(
          1e-9,
        );
      });
    }
  }, 60_000);

  it('a trainer step on a mini-batch moves each parameter by exactly η times that batch’s gradient', () => {
    const doc = networkDocument({
      generator: 'moons',
      size: 40,
      noise: 0.1,
      seed: 2,
      widths: [3, 1],
      weightSeed: 5,
      reduce: 'mean',
    });
    const flat = flattenDocument(doc, { registry: standardRegistry });
    if (!flat.ok) throw new Error('flatten failed');
    const loaded = loadDatasetSync(doc.datasets![0]!);
    if (!loaded.ok) throw new Error(loaded.message);
    const data = trainingDataFor(flat.graph, [loaded]);
    if (!data.ok) throw new Error(data.message);
    const runtime = createRuntime({ registry: standardRegistry, graph: flat.graph });
    const trainer = createDataTrainer(runtime, {
      registry: standardRegistry,
      optimizer: { kind: 'sgd', learningRate: 0.5 },
      data,
      batch: 8,
      seed: 3,
    });
    const parameters = trainer.trainer.parameters;
    const before = parameters.map((id) => trainer.trainer.values().get(id)!);
    trainer.step({ evaluate: false });
    // The runtime still holds that batch: its gradient at the old values is what the step used.
    const after = parameters.map((id) => trainer.trainer.values().get(id)!);
    const probe = createRuntime({ registry: standardRegistry, graph: flat.graph });
    const batch: Record<string, Float64Array> = {};
    for (const id of Object.keys(data.train)) {
      const lanes = runtime.laneValues(id as NodeId);
      batch[id] = lanes!;
    }
    expect(runtime.lanes()).toBe(8);
    probe.feed(batch as Record<NodeId, Float64Array>);
    const grads = gradientsOf(probe, parameters);
    parameters.forEach((_, k) => expect(after[k]).toBeCloseTo(before[k]! - 0.5 * grads[k]!, 12));
    probe.dispose();
    runtime.dispose();
  });
});
