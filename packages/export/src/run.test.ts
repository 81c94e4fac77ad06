import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardRegistry } from '@chainrule/nodes';
import {
  agrees,
  corpusSeed,
  exampleGraphs,
  kinkGraphs,
  randomGraphs,
  relativeError,
  type CorpusGraph,
} from './__tests__/corpus';
import {
  requirePython,
  runPythonScripts,
  runTypescriptModules,
  scratchFolder,
  type ProgramRun,
} from './__tests__/runners';
import { ExportError, exportGraph, planExport, type ExportTarget } from './index';
import { batchOpRefusals } from './ops';

/**
 * Every export is run by its real engine (Python + NumPy, Python + PyTorch, Node, ONNX Runtime)
 * and must agree with Chainrule's engine on J and every input gradient, over the examples, graphs
 * sitting on each op's kink, and ≥ 30 seeded random graphs over every op.
 */
const RANDOM_GRAPHS = 36;
const corpus: CorpusGraph[] = [
  ...exampleGraphs(),
  ...kinkGraphs(),
  ...randomGraphs(corpusSeed, RANDOM_GRAPHS),
];
const exportable = corpus.filter((entry) => entry.expected.ok);
const worst: Partial<Record<ExportTarget, number>> = {};
const replay = `(seed ${String(corpusSeed)}; replay with EXPORT_SEED=${String(corpusSeed)})`;

const compare = (
  target: ExportTarget,
  entry: CorpusGraph,
  run: ProgramRun,
  tolerance: number,
): void => {
  if (!entry.expected.ok) throw new Error('not exportable');
  if (!run.ok)
    throw new Error(`${entry.name} ${replay}: the ${target} export failed: ${run.error}`);
  const { output, grads } = run.line;
  const pairs: [string, number, number][] = [['J', output, entry.expected.output]];
  expect(Object.keys(grads).sort(), `${entry.name} ${replay}`).toEqual(
    Object.keys(entry.expected.grads).sort(),
  );
  for (const [id, expected] of Object.entries(entry.expected.grads)) {
    pairs.push([`dJ/d${id}`, grads[id]!, expected]);
  }
  for (const [what, actual, expected] of pairs) {
    // The record counts values away from 0 (near 0 the absolute floor of `agrees` applies).
    if (Math.max(Math.abs(actual), Math.abs(expected)) >= 1e-9) {
      worst[target] = Math.max(worst[target] ?? 0, relativeError(actual, expected));
    }
    if (!agrees(actual, expected, tolerance)) {
      throw new Error(
        `${entry.name} ${replay}: ${target} gives ${what} = ${String(actual)}, the engine ${String(expected)}`,
      );
    }
  }
};

const writeExports = (folder: string, target: 'numpy' | 'pytorch' | 'typescript'): string[] =>
  exportable.map((entry, index) => {
    const result = exportGraph(entry.graph, { to: target, title: entry.name });
    if (result.kind !== 'text') throw new Error('expected text');
    const file = join(folder, `${target}_${String(index)}${result.extension}`);
    writeFileSync(file, result.text);
    return file;
  });

beforeAll(() => {
  expect(corpus.filter((entry) => entry.name.startsWith('random')).length).toBeGreaterThanOrEqual(
    30,
  );
});

afterAll(() => {
  // The measured worst disagreement per target, for the record.
  console.log(
    `export corpus: ${String(exportable.length)} graphs ${replay}; worst relative disagreement: ${JSON.stringify(worst)}`,
  );
});

describe('exports agree with the engine when run', () => {
  it('every random graph uses an op of the registry, and every op is used', () => {
    const used = new Set(corpus.flatMap((entry) => entry.graph.nodes.map((node) => node.op)));
    for (const op of standardRegistry.list()) {
      // Batch ops are refused (plan.test.ts), so no exportable graph uses them.
      if (batchOpRefusals[op.id] === undefined) expect(used, op.id).toContain(op.id);
    }
  });

  it.each(['numpy', 'pytorch'] as const)(
    '%s, run by /usr/bin/python3',
    (target) => {
      requirePython();
      const folder = scratchFolder();
      const files = writeExports(folder, target);
      const runs = runPythonScripts(folder, files);
      exportable.forEach((entry, index) => compare(target, entry, runs[index]!, 1e-9));
    },
    300_000,
  );

  it('typescript, run by Node (tsx)', () => {
    const folder = scratchFolder();
    const files = writeExports(folder, 'typescript');
    const runs = runTypescriptModules(folder, files);
    exportable.forEach((entry, index) => compare('typescript', entry, runs[index]!, 1e-9));
  }, 300_000);

  it('onnx (float64), run by ONNX Runtime', async () => {
    for (const entry of exportable) {
      const result = exportGraph(entry.graph, { to: 'onnx', title: entry.name });
      if (result.kind !== 'binary') throw new Error('expected bytes');
      const session = await ort.InferenceSession.create(result.bytes, { logSeverityLevel: 3 });
      const feeds: Record<string, ort.Tensor> = {};
      for (const input of result.onnx.inputs) {
        feeds[input.name] = new ort.Tensor('float64', Float64Array.of(input.value), []);
      }
      const outputs = await session.run(feeds);
      const read = (name: string): number => Number(outputs[name]!.data[0]);
      const grads = Object.fromEntries(
        Object.entries(result.onnx.grads).map(([id, name]) => [id, read(name)]),
      );
      compare('onnx', entry, { ok: true, line: { output: read(result.onnx.output), grads } }, 1e-9);
      await session.release();
    }
  }, 300_000);
});

describe('refusals', () => {
  it('refuses graphs the engine cannot compute, naming the node and the reason', () => {
    const refused = corpus.filter((entry) => !entry.expected.ok);
    expect(refused.map((entry) => entry.name)).toContain('examples/domain-error.graph');
    for (const entry of refused) {
      for (const to of ['numpy', 'pytorch', 'typescript', 'onnx'] as const) {
        expect(() => exportGraph(entry.graph, { to }), entry.name).toThrow(ExportError);
      }
    }
    const domain = refused.find((entry) => entry.name === 'examples/domain-error.graph')!;
    try {
      planExport(domain.graph, { registry: standardRegistry, target: 'numpy' });
    } catch (error) {
      expect(error).toBeInstanceOf(ExportError);
      const problems = (error as ExportError).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]!.node).toBeDefined();
      expect((error as Error).message).toMatch(/log needs x > 0/);
    }
  });
});
