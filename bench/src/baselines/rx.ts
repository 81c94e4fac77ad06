/**
 * Baseline B, what most people would write with RxJS: every source a `BehaviorSubject`, every
 * op `combineLatest(parents).pipe(map(op))` (with `shareReplay` so a node is computed once per
 * upstream emission rather than once per subscriber path). `combineLatest` is not glitch-free: a
 * node re-emits once per changed parent, so forward work grows with the number of paths, which
 * explodes on lattices. Gradients are not reactive here (a reactive reverse graph explodes even on
 * a chain: each adjoint re-emits once per path from J): after an edit settles, one reverse sweep
 * over the latest values computes every adjoint and pushes each changed one into that node's
 * `BehaviorSubject`. Every op polls a {@link TimeBox} so the harness can stop a blow-up.
 */
import { BehaviorSubject, combineLatest, config, map, shareReplay } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type { CompiledGraph } from '../compiled';
import { derivativeA, derivativeB, forwardOf, isBinaryCode, isSourceCode } from '../opMath';
import type { ReactiveBaseline, TimeBox } from './types';

const shared = <T>(source: Observable<T>): Observable<T> =>
  source.pipe(shareReplay({ bufferSize: 1, refCount: true }));

/**
 * Builds baseline B over a compiled graph and subscribes to every node's value and gradient.
 * `timeBox` is polled by every op (forward and reverse); arm it before each measured call.
 */
export const createRxBaseline = (graph: CompiledGraph, timeBox: TimeBox): ReactiveBaseline => {
  const { size, order, op, argA, argB, output } = graph;
  const subjects = new Map<number, BehaviorSubject<number>>();
  const value$: Observable<number>[] = new Array<Observable<number>>(size);
  const grad$: BehaviorSubject<number>[] = new Array<BehaviorSubject<number>>(size);
  const lastValue = new Float64Array(size);
  const lastGrad = new Float64Array(size);
  let emissions = 0;
  let failure: string | undefined;
  const fail = (error: unknown): void => {
    failure ??= error instanceof Error ? error.message : String(error);
  };
  // When the stack blows while RxJS delivers an error, the error handler above has already
  // recorded it, but the teardown that follows throws again and RxJS rethrows that from a
  // timer, which would kill the process long after the edit. Route those to the failure too.
  config.onUnhandledError = fail;

  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const code = op[i]!;
    if (isSourceCode(code)) {
      const subject = new BehaviorSubject(graph.sourceValue[i]!);
      subjects.set(i, subject);
      value$[i] = subject;
    } else if (isBinaryCode(code)) {
      value$[i] = shared(
        combineLatest([value$[argA[i]!]!, value$[argB[i]!]!]).pipe(
          map(([a, b]) => {
            timeBox.tick();
            return forwardOf(code, a, b);
          }),
        ),
      );
    } else {
      value$[i] = shared(
        value$[argA[i]!]!.pipe(
          map((a) => {
            timeBox.tick();
            return forwardOf(code, a, 0);
          }),
        ),
      );
    }
  }

  const adjoint = new Float64Array(size);
  const backward = (): void => {
    adjoint.fill(0);
    if (output >= 0) adjoint[output] = 1;
    for (let k = size - 1; k >= 0; k--) {
      const i = order[k]!;
      const code = op[i]!;
      const g = adjoint[i]!;
      if (g !== 0 && !isSourceCode(code)) {
        timeBox.tick();
        const a = lastValue[argA[i]!]!;
        const b = isBinaryCode(code) ? lastValue[argB[i]!]! : 0;
        const out = lastValue[i]!;
        adjoint[argA[i]!]! += g * derivativeA(code, a, b, out);
        if (isBinaryCode(code)) adjoint[argB[i]!]! += g * derivativeB(code, a, b, out);
      }
    }
    for (let i = 0; i < size; i++) {
      const subject = grad$[i]!;
      if (!Object.is(subject.value, adjoint[i])) subject.next(adjoint[i]!);
    }
  };

  // Subscribe parents before children (and gradients of children before their parents) so
  // every subscription finds its upstream already hot: shallow stacks at build time.
  const subscriptions: Subscription[] = [];
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    subscriptions.push(
      value$[i]!.subscribe({
        next: (v) => {
          emissions++;
          lastValue[i] = v;
        },
        error: fail,
      }),
    );
  }
  for (let i = 0; i < size; i++) grad$[i] = new BehaviorSubject(0);
  backward();
  for (let k = size - 1; k >= 0; k--) {
    const i = order[k]!;
    subscriptions.push(
      grad$[i]!.subscribe({
        next: (g) => {
          emissions++;
          lastGrad[i] = g;
        },
        error: fail,
      }),
    );
  }

  const push = (index: number, value: number): void => {
    if (failure !== undefined) return;
    const subject = subjects.get(index);
    if (subject === undefined) throw new Error(`bench: node ${index} is not a source`);
    try {
      subject.next(value);
      if (failure === undefined) backward();
    } catch (error) {
      fail(error);
    }
  };

  return {
    setSource: push,
    // RxJS has no transactions: a batch is the edits one after another (one sweep per edit).
    setSources: (edits) => {
      for (const [index, value] of edits) push(index, value);
    },
    value: (i) => lastValue[i]!,
    grad: (i) => lastGrad[i]!,
    get counters() {
      return { ops: timeBox.ops, emissions };
    },
    get failure() {
      return failure;
    },
    dispose: () => {
      // Children first: a node's shared upstream is torn down only when its own subscriber
      // goes, one step at a time, instead of one cascade as deep as the graph.
      for (let k = subscriptions.length - 1; k >= 0; k--) subscriptions[k]!.unsubscribe();
      for (const s of subjects.values()) s.complete();
      for (const s of grad$) s.complete();
    },
  };
};
