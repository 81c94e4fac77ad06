/** What every reactive baseline (B, C) exposes to the harness. */
export interface ReactiveBaseline {
  /** Sets a source's value and propagates it (synchronously). */
  setSource(index: number, value: number): void;
  /** Sets several sources as one update where the library can (one propagation), else one by one. */
  setSources(edits: readonly (readonly [index: number, value: number])[]): void;
  /** The current forward value of a node (as last pushed or pulled). */
  value(index: number): number;
  /** The current dJ/d(node), or `undefined` when the variant computes no gradients. */
  grad(index: number): number | undefined;
  /** Op evaluations (forward and backward) and subscriber/effect runs since creation. */
  readonly counters: { readonly ops: number; readonly emissions: number };
  /** Set when the baseline blew its time box or its stack; it is unusable after that. */
  readonly failure: string | undefined;
  dispose(): void;
}

/** Raised inside a baseline's op when it has run past its time box. */
export class TimeBoxExceeded extends Error {
  constructor(
    readonly ops: number,
    readonly ms: number,
  ) {
    super(`time box exceeded after ${ops} op evaluations in ${ms.toFixed(0)} ms`);
    this.name = 'TimeBoxExceeded';
  }
}

/**
 * A clock that baselines poll from inside their ops: cheap (checks the time every 1024 calls),
 * and re-armed by the harness before each timed call.
 */
export class TimeBox {
  private deadline = Number.POSITIVE_INFINITY;
  private started = 0;
  private opsAtStart = 0;
  ops = 0;

  constructor(private readonly budgetMs: number) {}

  /** Starts a new budget window. */
  arm(): void {
    this.started = performance.now();
    this.deadline = this.started + this.budgetMs;
    this.opsAtStart = this.ops;
  }

  /** Lifts the budget (for building, which is timed but never cut short). */
  disarm(): void {
    this.deadline = Number.POSITIVE_INFINITY;
  }

  /** Counts one op; throws {@link TimeBoxExceeded} once the window is over. */
  tick(): void {
    this.ops++;
    if ((this.ops & 1023) === 0) {
      const now = performance.now();
      if (now > this.deadline)
        throw new TimeBoxExceeded(this.ops - this.opsAtStart, now - this.started);
    }
  }
}
