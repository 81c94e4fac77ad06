/**
 * `npm run bench` — the engine against the physical limit (A) and against what people would use
 * instead (B RxJS, C signals, D TensorFlow.js), on seeded graph families. Prints a markdown table
 * per family and writes the report to docs/benchmarks.md.
 *
 * Flags: `--quick` (CI smoke test: every check, few repetitions, nothing written),
 * `--only chain-10k,dag-10k` (a subset), `--out <file>` (write there), `--no-write`.
 * Exits non-zero when any correctness or count check fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTf } from './baselines/tf';
import { chainFamily, fanOutFamily, latticeFamily, mlpFamily, randomDagFamily } from './families';
import type { GraphFamily } from './families';
import { canMeasureHeap } from './heap';
import { machineInfo } from './machine';
import { evaluateTargets, renderFamily, renderReport } from './report';
import { runFamily } from './scenarios';
import { runHugeFamily } from './huge';
import { batchFamily, runBatchFamily } from './batch';
import { keepUiSection } from '../ui/uiSection';
import type { BenchOptions, FamilyResult } from './scenarios';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const value = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const quick = flag('--quick');
const only = value('--only')?.split(',');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = flag('--no-write')
  ? null
  : (value('--out') ?? (quick ? null : resolve(root, 'docs/benchmarks.md')));

const families: (() => GraphFamily)[] = [
  () => chainFamily(10_000),
  () => latticeFamily(100, 100),
  () => randomDagFamily(10_000),
  () => fanOutFamily(10_000),
  () => mlpFamily(4, 32),
  () => chainFamily(100_000),
  () => randomDagFamily(100_000),
];
/** Above this many nodes a family gets the huge treatment (build, wide edit, heap only). */
const HUGE = 500_000;
// The 1,000,000-node chain takes minutes to build and measure: full runs only, not CI.
if (!quick) families.push(() => chainFamily(1_000_000));

const main = async (): Promise<number> => {
  const started = performance.now();
  const log = (line: string): void => console.error(line);
  if (!canMeasureHeap())
    log('note: run with --expose-gc (npm run bench does) to measure retained heap');
  const options: BenchOptions = {
    race: quick
      ? { warmup: 0, minRuns: 2, maxRuns: 2, budgetMs: 0, slowRunMs: 300 }
      : { warmup: 3, minRuns: 15, maxRuns: 300, budgetMs: 2_500, slowRunMs: 3_000 },
    largeRace: quick
      ? null
      : { warmup: 1, minRuns: 5, maxRuns: 50, budgetMs: 2_500, slowRunMs: 3_000 },
    measureHeap: !quick,
    rxTimeBoxMs: quick ? 100 : 2_000,
    baselineMaxNodes: 20_000,
    // The smoke test checks every baseline's answers but races only the engine against A.
    baselineRaces: !quick,
    tf: await loadTf(),
    log,
  };
  const results: FamilyResult[] = [];
  for (const make of families) {
    const family = make();
    if (only && !only.includes(family.key)) continue;
    const familyStarted = performance.now();
    const result =
      family.spec.nodes.length > HUGE ? runHugeFamily(family, options) : runFamily(family, options);
    log(`  (${family.key} took ${((performance.now() - familyStarted) / 1000).toFixed(1)} s)`);
    results.push(result);
    console.log(renderFamily(result));
  }
  // Batches (#14): one edit on a ~200-node network over B = 1,000 samples.
  const batch = batchFamily();
  if (!only || only.includes(batch.key) || only.includes('batch')) {
    const result = runBatchFamily(batch, options);
    results.push(result);
    console.log(renderFamily(result));
  }
  const targets = evaluateTargets(results, options.baselineMaxNodes);
  const seconds = (performance.now() - started) / 1000;
  const report = renderReport({
    machine: machineInfo(),
    mode: quick ? 'quick' : 'full',
    results,
    targets,
    seconds,
  });
  console.log(report.slice(report.indexOf('## Targets'), report.indexOf('## Families')));
  if (out !== null) {
    // The UI bench's section (npm run bench:ui) is carried over, not erased.
    const previous = existsSync(out) ? readFileSync(out, 'utf8') : null;
    writeFileSync(out, keepUiSection(previous, `${report}\n`));
    log(`wrote ${out}`);
  }
  const failed = results.flatMap((r) =>
    r.checks.filter((c) => !c.ok).map((c) => `${r.key}: ${c.name}: ${c.detail}`),
  );
  const total = results.reduce((n, r) => n + r.checks.length, 0);
  log(
    `bench: ${total - failed.length} passed, ${failed.length} failed (correctness and count checks) in ${seconds.toFixed(1)} s`,
  );
  for (const f of failed) log(`  ✗ ${f}`);
  return failed.length === 0 && results.length > 0 ? 0 : 1;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
