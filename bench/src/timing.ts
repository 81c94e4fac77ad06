/**
 * Interleaved timing: every contestant of a scenario runs once per round, in a rotating order,
 * in the same process, so drift (thermal, other processes, GC pressure) hits all of them alike
 * and the ratios stay meaningful even when absolute times move by 2× between runs.
 */

/** Per-run work counts a contestant reports (op evaluations forward/backward, emissions). */
export interface Counts {
  readonly forward?: number;
  readonly backward?: number;
  readonly emissions?: number;
}

/** What one timed run reports: nothing, its counts, or why it could not finish. */
export type RunOutcome = void | { readonly counts?: Counts; readonly failure?: string };

/** One competitor in a race. `setup`/`teardown` are not timed. */
export interface Contestant {
  readonly name: string;
  setup?(run: number): void;
  run(run: number): RunOutcome;
  teardown?(run: number): void;
  /** Called once, after the contestant's own race (see `raceApart`): let go of what it holds. */
  release?(): void;
}

/** Timings of one contestant, in milliseconds. */
export interface Summary {
  readonly name: string;
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /**
   * Median process CPU time (user + system) per call: a loaded machine stretches wall-clock
   * time while this process waits, not the CPU time it spends.
   */
  readonly cpuMedian: number;
  /**
   * A's medians (wall, CPU) in this contestant's own race, when it was raced against A on its
   * own (baselines are, so that their garbage does not evict the engine's caches).
   */
  readonly against?: { readonly wall: number; readonly cpu: number };
  /** Counts from the last successful run. */
  readonly counts?: Counts;
  /** Why it stopped early (a failure, a blown time box), if it did. */
  readonly failure?: string;
}

/** How long and how often to race. */
export interface RaceOptions {
  /** Untimed rounds first, so every contestant is JIT-compiled before it is measured. */
  readonly warmup: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  /** Stop adding rounds once this much wall time has passed (and `minRuns` are done). */
  readonly budgetMs: number;
  /** A contestant whose single run takes longer than this is not run again. */
  readonly slowRunMs: number;
}

/** The median of a non-empty list. */
export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Lane {
  readonly contestant: Contestant;
  readonly times: number[];
  readonly cpu: number[];
  counts?: Counts;
  failure?: string;
  done: boolean;
  calls: number;
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Runs the contestants round by round and summarises each. A contestant that throws or reports
 * a failure is dropped from later rounds; its failure is kept for the report.
 * @example race([{ name: 'A', run: () => a.evaluate() }], options)
 */
export const race = (contestants: readonly Contestant[], options: RaceOptions): Summary[] => {
  const lanes: Lane[] = contestants.map((contestant) => ({
    contestant,
    times: [],
    cpu: [],
    done: false,
    calls: 0,
  }));
  const started = performance.now();
  const step = (lane: Lane, timed: boolean): void => {
    const { contestant } = lane;
    const call = lane.calls++;
    try {
      contestant.setup?.(call);
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const outcome = contestant.run(call);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(c0);
      contestant.teardown?.(call);
      // Counts of a failed run are kept too: how far a blown baseline got is the result.
      if (outcome?.counts) lane.counts = outcome.counts;
      if (outcome?.failure !== undefined) {
        lane.failure = outcome.failure;
        lane.done = true;
        return;
      }
      // A slow contestant still gets one timed run: warm-up alone never decides it.
      if (timed) {
        lane.times.push(ms);
        lane.cpu.push((cpu.user + cpu.system) / 1000);
        if (ms > options.slowRunMs) lane.done = true;
      }
    } catch (error) {
      lane.failure = describeError(error);
      lane.done = true;
    }
  };
  for (let round = 0; round < options.warmup; round++) {
    for (const lane of lanes) if (!lane.done) step(lane, false);
  }
  for (let round = 0; round < options.maxRuns; round++) {
    const active = lanes.filter((lane) => !lane.done);
    if (active.length === 0) break;
    if (round >= options.minRuns && performance.now() - started > options.budgetMs) break;
    // Rotate who goes first so no contestant always runs right after another's garbage.
    for (let k = 0; k < active.length; k++) step(active[(k + round) % active.length]!, true);
  }
  return lanes.map((lane) => {
    const { times } = lane;
    return {
      name: lane.contestant.name,
      runs: times.length,
      median: times.length > 0 ? median(times) : Number.NaN,
      min: times.length > 0 ? Math.min(...times) : Number.NaN,
      max: times.length > 0 ? Math.max(...times) : Number.NaN,
      cpuMedian: lane.cpu.length > 0 ? median(lane.cpu) : Number.NaN,
      ...(lane.counts ? { counts: lane.counts } : {}),
      ...(lane.failure !== undefined ? { failure: lane.failure } : {}),
    };
  });
};
