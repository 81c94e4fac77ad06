/**
 * The engine under test, wrapped for the harness: a runtime over the standard op library, with
 * an optional subscriber on every node's `value$` and `grad$` (what a canvas showing every
 * node does) and a tally of what each transaction reported.
 */
import { createRuntime } from '@chainrule/graph-runtime';
import type { GraphSpec, NodeId, Runtime, TransactionReport } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import type { Subscription } from 'rxjs';

/** A runtime plus the subscribers and counters the benchmark reads. */
export interface EngineSubject {
  readonly runtime: Runtime;
  /** Subscribes to `value$` and `grad$` of every node (2 streams per node). */
  subscribeAll(): void;
  /** Drops every subscription made by {@link EngineSubject.subscribeAll}. */
  unsubscribeAll(): void;
  /** Subscriber calls received since the last {@link EngineSubject.resetTally}, J's `value$` separately. */
  readonly tally: { emissions: number; outputEmissions: number; reports: TransactionReport[] };
  resetTally(): void;
  /** A node's value, or NaN when it is not `ok`. */
  valueOf(id: NodeId): number;
  /** A node's gradient, or NaN when it is not `ok`. */
  gradOf(id: NodeId): number;
  dispose(): void;
}

/**
 * Creates the engine's runtime over a graph with the standard registry.
 * @example const e = createEngineSubject(spec); e.subscribeAll(); e.runtime.setValue(x, 1);
 */
export const createEngineSubject = (graph: GraphSpec): EngineSubject => {
  const runtime = createRuntime({ registry: standardRegistry, graph });
  const output = graph.output ?? null;
  const tally = { emissions: 0, outputEmissions: 0, reports: [] as TransactionReport[] };
  let subscriptions: Subscription[] = [];
  const reports = runtime.transaction$.subscribe((report) => tally.reports.push(report));
  // One shared observer: the cheapest subscriber there is, so the timing is the engine's.
  const count = (): void => {
    tally.emissions++;
  };
  return {
    runtime,
    tally,
    subscribeAll: () => {
      for (const node of graph.nodes) {
        const handle = runtime.node(node.id);
        if (node.id === output) {
          subscriptions.push(
            handle.value$.subscribe(() => {
              tally.emissions++;
              tally.outputEmissions++;
            }),
          );
        } else {
          subscriptions.push(handle.value$.subscribe(count));
        }
        subscriptions.push(handle.grad$.subscribe(count));
      }
    },
    unsubscribeAll: () => {
      for (const s of subscriptions) s.unsubscribe();
      subscriptions = [];
    },
    resetTally: () => {
      tally.emissions = 0;
      tally.outputEmissions = 0;
      tally.reports = [];
    },
    valueOf: (id) => {
      const v = runtime.node(id).value();
      return v.kind === 'ok' ? v.value : Number.NaN;
    },
    gradOf: (id) => {
      const g = runtime.node(id).grad();
      return g.kind === 'ok' ? g.value : Number.NaN;
    },
    dispose: () => {
      reports.unsubscribe();
      runtime.dispose();
    },
  };
};
