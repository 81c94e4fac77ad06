/**
 * Turns results into the markdown the bench prints and writes to docs/benchmarks.md: one table
 * per family, the heap figures, and a verdict per target computed from the same numbers.
 */
import type { MachineInfo } from './machine';
import type { FamilyResult, ScenarioResult } from './scenarios';
import { D_TOLERANCE } from './scenarios';
import type { Summary } from './timing';

/** Whether one of the issue's targets is met, with the numbers that say so. */
export interface TargetVerdict {
  readonly target: string;
  readonly verdict: 'met' | 'not met' | 'n/a';
  readonly evidence: string;
}

const ENGINE_SUBSCRIBED = 'engine, every node subscribed';
/** Batch families (lanes, #14) have their own race and target. */
const BATCH_PREFIX = 'batch-';
/** Families this big get the huge treatment (build, wide edit, heap) and their own target. */
const HUGE_NODES = 500_000;

/** `0.123 ms`, `1.23 ms`, `12.3 ms`, `123 ms`. */
export const formatMs = (ms: number): string => {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(0)} ms`;
};

const formatRange = (s: Summary): string =>
  s.runs === 0 ? '—' : `${formatMs(s.min).replace(' ms', '')}–${formatMs(s.max)}`;

const formatCount = (n: number | undefined): string =>
  n === undefined ? '' : n >= 10_000 ? n.toLocaleString('en-US') : String(n);

const formatBytes = (bytes: number): string =>
  !Number.isFinite(bytes)
    ? '—'
    : bytes >= 2 ** 20
      ? `${(bytes / 2 ** 20).toFixed(2)} MB`
      : `${(bytes / 1024).toFixed(1)} KB`;

const find = (scenario: ScenarioResult | undefined, name: string): Summary | undefined =>
  scenario?.summaries.find((s) => s.name === name);

const scenarioOf = (result: FamilyResult, prefix: string): ScenarioResult | undefined =>
  result.scenarios.find((s) => s.scenario.startsWith(prefix));

const ratio = (x: Summary | undefined, y: Summary | undefined): number =>
  x && y && x.runs > 0 && y.runs > 0 ? x.median / y.median : Number.NaN;

/**
 * A contestant's medians over A's (wall-clock and process CPU time), A being the one of its own
 * race: a baseline raced apart carries it in `against`.
 */
const versusA = (
  x: Summary | undefined,
  scenario: ScenarioResult | undefined,
): { wall: number; cpu: number } => {
  if (!x || x.runs === 0) return { wall: Number.NaN, cpu: Number.NaN };
  const a =
    x.against ??
    (() => {
      const s = find(scenario, 'A loop');
      return s && s.runs > 0 ? { wall: s.median, cpu: s.cpuMedian } : undefined;
    })();
  return a ? { wall: x.median / a.wall, cpu: x.cpuMedian / a.cpu } : { wall: NaN, cpu: NaN };
};

const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/** `met`, or by how much a ratio or size misses its bound. */
const miss = (value: number, bound: number, unit = '×'): string =>
  !Number.isFinite(value)
    ? 'not measured'
    : value <= bound
      ? 'met'
      : `missed by ${unit === '×' ? `${(value / bound).toFixed(2)}×` : `${(value - bound).toFixed(1)} ${unit}`}`;

const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown table of one family. */
export const renderFamily = (result: FamilyResult): string => {
  const lines: string[] = [];
  lines.push(`### ${result.key}`);
  lines.push('');
  lines.push(
    `${result.description}. **${result.nodes.toLocaleString('en-US')} nodes**, ${result.edges.toLocaleString('en-US')} edges.`,
  );
  lines.push(
    `Wide edit: \`${result.wide.id}\` (downstream cone ${result.wide.cone.toLocaleString('en-US')} nodes). ` +
      (result.local
        ? `Local edit: \`${result.local.id}\` (cone ${result.local.cone} nodes, ${((100 * result.local.cone) / result.nodes).toFixed(2)}%). `
        : 'No source has a cone ≤ 1% here, so no local-edit row. ') +
      `Batch: ${result.batchSources === 1 ? '10 edits of the one input' : `${result.batchSources} different sources`}.`,
  );
  lines.push('');
  lines.push(
    '| scenario | contestant | median | min–max | CPU median | × A | × A (CPU) | fwd ops | bwd ops | emissions | note |',
  );
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const scenario of result.scenarios) {
    for (const s of scenario.summaries) {
      const r = scenario.reference === '' ? { wall: NaN, cpu: NaN } : versusA(s, scenario);
      const apart = s.against ? ' (own race vs A)' : '';
      lines.push(
        `| ${scenario.scenario} | ${s.name}${apart} | ${s.runs > 0 ? formatMs(s.median) : '—'} | ${formatRange(s)} | ${s.runs > 0 ? formatMs(s.cpuMedian) : '—'} | ${times(r.wall)} | ${times(r.cpu)} | ${formatCount(s.counts?.forward)} | ${formatCount(s.counts?.backward)} | ${formatCount(s.counts?.emissions)} | ${s.failure ? escape(s.failure.slice(0, 110)) : ''} |`,
      );
    }
  }
  lines.push('');
  const h = result.heap;
  const per10k = 10_000 / result.nodes;
  lines.push(
    `Retained heap per 10k nodes: engine ${formatBytes(h.engine * per10k)}, plus ${Number.isFinite(h.engineSubscriptions) ? `${(h.engineSubscriptions / h.streams).toFixed(0)} B` : '—'} per subscribed stream (${h.streams.toLocaleString('en-US')} streams); ` +
      `A ${formatBytes(h.loop * per10k)}; C signals (push) ${formatBytes(h.signals * per10k)}; B RxJS ${formatBytes(h.rx * per10k)}.`,
  );
  lines.push('');
  const worstD = result.agreements
    .filter((x) => x.name.startsWith('D '))
    .map((x) => x.agreement.worst);
  const failed = result.checks.filter((c) => !c.ok);
  lines.push(
    `Checks: ${result.checks.length - failed.length}/${result.checks.length} passed` +
      (failed.length > 0
        ? ` — FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`
        : '') +
      (worstD.length > 0
        ? `. D's worst relative error (float32): ${Math.max(...worstD).toExponential(1)}.`
        : '.'),
  );
  lines.push('');
  return lines.join('\n');
};

const list = (parts: readonly string[]): string => parts.join('; ');

/** Computes a verdict per target from the results. */
export const evaluateTargets = (
  allResults: readonly FamilyResult[],
  baselineMaxNodes: number,
): TargetVerdict[] => {
  const verdicts: TargetVerdict[] = [];
  // The batch family has its own target (below); the #10 targets are about the others.
  const batches = allResults.filter((r) => r.key.startsWith(BATCH_PREFIX));
  const results = allResults.filter((r) => !r.key.startsWith(BATCH_PREFIX));
  // Timing targets only look at families that were raced (quick mode races no 100k family).
  const raced = results.filter((r) => r.scenarios.length > 0);
  const tenK = raced.filter((r) => r.nodes <= baselineMaxNodes);
  const allChecks = results.flatMap((r) => r.checks.map((c) => ({ ...c, family: r.key })));
  const verdictOf = (ok: boolean, any: boolean): TargetVerdict['verdict'] =>
    !any ? 'n/a' : ok ? 'met' : 'not met';
  // A timing target over numbers that were not measured (quick mode, a skipped race) is n/a.
  const timed = (ok: boolean, values: readonly number[]): TargetVerdict['verdict'] =>
    values.length === 0 || values.some((v) => !Number.isFinite(v)) ? 'n/a' : ok ? 'met' : 'not met';

  const cone = allChecks.filter((c) => c.name.includes('op evaluations = dirty cone'));
  verdicts.push({
    target: 'op evaluations per edit = size of the dirty cone, exactly',
    verdict: verdictOf(
      cone.every((c) => c.ok),
      cone.length > 0,
    ),
    evidence:
      `${cone.filter((c) => c.ok).length}/${cone.length} edits matched the reference cone` +
      (cone.some((c) => !c.ok)
        ? `: ${list(cone.filter((c) => !c.ok).map((c) => `${c.family} ${c.name}: ${c.detail}`))}`
        : ''),
  });
  const once = allChecks.filter(
    (c) => c.name.includes('J emits once') || c.name.startsWith('per-edit invariants'),
  );
  verdicts.push({
    target: 'J emits once per edit',
    verdict: verdictOf(
      once.every((c) => c.ok),
      once.length > 0,
    ),
    evidence:
      `checked on ${once.length} pre-checks and on every timed edit` +
      (once.some((c) => !c.ok)
        ? `: ${list(once.filter((c) => !c.ok).map((c) => `${c.family}: ${c.detail}`))}`
        : ''),
  });

  const tenKFamilies = tenK.filter((r) => r.nodes < HUGE_NODES);
  /** A ratio target over the 10k families, judged on CPU time, wall-clock shown beside it. */
  const ratioTarget = (
    target: string,
    prefix: string,
    contestant: string,
    bound: number,
  ): TargetVerdict => {
    const rows = tenKFamilies.map((r) => ({
      key: r.key,
      ...versusA(find(scenarioOf(r, prefix), contestant), scenarioOf(r, prefix)),
    }));
    return {
      target,
      verdict: timed(
        rows.every((x) => x.cpu <= bound),
        rows.map((x) => x.cpu),
      ),
      evidence: list(
        rows.map(
          (x) =>
            `${x.key} CPU ${times(x.cpu)} (wall ${times(x.wall)})${x.cpu > bound ? `, ${miss(x.cpu, bound)}` : ''}`,
        ),
      ),
    };
  };
  verdicts.push(
    ratioTarget(
      "one edit + emission to every node ≤ 2× A's full forward + backward (every 10k family; CPU time, wall-clock beside)",
      'one input edit',
      ENGINE_SUBSCRIBED,
      2,
    ),
  );
  verdicts.push(
    ratioTarget(
      'full forward + backward without subscribers ≤ 1.5× A (every 10k family)',
      'full forward',
      'engine',
      1.5,
    ),
  );

  // C and the engine race apart, each against A: compare their ratios to A.
  const versusC = tenKFamilies.map((r) => {
    const s = scenarioOf(r, 'one input edit');
    const c = find(s, 'C signals, push');
    const e = versusA(find(s, ENGINE_SUBSCRIBED), s);
    const cx = versusA(c, s);
    if (c?.failure)
      return {
        key: r.key,
        ok: true,
        x: 0,
        text: `${r.key}: C push failed (${c.failure.slice(0, 60)})`,
      };
    const x = cx.cpu / e.cpu;
    return {
      key: r.key,
      ok: x > 1,
      x,
      text: `${r.key}: C push ${times(cx.cpu)} A vs engine ${times(e.cpu)} A (CPU) = ${times(x)} the engine's time (wall ${times(cx.wall / e.wall)})`,
    };
  });
  verdicts.push({
    target:
      'signals (C, push: values + gradients + an effect per node) stay slower than the engine on every family',
    verdict: timed(
      versusC.every((v) => v.ok),
      versusC.map((v) => v.x),
    ),
    evidence: list(versusC.map((v) => v.text)),
  });

  const locals = raced
    .filter((r) => r.local !== null)
    .map((r) => {
      const local = find(scenarioOf(r, 'local edit'), ENGINE_SUBSCRIBED);
      const full = find(scenarioOf(r, 'one input edit'), ENGINE_SUBSCRIBED);
      const aFull = find(scenarioOf(r, 'local edit'), 'A loop');
      return {
        key: r.key,
        speedup: ratio(full, local),
        versusA: ratio(aFull, local),
        backward: local?.counts?.backward,
        nodes: r.nodes,
      };
    });
  verdicts.push({
    target: 'a local edit (cone ≤ 1%) is ≥ 20× faster than a full evaluation',
    verdict: timed(
      locals.every((l) => l.speedup >= 20),
      locals.map((l) => l.speedup),
    ),
    evidence: list(
      locals.map(
        (l) =>
          `${l.key} ${l.speedup.toFixed(1)}× faster than the engine's wide edit, ${l.versusA.toFixed(1)}× faster than A's full pass (backward touched ${formatCount(l.backward)} of ${formatCount(l.nodes)} nodes)`,
      ),
    ),
  });

  const builds = raced
    .filter((r) => r.nodes < HUGE_NODES)
    .map((r) => {
      const s = scenarioOf(r, 'build');
      const per = 10_000 / r.nodes;
      const plain = find(s, 'engine');
      return {
        key: r.key,
        wall: (plain?.median ?? NaN) * per,
        cpu: (plain?.cpuMedian ?? NaN) * per,
        subscribed: (find(s, ENGINE_SUBSCRIBED)?.cpuMedian ?? NaN) * per,
      };
    });
  verdicts.push({
    target: 'build ≤ 10 ms per 10k nodes (CPU time; every node subscribed shown beside)',
    verdict: timed(
      builds.every((b) => b.cpu <= 10),
      builds.map((b) => b.cpu),
    ),
    evidence: list(
      builds.map(
        (b) =>
          `${b.key} ${b.cpu.toFixed(1)} ms CPU (wall ${b.wall.toFixed(1)}; subscribed ${b.subscribed.toFixed(1)})${b.cpu > 10 ? `, ${miss(b.cpu, 10, 'ms')}` : ''}`,
      ),
    ),
  });

  const heaps = results
    .filter((r) => r.nodes < HUGE_NODES)
    .map((r) => ({
      key: r.key,
      per10k: (r.heap.engine * 10_000) / r.nodes,
      perStream: r.heap.engineSubscriptions / r.heap.streams,
    }));
  const heapKnown = heaps.length > 0 && heaps.every((h) => Number.isFinite(h.per10k));
  const heapBound = 2.5 * 2 ** 20;
  verdicts.push({
    target: 'retained heap ≤ 2.5 MB per 10k nodes plus ≤ 200 B per subscribed stream',
    verdict: !heapKnown
      ? 'n/a'
      : verdictOf(
          heaps.every((h) => h.per10k <= heapBound && h.perStream <= 200),
          heaps.length > 0,
        ),
    evidence: heapKnown
      ? list(
          heaps.map(
            (h) =>
              `${h.key} ${formatBytes(h.per10k)} + ${h.perStream.toFixed(0)} B/stream` +
              (h.per10k > heapBound
                ? ` (heap missed by ${(h.per10k / heapBound).toFixed(2)}×)`
                : '') +
              (h.perStream > 200 ? ` (streams missed by ${(h.perStream / 200).toFixed(2)}×)` : ''),
          ),
        )
      : 'not measured (quick mode, or no --expose-gc: npm run bench passes it)',
  });

  for (const r of results.filter((x) => x.nodes >= HUGE_NODES)) {
    const build = find(scenarioOf(r, 'build'), 'engine');
    const full = scenarioOf(r, 'full forward');
    const edit = find(full, 'engine');
    const a = versusA(edit, full);
    const heapMb = r.heap.engine / 2 ** 20;
    const values = [build?.median ?? NaN, edit?.median ?? NaN, heapMb];
    verdicts.push({
      target: `${r.key}: create ≤ 2 s, a full wide edit ≤ 150 ms, heap ≤ 300 MB`,
      verdict: timed(
        (build?.median ?? Infinity) <= 2000 && (edit?.median ?? Infinity) <= 150 && heapMb <= 300,
        values,
      ),
      evidence:
        `create ${formatMs(build?.median ?? NaN)} wall, ${formatMs(build?.cpuMedian ?? NaN)} CPU (${miss(build?.median ?? NaN, 2000, 'ms')}); ` +
        `wide edit ${formatMs(edit?.median ?? NaN)} wall, ${formatMs(edit?.cpuMedian ?? NaN)} CPU = ${times(a.wall)} A (${miss(edit?.median ?? NaN, 150, 'ms')}); ` +
        `heap ${heapMb.toFixed(0)} MB (${miss(heapMb, 300, 'MB')}); checks ${r.checks.every((c) => c.ok) ? 'passed' : 'FAILED'}`,
    });
  }

  for (const r of batches) {
    const scenario = scenarioOf(r, 'batch edit');
    const x = versusA(find(scenario, 'engine'), scenario);
    verdicts.push({
      target: `batches: one edit on a ${r.nodes}-node graph over B = 1,000 samples ≤ 3× a Float64Array loop over the same batch (CPU time, wall-clock beside)`,
      verdict: timed(x.cpu <= 3 && r.checks.every((c) => c.ok), [x.cpu]),
      evidence: `${r.key} CPU ${times(x.cpu)} (wall ${times(x.wall)})${x.cpu > 3 ? `, ${miss(x.cpu, 3)}` : ''}; agreement checks ${r.checks.every((c) => c.ok) ? 'passed' : 'FAILED'}`,
    });
  }

  const big = results.filter((r) => r.nodes >= 100_000 && r.nodes < HUGE_NODES);
  const bigOk = big.map((r) => {
    const failures = r.scenarios.flatMap((s) =>
      s.summaries
        .filter((x) => x.name.startsWith('engine') && x.failure)
        .map((x) => `${s.scenario}: ${x.failure}`),
    );
    return {
      key: r.key,
      ok: failures.length === 0 && r.checks.every((c) => c.ok),
      text: failures[0] ?? 'all scenarios ran',
    };
  });
  verdicts.push({
    target: '100k-node chain and random DAG work on the default stack',
    verdict: verdictOf(
      bigOk.every((b) => b.ok),
      bigOk.length > 0,
    ),
    evidence: list(bigOk.map((b) => `${b.key}: ${b.text}`)),
  });
  return verdicts;
};

/** The whole document. */
export const renderReport = (input: {
  readonly machine: MachineInfo;
  readonly mode: string;
  readonly results: readonly FamilyResult[];
  readonly targets: readonly TargetVerdict[];
  readonly seconds: number;
}): string => {
  const { machine, results, targets } = input;
  const lines: string[] = [];
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    "Written by `npm run bench` (bench/src/main.ts); rerun it to refresh this file. Every number below comes from one run in one process; this machine's absolute timings drift by up to 2× from run to run, so read the **ratios**.",
  );
  lines.push('');
  lines.push(
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
  );
  lines.push(
    `- Runtime: Node ${machine.node} (V8 ${machine.v8}), run with \`--expose-gc\` via tsx`,
  );
  lines.push(
    `- Libraries: ${Object.entries(machine.libraries)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push(
    `- Commit ${machine.commit}, ${machine.date}, mode: ${input.mode}, total ${input.seconds.toFixed(0)} s`,
  );
  lines.push('');
  lines.push('## Method');
  lines.push('');
  lines.push(
    '- **Contestants.** The engine (`createRuntime` over the standard op library). **A**: a hand-written loop over a precomputed topological order on `Float64Array`s, forward then reverse, op maths written a second time as a `switch` — the physical limit. **B**: every node `combineLatest(parents).pipe(map(op), shareReplay(1))` over `BehaviorSubject` sources, then one reverse sweep per edit pushing gradients into a `BehaviorSubject` per node; time-boxed. **C**: `@preact/signals-core`, a `computed` per node; *push* adds a `computed` gradient per node and an `effect` per node on its value and on its gradient, *pull* is forward only and reads J. **D**: TensorFlow.js 4 on the CPU backend, `tf.valueAndGrads` over the same scalar graph, float32, gradients for the sources only.',
  );
  lines.push(
    `- **Agreement before timing.** Every contestant is compared with the engine on every node (values and gradients, relative tolerance 1e-9, absolute below 1) at build and after the same edit; D on J and every source gradient within ${D_TOLERANCE} of the largest gradient (float32). A baseline that blows up is reported, not compared.`,
  );
  lines.push(
    "- **Counts.** The engine's `TransactionReport.evaluated` must equal the dirty cone computed independently (edited sources plus every node with a changed parent, stopping where a value comes out unchanged); J must emit once per edit; subscribers must receive exactly one emission per changed value and gradient. Checked on dedicated edits and on every timed edit. After the races every source is put back and the engine is compared with a fresh A (no drift).",
  );
  lines.push(
    '- **Timing.** The engine races A on its own; B, C and D each race A in a race of their own (marked "own race vs A"), so that a baseline\'s garbage never evicts the engine\'s caches. Within a race the contestants run interleaved, one call each per round in rotating order, after warm-up rounds, timed with `process.hrtime.bigint()` (wall-clock) and `process.cpuUsage()` (this process\'s CPU time, user + system, which a loaded machine does not inflate); median and min–max over the rounds. "× A" and "× A (CPU)" are the medians over A\'s medians in the same race; for edits A does a full forward + backward, since that is what a non-incremental evaluator must do. Ratio targets are judged on CPU time, with wall-clock beside. Wide edit = the first source (the largest cone); the engine\'s `fwd ops`/`bwd ops` are `evaluated`/`backpropagated` from its transaction report; for B and C, `fwd ops` counts every op and gradient run.',
  );
  lines.push(
    '- **Heap.** Retained bytes after forced GC (`--expose-gc`) with the runtime alive, minus before it; subscriptions measured on a live runtime.',
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | verdict | evidence |');
  lines.push('|---|---|---|');
  for (const t of targets)
    lines.push(
      `| ${escape(t.target)} | ${t.verdict === 'met' ? '✅ met' : t.verdict === 'not met' ? '❌ not met' : 'n/a'} | ${escape(t.evidence)} |`,
    );
  lines.push('');
  if (targets.some((t) => t.verdict === 'not met')) {
    lines.push('### Why targets are missed');
    lines.push('');
    lines.push(
      "The engine is op-agnostic: it calls each op's `forward`, `domain` and local derivatives through the registry, one JavaScript call per node and per edge, with targets that differ from node to node. V8 cannot inline such calls, and every double passed to or returned from a call that is not inlined is boxed on the heap (a few short-lived allocations per node per edit), while A runs the same maths inline in one `switch` over typed arrays. The structure-of-arrays layout removed the pointer chasing and the per-emission RxJS chain; what is left above A on the wide edits is mostly these calls and the per-node change tracking that makes edits incremental (stamps, change lists, messages) — work A never does because it recomputes everything. A `Float64Array` per op kind with a built-in switch for the standard ops would close the gap, at the price of the engine knowing its ops.",
    );
    lines.push('');
    lines.push(
      "Build (and the 1M chain's create) is bounded by hashing ids: one `Map` insertion per node, and per edge an insertion of its id plus two look-ups of its ends (each a few hundred ns on 1M distinct strings), and by asking the one edge rule (`checkEdge`) about every edge, which allocates a little per call (under tsx also a `__name` wrapper per closure). A loop over a precompiled `Int32Array` graph does none of this.",
    );
    lines.push('');
  }
  lines.push('## Families');
  lines.push('');
  for (const r of results) lines.push(renderFamily(r));
  return lines.join('\n');
};
