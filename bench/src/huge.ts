/**
 * A family too big for the full scenario set (the 1,000,000-node chain): the engine is checked
 * against A at build and after the wide edit, then three numbers are taken — create (document →
 * live runtime, first full evaluation included), one full wide edit without subscribers (raced
 * against A's full forward + backward), and the retained heap.
 */
import { createLoopEvaluator, referenceEdit } from './baselines/loop';
import { compileGraph } from './compiled';
import { createEngineSubject } from './engine';
import type { EngineSubject } from './engine';
import type { GraphFamily } from './families';
import { retainedBytes } from './heap';
import { agreeWithLoop, familyChecks, raceApart } from './scenarios';
import type { BenchOptions, FamilyResult, ScenarioResult } from './scenarios';
import type { RaceOptions } from './timing';

const A = 'A loop';
const ENGINE = 'engine';

/** Runs the huge-family checks and races; races use `options.largeRace` (none when `null`). */
export const runHugeFamily = (family: GraphFamily, options: BenchOptions): FamilyResult => {
  const { spec } = family;
  const log = options.log;
  const { checks, check } = familyChecks(family, log);
  const g = compileGraph(spec);
  const ids = g.ids;
  const wideIndex = g.sources[0]!;
  const a = createLoopEvaluator(g);
  log(`${family.key}: ${g.size} nodes, ${spec.edges.length} edges (huge: build, wide edit, heap)`);

  let engine: EngineSubject = createEngineSubject(spec);
  const atBuild = agreeWithLoop(engine, a);
  check('engine vs A at build agrees', atBuild.ok, atBuild.mismatch ?? 'agrees');
  const value = g.sourceValue[wideIndex]! + 0.05;
  const reference = referenceEdit(a, [[wideIndex, value]]);
  engine.resetTally();
  engine.runtime.setValue(ids[wideIndex]!, value);
  const report = engine.tally.reports[0];
  check(
    'wide edit: op evaluations = dirty cone',
    report?.evaluated === reference.evaluated,
    `engine evaluated ${report?.evaluated}, reference cone ${reference.evaluated}`,
  );
  const afterEdit = agreeWithLoop(engine, a);
  check('engine vs A after the wide edit agrees', afterEdit.ok, afterEdit.mismatch ?? 'agrees');

  const scenarios: ScenarioResult[] = [];
  const race: RaceOptions | null = options.largeRace && {
    ...options.largeRace,
    warmup: 1,
    minRuns: 3,
    maxRuns: 5,
  };
  if (race !== null) {
    engine.dispose();
    let built: EngineSubject | null = null;
    const build = raceApart(
      [
        {
          name: ENGINE,
          run: () => void (built = createEngineSubject(spec)),
          teardown: () => built!.dispose(),
        },
      ],
      race,
    );
    scenarios.push({ scenario: 'build', summaries: build, reference: A });
    log(`  build: engine ${build[0]!.median.toFixed(0)} ms`);
    engine = createEngineSubject(spec);
    let tick = 0;
    const wiggle = (): number => g.sourceValue[wideIndex]! + 1e-3 * (1 + (++tick % 16));
    const full = raceApart(
      [
        {
          name: A,
          run: () => {
            a.setSource(wideIndex, wiggle());
            a.evaluate();
          },
        },
        {
          name: ENGINE,
          run: () => {
            engine.runtime.setValue(ids[wideIndex]!, wiggle());
            return { counts: { forward: engine.tally.reports.at(-1)?.evaluated ?? 0 } };
          },
        },
      ],
      race,
    );
    scenarios.push({
      scenario: 'full forward + backward (wide edit, no subscribers)',
      summaries: full,
      reference: A,
    });
    log(`  wide edit: ${full.map((s) => `${s.name} ${s.median.toFixed(1)} ms`).join(' | ')}`);
  }
  engine.dispose();
  const heap = options.measureHeap
    ? retainedBytes(
        () => createEngineSubject(spec),
        (e) => e.dispose(),
      )
    : Number.NaN;
  return {
    key: family.key,
    description: family.description,
    nodes: g.size,
    edges: spec.edges.length,
    wide: { id: ids[wideIndex]!, cone: reference.evaluated },
    local: null,
    batchSources: 0,
    scenarios,
    agreements: [
      { name: 'engine vs A at build', agreement: atBuild },
      { name: 'engine vs A after the wide edit', agreement: afterEdit },
    ],
    checks,
    heap: {
      engine: heap,
      engineSubscriptions: Number.NaN,
      streams: 0,
      loop: Number.NaN,
      signals: Number.NaN,
      rx: Number.NaN,
    },
  };
};
