/**
 * One family's benchmark: agreement checks first (every contestant must compute the same values
 * and gradients as the engine, and the engine must do exactly the reference amount of work),
 * then interleaved races per scenario, then a drift check and the heap figures.
 */
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphEdge, GraphSpec, NodeId, TransactionReport } from '@chainrule/graph-runtime';
import { createLoopEvaluator, referenceEdit } from './baselines/loop';
import type { LoopEvaluator, ReferenceCounts } from './baselines/loop';
import { createRxBaseline } from './baselines/rx';
import { createSignalsBaseline } from './baselines/signals';
import type { SignalsVariant } from './baselines/signals';
import { createTfEvaluator } from './baselines/tf';
import type { loadTf } from './baselines/tf';
import { TimeBox } from './baselines/types';
import type { ReactiveBaseline } from './baselines/types';
import { compareSeries, relativeError } from './compare';
import type { Agreement } from './compare';
import { compileGraph, countMarked, downstreamCone } from './compiled';
import type { CompiledGraph } from './compiled';
import { createEngineSubject } from './engine';
import type { EngineSubject } from './engine';
import type { GraphFamily } from './families';
import { retainedBytes, settleHeap } from './heap';
import { isSourceCode } from './opMath';
import { race } from './timing';
import type { Contestant, Counts, RaceOptions, RunOutcome, Summary } from './timing';

/** How thoroughly to run. */
export interface BenchOptions {
  readonly race: RaceOptions;
  /** Budget of one B edit before it counts as blown up. */
  readonly rxTimeBoxMs: number;
  /** B, C and D run only on families up to this many nodes (they are the 10k comparisons). */
  readonly baselineMaxNodes: number;
  /** Whether B, C and D are raced and their heap measured (they are always checked for agreement). */
  readonly baselineRaces: boolean;
  /** Races for families above `baselineMaxNodes` (fewer runs: a 100k build takes seconds), or `null` to only check them. */
  readonly largeRace: RaceOptions | null;
  /** Whether to measure retained heap (several forced full GCs per family). */
  readonly measureHeap: boolean;
  /** TensorFlow.js, loaded, or `null` to skip baseline D. */
  readonly tf: Awaited<ReturnType<typeof loadTf>> | null;
  readonly log: (line: string) => void;
}

/** One pass/fail fact the bench asserts; any failed check makes the process exit non-zero. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The races of one scenario. `A` in `summaries` is the reference for ratios. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly summaries: readonly Summary[];
  /** Name of the row ratios are taken against. */
  readonly reference: string;
}

/** Retained heap, in bytes. NaN where it could not be measured. */
export interface HeapResult {
  readonly engine: number;
  /** Extra bytes for subscribing to every node's value$ and grad$. */
  readonly engineSubscriptions: number;
  readonly streams: number;
  readonly loop: number;
  readonly signals: number;
  readonly rx: number;
}

/** Everything the report needs about one family. */
export interface FamilyResult {
  readonly key: string;
  readonly description: string;
  readonly nodes: number;
  readonly edges: number;
  readonly wide: { readonly id: NodeId; readonly cone: number };
  readonly local: { readonly id: NodeId; readonly cone: number } | null;
  readonly batchSources: number;
  readonly scenarios: readonly ScenarioResult[];
  readonly agreements: readonly { readonly name: string; readonly agreement: Agreement }[];
  readonly checks: readonly Check[];
  readonly heap: HeapResult;
}

/**
 * Relative tolerance for baseline D, which computes in float32 (about 7 significant digits),
 * taken against the largest gradient of the graph.
 */
export const D_TOLERANCE = 1e-3;

const ENGINE = 'engine';
const ENGINE_SUBSCRIBED = 'engine, every node subscribed';
const A = 'A loop';
const B = 'B RxJS';
const C_PUSH = 'C signals, push';
const C_PULL = 'C signals, pull (forward only)';
const D = 'D TensorFlow.js';

/** The value a source takes at tick t: always different from the value at tick t − 1. */
const wiggle = (base: number, tick: number): number => base + 1e-3 * (1 + (tick % 16));

/** The source with the largest cone at most 1% of the graph, searched from the end. */
const findLocalSource = (g: CompiledGraph): { index: number; cone: number } | null => {
  let best: { index: number; cone: number } | null = null;
  const limit = g.size / 100;
  const scan = Math.min(g.sources.length, 300);
  for (let k = g.sources.length - 1; k >= g.sources.length - scan; k--) {
    const s = g.sources[k]!;
    const cone = countMarked(downstreamCone(g, [s]));
    if (cone > 0 && cone <= limit && (best === null || cone > best.cone)) best = { index: s, cone };
  }
  return best;
};

/** A mid-graph splice: edge m → c is replaced by m → w → c with a new `tanh` node w. */
interface Splice {
  readonly removed: GraphEdge;
  readonly node: { readonly id: NodeId; readonly op: string };
  readonly into: GraphEdge;
  readonly out: GraphEdge;
  readonly spec: GraphSpec;
}

const findSplice = (spec: GraphSpec, g: CompiledGraph): Splice => {
  for (let k = g.size >> 1; k < g.size; k++) {
    const m = g.order[k]!;
    if (isSourceCode(g.op[m]!) || g.childStart[m] === g.childStart[m + 1]) continue;
    const mid = g.ids[m]!;
    const removed = spec.edges.find((e) => e.source === mid)!;
    const w = nodeId('bench:spliced');
    const node = { id: w, op: 'tanh' };
    const into: GraphEdge = { id: edgeId('bench:into'), source: mid, target: w, targetPort: 'x' };
    const out: GraphEdge = {
      id: edgeId('bench:out'),
      source: w,
      target: removed.target,
      targetPort: removed.targetPort,
    };
    const edges = spec.edges.filter((e) => e !== removed);
    edges.push(into, out);
    return { removed, node, into, out, spec: { ...spec, nodes: [...spec.nodes, node], edges } };
  }
  throw new Error('bench: no function node with consumers in the second half of the graph');
};

/** Whether a contestant races in the engine's own race (the engine itself, or A). */
const inEngineRace = (contestant: Contestant): boolean =>
  contestant.name === A || contestant.name.startsWith(ENGINE);

/**
 * Races the engine against A on its own, then every other contestant (B, C, D) in its own race
 * against A, so that a baseline's garbage never evicts the engine's caches. A baseline's summary
 * carries A's medians of its own race (`against`); ratios are taken against those.
 */
export const raceApart = (contestants: readonly Contestant[], options: RaceOptions): Summary[] => {
  const reference = contestants.find((c) => c.name === A);
  settleHeap();
  const own = contestants.filter(inEngineRace);
  const summaries = own.length > 0 ? race(own, options) : [];
  for (const other of contestants.filter((c) => !inEngineRace(c))) {
    settleHeap();
    const pair = race(reference ? [reference, other] : [other], options);
    other.release?.();
    const a = pair.find((x) => x.name === A);
    const mine = pair.find((x) => x.name === other.name)!;
    summaries.push(a ? { ...mine, against: { wall: a.median, cpu: a.cpuMedian } } : mine);
  }
  return summaries;
};

/** Compares an engine's every node against a loop evaluator over the same graph. */
export const agreeWithLoop = (engine: EngineSubject, a: LoopEvaluator): Agreement => {
  const { ids, size } = a.graph;
  const name = (i: number): string => String(ids[i]);
  const values = compareSeries(
    'value',
    size,
    (i) => a.values[i]!,
    (i) => engine.valueOf(ids[i]!),
    1e-9,
    1,
    name,
  );
  if (!values.ok) return values;
  const grads = compareSeries(
    'gradient',
    size,
    (i) => a.grads[i]!,
    (i) => engine.gradOf(ids[i]!),
    1e-9,
    1,
    name,
  );
  return grads.ok ? { ok: true, worst: Math.max(values.worst, grads.worst) } : grads;
};

/** Compares a reactive baseline against the engine (values always, gradients when it has them). */
const agreeWithEngine = (
  baseline: ReactiveBaseline,
  engine: EngineSubject,
  g: CompiledGraph,
): Agreement => {
  const { ids, order, size } = g;
  // Parents first: a lazy baseline then refreshes one shallow step per read.
  const at = (k: number): number => order[k]!;
  const name = (k: number): string => String(ids[at(k)]);
  const values = compareSeries(
    'value',
    size,
    (k) => engine.valueOf(ids[at(k)]!),
    (k) => baseline.value(at(k)),
    1e-9,
    1,
    name,
  );
  if (!values.ok || baseline.grad(0) === undefined) return values;
  const grads = compareSeries(
    'gradient',
    size,
    (k) => engine.gradOf(ids[at(k)]!),
    (k) => baseline.grad(at(k))!,
    1e-9,
    1,
    name,
  );
  return grads.ok ? { ok: true, worst: Math.max(values.worst, grads.worst) } : grads;
};

/** The list of checks of one family, and how to add one (a failed one is logged at once). */
export const familyChecks = (
  family: GraphFamily,
  log: (line: string) => void,
): { checks: Check[]; check: (name: string, ok: boolean, detail: string) => void } => {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
    if (!ok) log(`  ✗ ${family.key}: ${name}: ${detail}`);
  };
  return { checks, check };
};

/** Runs every scenario of one family. */
export const runFamily = (family: GraphFamily, options: BenchOptions): FamilyResult => {
  const { spec } = family;
  const log = options.log;
  const { checks, check } = familyChecks(family, log);
  const agreements: { name: string; agreement: Agreement }[] = [];
  const agreed = (name: string, agreement: Agreement, required = true): void => {
    agreements.push({ name, agreement });
    if (required)
      check(
        `${name} agrees`,
        agreement.ok,
        agreement.ok
          ? `worst relative error ${agreement.worst.toExponential(1)}`
          : agreement.mismatch!,
      );
    else if (!agreement.ok) log(`  ! ${family.key}: ${name}: ${agreement.mismatch}`);
  };

  const g = compileGraph(spec);
  const ids = g.ids;
  const output = spec.output!;
  const withBaselines = g.size <= options.baselineMaxNodes;
  const raceBaselines = withBaselines && options.baselineRaces;
  const wideIndex = g.sources[0]!;
  const wide = { id: ids[wideIndex]!, cone: countMarked(downstreamCone(g, [wideIndex])) };
  const localFound = findLocalSource(g);
  const local = localFound ? { id: ids[localFound.index]!, cone: localFound.cone } : null;
  const batchIndices =
    g.sources.length >= 10
      ? Array.from(g.sources.subarray(0, 10))
      : new Array<number>(10).fill(wideIndex);
  const batchAt = (tick: number): [number, number][] =>
    batchIndices.map((s, j) => [s, wiggle(g.sourceValue[s]!, 10 * tick + j)]);
  const splice = findSplice(spec, g);
  log(
    `${family.key}: ${g.size} nodes, ${spec.edges.length} edges; wide edit ${wide.id} (cone ${wide.cone}), local edit ${local ? `${local.id} (cone ${local.cone})` : 'none'}`,
  );

  // ---------------------------------------------------------------- agreement and counts
  const a = createLoopEvaluator(g);
  const engine = createEngineSubject(spec);
  const subscribed = createEngineSubject(spec);
  subscribed.subscribeAll();
  agreed(`engine vs A at build`, agreeWithLoop(engine, a));

  const expectTransaction = (
    what: string,
    subject: EngineSubject,
    reference: ReferenceCounts,
    outputChanged: boolean,
  ): void => {
    const reports = subject.tally.reports;
    check(
      `${what}: one transaction`,
      reports.length === 1,
      `${reports.length} transaction reports`,
    );
    const r = reports[0];
    if (!r) return;
    check(
      `${what}: op evaluations = dirty cone`,
      r.evaluated === reference.evaluated,
      `engine evaluated ${r.evaluated}, reference cone ${reference.evaluated}`,
    );
    check(
      `${what}: changed values`,
      r.changedValues === reference.changedValues,
      `engine ${r.changedValues}, reference ${reference.changedValues}`,
    );
    if (subject === subscribed) {
      check(
        `${what}: J emits once`,
        subject.tally.outputEmissions === (outputChanged ? 1 : 0),
        `J emitted ${subject.tally.outputEmissions} times`,
      );
      check(
        `${what}: one emission per changed value and gradient`,
        subject.tally.emissions === r.changedValues + r.changedGrads,
        `${subject.tally.emissions} emissions for ${r.changedValues} values + ${r.changedGrads} gradients`,
      );
    }
  };
  const precheckEdit = (what: string, edits: [number, number][]): void => {
    const jBefore = a.values[g.output]!;
    const reference = referenceEdit(a, edits);
    const outputChanged = !Object.is(jBefore, a.values[g.output]);
    for (const subject of [engine, subscribed]) {
      subject.resetTally();
      subject.runtime.batch(() => {
        for (const [s, v] of edits) subject.runtime.setValue(ids[s]!, v);
      });
      expectTransaction(
        `${what}${subject === subscribed ? ' (subscribed)' : ''}`,
        subject,
        reference,
        outputChanged,
      );
    }
    agreed(`engine vs A after ${what}`, agreeWithLoop(subscribed, a));
  };

  // Baselines B, C, D are compared with the engine at build, then after the same wide edit.
  const rxBox = new TimeBox(options.rxTimeBoxMs);
  const buildRx = (): ReactiveBaseline => {
    rxBox.disarm();
    return createRxBaseline(g, rxBox);
  };
  let rx: ReactiveBaseline | null = null;
  let push: ReactiveBaseline | null = null;
  let pull: ReactiveBaseline | null = null;
  const tf = options.tf && withBaselines ? createTfEvaluator(options.tf, g) : null;
  const tfAgreement = (): Agreement => {
    const result = tf!.evaluate();
    const jErr = relativeError(engine.valueOf(output), result.value, 1);
    // float32 throughout: errors are judged against the largest gradient, not each one alone.
    let scale = 1;
    for (const s of g.sources) scale = Math.max(scale, Math.abs(engine.gradOf(ids[s]!)));
    const grads = compareSeries(
      'D gradient',
      g.sources.length,
      (k) => engine.gradOf(ids[g.sources[k]!]!),
      (k) => result.sourceGrads[k]!,
      D_TOLERANCE,
      scale,
      (k) => String(ids[g.sources[k]!]),
    );
    if (jErr > D_TOLERANCE)
      return {
        ok: false,
        worst: jErr,
        mismatch: `J: expected ${engine.valueOf(output)}, got ${result.value}`,
      };
    return grads.ok ? { ok: true, worst: Math.max(jErr, grads.worst) } : grads;
  };
  if (withBaselines) {
    rx = buildRx();
    push = createSignalsBaseline(g, 'push');
    pull = createSignalsBaseline(g, 'pull');
    agreed(
      'B vs engine at build',
      rx.failure
        ? { ok: false, worst: Infinity, mismatch: rx.failure }
        : agreeWithEngine(rx, engine, g),
    );
    agreed('C push vs engine at build', agreeWithEngine(push, engine, g));
    agreed('C pull vs engine at build', agreeWithEngine(pull, engine, g));
    if (tf) agreed('D vs engine at build', tfAgreement());
  }

  const wideValue = g.sourceValue[wideIndex]! + 0.05;
  precheckEdit('wide edit', [[wideIndex, wideValue]]);
  if (withBaselines) {
    for (const [name, baseline] of [
      ['B', rx],
      ['C push', push],
      ['C pull', pull],
    ] as const) {
      rxBox.arm();
      baseline!.setSource(wideIndex, wideValue);
      if (baseline!.failure)
        log(`  ${family.key}: ${name} could not finish the wide edit: ${baseline!.failure}`);
      // A blown baseline is a result, not an error; only a finished one must agree.
      else agreed(`${name} vs engine after wide edit`, agreeWithEngine(baseline!, engine, g));
    }
    if (tf) {
      tf.setSource(wideIndex, wideValue);
      agreed('D vs engine after wide edit', tfAgreement());
    }
  }
  if (localFound)
    precheckEdit('local edit', [[localFound.index, g.sourceValue[localFound.index]! + 0.05]]);
  precheckEdit('batch of 10 edits', batchAt(1_000));

  // Structural: splice in, compare with A over the spliced graph, splice out, compare again.
  const spliced = createLoopEvaluator(compileGraph(splice.spec));
  for (const s of g.sources) spliced.setSource(s, a.values[s]!);
  spliced.evaluate();
  const spliceIn = (subject: EngineSubject): void =>
    subject.runtime.batch(() => {
      subject.runtime.removeEdge(splice.removed.id);
      subject.runtime.addNode(splice.node);
      subject.runtime.addEdge(splice.into);
      subject.runtime.addEdge(splice.out);
    });
  const spliceOut = (subject: EngineSubject): void =>
    subject.runtime.batch(() => {
      subject.runtime.removeNode(splice.node.id);
      subject.runtime.addEdge(splice.removed);
    });
  subscribed.resetTally();
  spliceIn(subscribed);
  agreed('engine vs A with a node spliced in', agreeWithLoop(subscribed, spliced));
  spliceOut(subscribed);
  agreed('engine vs A with the node removed again', agreeWithLoop(subscribed, a));
  check(
    'structural edit: two transactions',
    subscribed.tally.reports.length === 2,
    `${subscribed.tally.reports.length} reports`,
  );

  // ---------------------------------------------------------------- races
  // The baselines checked above are let go: each is rebuilt (untimed) for its own race only,
  // so the engine races A in a heap that holds no baseline.
  for (const b of [rx, push, pull]) b?.dispose();
  rx = push = pull = null;
  const engineTicks = new Map<EngineSubject, number>([
    [engine, 0],
    [subscribed, 0],
  ]);
  const tickOf = (subject: EngineSubject): number => {
    const t = engineTicks.get(subject)! + 1;
    engineTicks.set(subject, t);
    return t;
  };
  let violations = 0;
  let firstViolation = '';
  const violation = (detail: string): void => {
    if (violations++ === 0) firstViolation = detail;
  };
  /** Runs an engine edit and checks the per-edit invariants the targets name. */
  const engineRun = (
    subject: EngineSubject,
    transactions: number,
    edit: (tick: number) => void,
    exactEmissions = true,
  ): RunOutcome => {
    subject.resetTally();
    const jBefore = subject.valueOf(output);
    edit(tickOf(subject));
    const reports: TransactionReport[] = subject.tally.reports;
    if (reports.length !== transactions) violation(`${reports.length} transactions for one edit`);
    let forward = 0;
    let backward = 0;
    let changed = 0;
    for (const r of reports) {
      forward += r.evaluated;
      backward += r.backpropagated;
      changed += r.changedValues + r.changedGrads;
    }
    if (subject === subscribed) {
      const jChanged = !Object.is(jBefore, subject.valueOf(output));
      if (transactions === 1 && subject.tally.outputEmissions !== (jChanged ? 1 : 0)) {
        violation(`J emitted ${subject.tally.outputEmissions} times in one edit`);
      }
      if (exactEmissions && subject.tally.emissions !== changed)
        violation(`${subject.tally.emissions} emissions for ${changed} changes`);
    }
    return { counts: { forward, backward, emissions: subject.tally.emissions } };
  };
  const setEngine = (subject: EngineSubject, index: number, tick: number): void =>
    subject.runtime.setValue(ids[index]!, wiggle(g.sourceValue[index]!, tick));

  let aTick = 0;
  const functionNodes = g.size - g.sources.length;
  const aFull = (index: number): Contestant => ({
    name: A,
    run: () => {
      a.setSource(index, wiggle(g.sourceValue[index]!, ++aTick));
      a.evaluate();
      return { counts: { forward: functionNodes, backward: functionNodes } };
    },
  });

  const reactive = (
    name: string,
    make: () => ReactiveBaseline,
    current: () => ReactiveBaseline | null,
    keep: (b: ReactiveBaseline | null) => void,
    edit: (b: ReactiveBaseline, tick: number) => void,
    boxed: boolean,
  ): Contestant => {
    let tick = 0;
    let before = { ops: 0, emissions: 0 };
    return {
      name,
      setup: () => {
        let b = current();
        // A baseline that blew up in an earlier scenario is rebuilt (untimed) for this one.
        if (b === null || b.failure !== undefined) {
          b?.dispose();
          b = make();
          keep(b);
        }
        before = b.counters;
        if (boxed) rxBox.arm();
      },
      run: () => {
        const b = current()!;
        edit(b, ++tick);
        const after = b.counters;
        const counts: Counts = {
          forward: after.ops - before.ops,
          emissions: after.emissions - before.emissions,
        };
        if (b.failure !== undefined) return { failure: b.failure, counts };
        return { counts };
      },
      // Gone once its race is over: its objects do not weigh on the engine's races.
      release: () => {
        current()?.dispose();
        keep(null);
      },
    };
  };
  const rxContestant = (edit: (b: ReactiveBaseline, tick: number) => void): Contestant =>
    reactive(
      B,
      buildRx,
      () => rx,
      (b) => (rx = b),
      edit,
      true,
    );
  const pushContestant = (edit: (b: ReactiveBaseline, tick: number) => void): Contestant =>
    reactive(
      C_PUSH,
      () => createSignalsBaseline(g, 'push'),
      () => push,
      (b) => (push = b),
      edit,
      false,
    );
  const pullContestant = (edit: (b: ReactiveBaseline, tick: number) => void): Contestant =>
    reactive(
      C_PULL,
      () => createSignalsBaseline(g, 'pull' satisfies SignalsVariant),
      () => pull,
      (b) => (pull = b),
      edit,
      false,
    );

  const scenarios: ScenarioResult[] = [];
  const raceOptions = withBaselines ? options.race : options.largeRace;
  const run = (scenario: string, contestants: Contestant[]): void => {
    if (raceOptions === null) return;
    const summaries = raceApart(contestants, raceOptions);
    scenarios.push({ scenario, summaries, reference: A });
    const line = summaries
      .map((s) => `${s.name} ${Number.isNaN(s.median) ? s.failure : `${s.median.toFixed(3)} ms`}`)
      .join(' | ');
    log(`  ${scenario}: ${line}`);
  };

  // Build: document → live runtime (which includes the first full evaluation).
  {
    let built: EngineSubject | null = null;
    let builtBaseline: ReactiveBaseline | null = null;
    const contestants: Contestant[] = [
      { name: A, run: () => void createLoopEvaluator(compileGraph(spec)) },
      {
        name: ENGINE,
        run: () => void (built = createEngineSubject(spec)),
        teardown: () => built!.dispose(),
      },
      {
        name: ENGINE_SUBSCRIBED,
        run: () => {
          built = createEngineSubject(spec);
          built.subscribeAll();
        },
        teardown: () => built!.dispose(),
      },
    ];
    if (raceBaselines) {
      contestants.push(
        {
          name: C_PUSH,
          run: () => void (builtBaseline = createSignalsBaseline(g, 'push')),
          teardown: () => builtBaseline!.dispose(),
        },
        {
          name: B,
          run: () => void (builtBaseline = buildRx()),
          teardown: () => builtBaseline!.dispose(),
        },
      );
    }
    run('build', contestants);
  }

  // Full forward + backward: an edit of the source that reaches the most nodes.
  {
    const contestants: Contestant[] = [
      aFull(wideIndex),
      { name: ENGINE, run: () => engineRun(engine, 1, (t) => setEngine(engine, wideIndex, t)) },
    ];
    if (raceBaselines) {
      contestants.push(
        pullContestant((b, t) => b.setSource(wideIndex, wiggle(g.sourceValue[wideIndex]!, t))),
      );
      if (tf) {
        let tick = 0;
        contestants.push({
          name: D,
          run: () => {
            tf.setSource(wideIndex, wiggle(g.sourceValue[wideIndex]!, ++tick));
            tf.evaluate();
            return { counts: { forward: tf.opsPerEvaluation, backward: tf.opsPerEvaluation } };
          },
        });
      }
    }
    run('full forward + backward (wide edit, no subscribers)', contestants);
  }

  const edits = (scenario: string, index: number): void => {
    const contestants: Contestant[] = [
      aFull(wideIndex),
      {
        name: ENGINE_SUBSCRIBED,
        run: () => engineRun(subscribed, 1, (t) => setEngine(subscribed, index, t)),
      },
    ];
    if (raceBaselines) {
      contestants.push(
        pushContestant((b, t) => b.setSource(index, wiggle(g.sourceValue[index]!, t))),
        rxContestant((b, t) => b.setSource(index, wiggle(g.sourceValue[index]!, t))),
      );
    }
    run(scenario, contestants);
  };
  edits('one input edit + emission to every node', wideIndex);

  // A batch of 10 edits: one transaction in the engine and in signals; RxJS has no batching.
  {
    let aBatchTick = 0;
    const contestants: Contestant[] = [
      {
        name: A,
        run: () => {
          for (const [s, v] of batchAt(++aBatchTick)) a.setSource(s, v);
          a.evaluate();
          return { counts: { forward: functionNodes, backward: functionNodes } };
        },
      },
      {
        name: ENGINE_SUBSCRIBED,
        run: () =>
          engineRun(subscribed, 1, (t) =>
            subscribed.runtime.batch(() => {
              for (const [s, v] of batchAt(t)) subscribed.runtime.setValue(ids[s]!, v);
            }),
          ),
      },
    ];
    if (raceBaselines) {
      contestants.push(
        pushContestant((b, t) => b.setSources(batchAt(t))),
        rxContestant((b, t) => b.setSources(batchAt(t))),
      );
    }
    run('batch of 10 edits + emission', contestants);
  }

  if (localFound)
    edits(
      `local edit (cone ${localFound.cone} nodes, ${((100 * localFound.cone) / g.size).toFixed(2)}%) + emission`,
      localFound.index,
    );

  // Structural: splice a node in mid-graph and take it out again (two transactions).
  run('structural edit: add + remove a node mid-graph', [
    {
      name: A,
      run: () => {
        createLoopEvaluator(compileGraph(splice.spec));
        createLoopEvaluator(compileGraph(spec));
      },
    },
    {
      name: ENGINE_SUBSCRIBED,
      run: () =>
        // The spliced node has no subscriber, so its own changes emit nothing: no exact tally.
        engineRun(
          subscribed,
          2,
          () => {
            spliceIn(subscribed);
            spliceOut(subscribed);
          },
          false,
        ),
    },
  ]);

  // Dispose: tear down a fully subscribed runtime (or baseline).
  {
    let victim: EngineSubject | null = null;
    let victimBaseline: ReactiveBaseline | null = null;
    const contestants: Contestant[] = [
      {
        name: ENGINE_SUBSCRIBED,
        setup: () => {
          victim = createEngineSubject(spec);
          victim.subscribeAll();
        },
        run: () => victim!.dispose(),
      },
    ];
    if (raceBaselines) {
      contestants.push(
        {
          name: C_PUSH,
          setup: () => void (victimBaseline = createSignalsBaseline(g, 'push')),
          run: () => victimBaseline!.dispose(),
        },
        {
          name: B,
          setup: () => void (victimBaseline = buildRx()),
          run: () => victimBaseline!.dispose(),
        },
      );
    }
    if (raceOptions !== null) {
      const summaries = raceApart(contestants, raceOptions);
      scenarios.push({ scenario: 'dispose', summaries, reference: '' });
      log(`  dispose: ${summaries.map((s) => `${s.name} ${s.median.toFixed(3)} ms`).join(' | ')}`);
    }
  }

  check(
    'per-edit invariants during the races (one transaction, J once, one emission per change)',
    violations === 0,
    violations === 0
      ? 'held on every timed edit'
      : `${violations} violations; first: ${firstViolation}`,
  );

  // Drift: after thousands of incremental edits, put every source back and compare from scratch.
  const edited = new Set<number>([
    wideIndex,
    ...batchIndices,
    ...(localFound ? [localFound.index] : []),
  ]);
  for (const subject of [engine, subscribed]) {
    subject.runtime.batch(() => {
      for (const s of edited) subject.runtime.setValue(ids[s]!, g.sourceValue[s]!);
    });
  }
  const fresh = createLoopEvaluator(g);
  agreed('engine vs A after all timed edits (no drift)', agreeWithLoop(engine, fresh));
  agreed(
    'subscribed engine vs A after all timed edits (no drift)',
    agreeWithLoop(subscribed, fresh),
  );
  engine.dispose();
  subscribed.dispose();
  // Whatever a race left alive (assigned in closures, which the compiler does not follow).
  for (const b of [rx, push, pull] as (ReactiveBaseline | null)[]) b?.dispose();

  // ---------------------------------------------------------------- heap
  const heap: HeapResult = options.measureHeap
    ? measureHeap(spec, g, raceBaselines, buildRx)
    : {
        engine: NaN,
        engineSubscriptions: NaN,
        streams: 2 * g.size,
        loop: NaN,
        signals: NaN,
        rx: NaN,
      };

  return {
    key: family.key,
    description: family.description,
    nodes: g.size,
    edges: spec.edges.length,
    wide,
    local,
    batchSources: new Set(batchIndices).size,
    scenarios,
    agreements,
    checks,
    heap,
  };
};

/** Retained heap of the engine (bare, then with every stream subscribed) and of the baselines. */
const measureHeap = (
  spec: GraphSpec,
  g: CompiledGraph,
  baselines: boolean,
  buildRx: () => ReactiveBaseline,
): HeapResult => {
  const engine = retainedBytes(
    () => createEngineSubject(spec),
    (e) => e.dispose(),
  );
  const holder = createEngineSubject(spec);
  const engineSubscriptions = retainedBytes(
    () => {
      holder.subscribeAll();
      return holder;
    },
    (e) => e.unsubscribeAll(),
  );
  holder.dispose();
  return {
    engine,
    engineSubscriptions,
    streams: 2 * g.size,
    loop: retainedBytes(
      () => createLoopEvaluator(compileGraph(spec)),
      () => undefined,
    ),
    signals: baselines
      ? retainedBytes(
          () => createSignalsBaseline(g, 'push'),
          (b) => b.dispose(),
        )
      : Number.NaN,
    rx: baselines ? retainedBytes(buildRx, (b) => b.dispose()) : Number.NaN,
  };
};
