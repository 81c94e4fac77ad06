import {
  Observable,
  Subscriber,
  config,
  type Observer,
  type Subscription,
  type SubscriptionLike,
  type TeardownLogic,
} from 'rxjs';

/**
 * Reports an error thrown by a subscriber the way RxJS does (asynchronously, through
 * `config.onUnhandledError` when set), so one failing subscriber never stops an emission.
 */
export const reportSubscriberError = (error: unknown): void => {
  const handler = config.onUnhandledError;
  setTimeout(() => {
    if (handler) handler(error);
    else throw error;
  });
};

/**
 * Where a {@link Sink} lives: the engine's registry of one or more streams, told apart by
 * `kind` (a node handle hosts both its `value$` and its `grad$`).
 */
export interface SinkHost<T> {
  /** Registers the sink and sends it the current state (or completes it when there is none). */
  attach(sink: Sink<T>, kind: number): void;
  /** Forgets the sink (it unsubscribed). */
  detach(sink: Sink<T>, kind: number): void;
}

/** Runs one teardown the way RxJS does: a function is called, a subscription unsubscribed. */
const runTeardown = (teardown: TeardownLogic): void => {
  try {
    if (typeof teardown === 'function') teardown();
    else if (teardown) teardown.unsubscribe();
  } catch (error) {
    reportSubscriberError(error);
  }
};

/**
 * One subscription to an engine stream. The engine calls the subscriber's function directly
 * (no RxJS subscriber chain per emission) and remembers the last state it sent, so the same
 * state is never delivered twice, whenever the subscription was made.
 *
 * It is what `subscribe` returns: RxJS's `Subscription` interface (`closed`, `unsubscribe`,
 * `add`, `remove`) without inheriting its class, whose four bookkeeping fields would be paid on
 * every stream a canvas subscribes to. RxJS treats it like any subscription (it checks the
 * shape, not the class): an operator chain adds it to its subscriber and unsubscribes it there.
 */
export class Sink<T> implements SubscriptionLike {
  closed = false;
  /** The state last delivered (snapshots are cached, so identity means "no change"). */
  last: T | undefined = undefined;
  /** Teardowns given to `add`, run once when this subscription ends. */
  private finalizers: TeardownLogic[] | null = null;

  /**
   * @param target the subscriber: a plain function (called directly) or an observer (its
   *   `next`/`complete` called as methods). One field for both keeps a subscription small.
   */
  constructor(
    private readonly target: ((value: T) => void) | Partial<Observer<T>>,
    private readonly stream: EngineStream<T>,
  ) {}

  /** Sends a state unless it is the one sent last. Returns whether it was sent. */
  deliver(value: T): boolean {
    if (this.closed || value === this.last) return false;
    this.last = value;
    const target = this.target;
    try {
      if (typeof target === 'function') target(value);
      else target.next?.(value);
    } catch (error) {
      reportSubscriberError(error);
    }
    return true;
  }

  /** Ends the subscription from the engine's side: the subscriber's `complete` runs. */
  end(): void {
    if (this.closed) return;
    this.close();
    const target = this.target;
    try {
      if (typeof target !== 'function') target.complete?.();
    } catch (error) {
      reportSubscriberError(error);
    }
  }

  unsubscribe(): void {
    if (this.closed) return;
    this.close();
    this.stream.host.detach(this, this.stream.kind);
  }

  /** Like `Subscription.add`: the teardown runs when this ends (at once if it already has). */
  add(teardown: TeardownLogic): void {
    if (!teardown || teardown === this) return;
    if (this.closed) runTeardown(teardown);
    else (this.finalizers ??= []).push(teardown);
  }

  /** Like `Subscription.remove`: forgets a teardown given to `add`. */
  remove(teardown: Exclude<TeardownLogic, void>): void {
    this.finalizers = this.finalizers?.filter((item) => item !== teardown) ?? null;
  }

  private close(): void {
    this.closed = true;
    const finalizers = this.finalizers;
    this.finalizers = null;
    if (finalizers !== null) for (const teardown of finalizers) runTeardown(teardown);
  }
}

/**
 * An RxJS `Observable` whose subscriptions the engine serves itself: `pipe`, `combineLatest`,
 * `firstValueFrom` and friends work as usual, while a plain subscriber is called directly.
 */
export class EngineStream<T> extends Observable<T> {
  constructor(
    readonly host: SinkHost<T>,
    readonly kind = 0,
  ) {
    super();
  }

  override subscribe(
    observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null,
    error?: ((error: unknown) => void) | null,
    complete?: (() => void) | null,
  ): Subscription {
    let target: ((value: T) => void) | Partial<Observer<T>> = {};
    if (typeof observerOrNext === 'function') {
      target =
        error || complete
          ? {
              next: observerOrNext,
              ...(error ? { error } : {}),
              ...(complete ? { complete } : {}),
            }
          : observerOrNext;
    } else if (observerOrNext) target = observerOrNext;
    const sink = new Sink<T>(target, this);
    // An operator chain unsubscribes from upstream through its subscriber's teardowns.
    if (target instanceof Subscriber) target.add(sink);
    if (!sink.closed) this.host.attach(sink, this.kind);
    // The shape of a Subscription (see Sink); RxJS and callers use it as one.
    return sink as unknown as Subscription;
  }
}

/** A list of sinks stored compactly: nothing, one sink, or an array replaced on every change. */
export type Sinks<T> = Sink<T> | readonly Sink<T>[] | undefined;

export const addSink = <T>(sinks: Sinks<T>, sink: Sink<T>): Sinks<T> =>
  sinks === undefined ? sink : sinks instanceof Sink ? [sinks, sink] : [...sinks, sink];

export const removeSink = <T>(sinks: Sinks<T>, sink: Sink<T>): Sinks<T> => {
  if (sinks === undefined || sinks === sink) return undefined;
  if (sinks instanceof Sink) return sinks;
  const rest = sinks.filter((item) => item !== sink);
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : rest;
};

/** Delivers one state to every sink; returns how many received it. */
export const deliverAll = <T>(sinks: Sinks<T>, value: T): number => {
  if (sinks === undefined) return 0;
  if (sinks instanceof Sink) return sinks.deliver(value) ? 1 : 0;
  let delivered = 0;
  // Arrays are replaced, never mutated, so (un)subscribing while we deliver is safe.
  for (let index = 0; index < sinks.length; index++) if (sinks[index]!.deliver(value)) delivered++;
  return delivered;
};

/** Completes every sink; returns how many there were. */
export const endAll = <T>(sinks: Sinks<T>): number => {
  if (sinks === undefined) return 0;
  if (sinks instanceof Sink) {
    sinks.end();
    return 1;
  }
  for (const sink of sinks) sink.end();
  return sinks.length;
};
