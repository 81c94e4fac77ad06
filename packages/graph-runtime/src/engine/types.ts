import type { Observable, Observer } from 'rxjs';
import type { EdgeId, NodeId, PortName } from '../graph/ids';
import type { GraphEdge, GraphNode, GraphSpec, NodeParams } from '../graph/types';
import type { OpRegistry, Value } from '../ops';

/**
 * The state of one node's forward value.
 * - `ok`: it has a value.
 * - `error`: its own op failed (a domain error or a non-finite result), with a message.
 * - `blocked`: it cannot be computed because an input is in error/blocked or a port is unconnected;
 *   `cause` names the upstream node in error (absent for an unconnected port, then `port` is set).
 * @public
 */
export type NodeValue =
  | {
      readonly kind: 'ok';
      /** For a varying node: the selected sample's value, or the batch mean (see `setSample`). */
      readonly value: Value;
      /** Varying nodes only (one value per sample): a summary of the batch. */
      readonly batch?: BatchSummary;
    }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'blocked';
      readonly message: string;
      readonly cause?: NodeId;
      readonly port?: PortName;
    };

/** A varying node's batch at a glance. @public */
export interface BatchSummary {
  /** B, the number of samples. */
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The gradient dJ/d(node) of the chosen output J.
 * - `ok`: a number (0 when the node does not influence J).
 * - `none`: no output is chosen, so there are no gradients (a clear state, not zeros).
 * - `unavailable`: J or this node is not computable (error/blocked), or the derivative is undefined.
 * @public
 */
export type NodeGradient =
  | { readonly kind: 'ok'; readonly value: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'unavailable'; readonly message: string };

/**
 * What an edge source → target.port carries backwards:
 * `local` = ∂target/∂source (the edge's local derivative), and
 * `contribution` = dJ/dtarget · ∂target/∂source, this edge's share of dJ/dsource
 * (the seed's chain-rule factor).
 * @public
 */
export type EdgeGradient =
  | {
      readonly kind: 'ok';
      readonly local: number;
      /** dJ/dtarget, the upstream adjoint. */
      readonly upstream: number;
      readonly contribution: number;
    }
  | { readonly kind: 'none'; readonly local: number | null }
  | { readonly kind: 'unavailable'; readonly local: number | null; readonly message: string };

/**
 * A live view of one node. A handle belongs to one node: once that node is removed, its
 * streams complete, a new subscription completes at once, and `value()`/`grad()` throw
 * `node "x" was removed`. `runtime.node(id)` for an id added again returns a fresh handle.
 * @public
 */
export interface NodeHandle {
  readonly id: NodeId;
  /**
   * Emits the current state on subscribe, then once per transaction in which it changed (never
   * the same state twice in a row, even to a subscription made during an emission).
   */
  readonly value$: Observable<NodeValue>;
  /** Emits the current gradient on subscribe, then once per transaction in which it changed. */
  readonly grad$: Observable<NodeGradient>;
  /** The current value state, read synchronously. @throws Error when the node was removed. */
  value(): NodeValue;
  /** The current gradient, read synchronously. @throws Error when the node was removed. */
  grad(): NodeGradient;
}

/**
 * A live view of one edge. Once the edge is removed its stream completes and `gradient()`
 * throws `edge "e" was removed`.
 * @public
 */
export interface EdgeHandle {
  readonly id: EdgeId;
  /** Emits on subscribe, then once per transaction in which its state changed (never twice the same). */
  readonly gradient$: Observable<EdgeGradient>;
  /** @throws Error when the edge was removed. */
  gradient(): EdgeGradient;
}

/** One node's value and gradient at one version, as {@link Runtime.select$} emits them. @public */
export interface NodeReading {
  readonly value: NodeValue;
  readonly grad: NodeGradient;
}

/**
 * What one transaction changed, as {@link Runtime.changes$} emits it. Each list holds ids of
 * the runtime's current graph, except `removedNodes`/`removedEdges`.
 * @public
 */
export interface RuntimeChanges {
  readonly version: number;
  /** Nodes whose value state changed (nodes added in this transaction included). */
  readonly values: readonly NodeId[];
  /** Nodes whose gradient changed. */
  readonly grads: readonly NodeId[];
  /** Edges whose {@link EdgeGradient} changed (edges added in this transaction included). */
  readonly edges: readonly EdgeId[];
  readonly addedNodes: readonly NodeId[];
  readonly removedNodes: readonly NodeId[];
  readonly addedEdges: readonly EdgeId[];
  readonly removedEdges: readonly EdgeId[];
  /** Whether the chosen output J changed. */
  readonly outputChanged: boolean;
}

/** What one transaction did, emitted once on `transaction$` after all node emissions. @public */
export interface TransactionReport {
  /** Increments by one per propagated transaction. */
  readonly version: number;
  /** Op evaluations in this transaction's forward pass (the size of the dirty cone). */
  readonly evaluated: number;
  /** Adjoint recomputations in this transaction's backward pass. */
  readonly backpropagated: number;
  /** Nodes whose value state changed. */
  readonly changedValues: number;
  /** Nodes whose gradient changed. */
  readonly changedGrads: number;
}

/** Cumulative counters, for tests and benchmarks. @public */
export interface RuntimeStats {
  readonly evaluations: number;
  readonly backpropagations: number;
  readonly emissions: number;
  readonly transactions: number;
  /** Live subscriptions to any node/edge stream of this runtime. */
  readonly subscriptions: number;
}

/** A consistent picture of the whole graph at one version. @public */
export interface RuntimeSnapshot {
  readonly version: number;
  readonly output: NodeId | null;
  readonly nodes: ReadonlyMap<NodeId, { readonly value: NodeValue; readonly grad: NodeGradient }>;
  readonly edges: ReadonlyMap<EdgeId, EdgeGradient>;
}

/** Options for {@link createRuntime}. @public */
export interface RuntimeOptions {
  readonly registry: OpRegistry;
  readonly graph: GraphSpec;
}

/**
 * A live, glitch-free evaluator of one graph. Edits propagate synchronously: when a mutating
 * call returns (or the outermost `batch` ends), every value, gradient and emission is done.
 * Mutations made from inside a subscriber are queued and propagate right after the current one.
 *
 * Emission order per transaction: every changed `value$`, then every `grad$`, then edge
 * `gradient$`, then `select$`, then `changes$`, then `transaction$`.
 *
 * Each stream is glitch-free on its own, but combining streams of different nodes with RxJS
 * (`combineLatest([x.value$, y.value$])`) is not transactional: it emits once per input stream,
 * so it shows torn pairs (x already new, y still old). Use {@link Runtime.select$} for a
 * consistent tuple per transaction, or {@link Runtime.changes$} plus synchronous reads.
 * @public
 */
export interface Runtime {
  /** The node's handle (the same object until the node is removed). @throws Error for an unknown id. */
  node(id: NodeId): NodeHandle;
  edge(id: EdgeId): EdgeHandle;
  hasNode(id: NodeId): boolean;
  hasEdge(id: EdgeId): boolean;
  /**
   * The source node's input as an RxJS observer: `slider$.subscribe(runtime.input(a))`.
   * The observer never throws (it runs inside someone else's stream):
   * - `next(x)` with a finite number sets the value, like `setValue`;
   * - `next(x)` with anything else (NaN, ±Infinity) is refused: the value is not stored and the
   *   node shows an `error` state naming what it got, until the next finite number;
   * - `error(e)` puts the node in an `error` state naming the stream's failure (the last finite
   *   value stays in `spec()`); the next finite value clears it;
   * - `complete()` does nothing: the node keeps its last value.
   * After the node is removed (or the runtime disposed) the observer ignores everything.
   */
  input(id: NodeId): Observer<number>;
  /**
   * Emits one consistent reading of the given nodes on subscribe, then once per transaction in
   * which any of their values or gradients changed: a tuple for an array of ids, a record for
   * a record of ids. Completes when one of the nodes is removed.
   * @throws Error when an id is not a node of the graph.
   * @example runtime.select$([x, y]).subscribe(([rx, ry]) => draw(rx.value, ry.value));
   */
  select$(ids: readonly NodeId[]): Observable<readonly NodeReading[]>;
  select$<K extends string>(
    ids: Readonly<Record<K, NodeId>>,
  ): Observable<Readonly<Record<K, NodeReading>>>;
  /**
   * Emits, once per transaction in which anything changed, which node values, gradients, edge
   * states and which parts of the structure changed. No emission on subscribe.
   */
  readonly changes$: Observable<RuntimeChanges>;
  /** Sets a source node's (`input`/`const`) value. */
  setValue(id: NodeId, value: number): void;
  /**
   * B, the number of samples each varying node holds: 1 until {@link Runtime.feed} sets it.
   * Graphs without `data` nodes always have one lane and behave exactly as before.
   */
  lanes(): number;
  /**
   * Sets the per-sample values of varying source nodes (op `data`), in one transaction. Every
   * array must have the same length B ≥ 1, which becomes {@link Runtime.lanes}; the values are
   * copied. A varying node never fed shows the error `no data: feed this column`; one fed with a
   * different B than the current one shows an error saying so; a non-finite value is an error
   * naming the sample (counted from 1). Changing B resets the selected sample.
   * @throws Error for an id that is not a varying source, or arrays of different or zero length.
   */
  feed(columns: Readonly<Record<NodeId, ArrayLike<number>>>): void;
  /**
   * Chooses which sample the streams of VARYING nodes show: lane `lane` (0 ≤ lane < B; messages
   * call it "sample lane + 1"), or `null` for the batch mean. Uniform nodes are not affected.
   * @throws RangeError for a lane outside 0 … B − 1.
   */
  setSample(lane: number | null): void;
  /** The selected sample (a lane index), or `null` for the batch mean. */
  sample(): number | null;
  /**
   * Whether the node holds one value per sample: a fed source, or a node that depends on one
   * without a reduction (`mean`, `sum`) in between.
   */
  isVarying(id: NodeId): boolean;
  /** A fresh copy of a varying node's per-sample values; `null` when it is uniform or not ok. */
  laneValues(id: NodeId): Float64Array | null;
  /**
   * A fresh copy of a varying node's per-sample gradients dJ/d(node_l); `null` when it is
   * uniform or its gradient is not ok. A uniform node's gradient is the sum of these over the
   * lanes of its consumers, so a parameter's gradient is the reduction of per-sample gradients.
   */
  laneGrads(id: NodeId): Float64Array | null;
  /** Replaces a node's params (for sources, `params.value` is its value). */
  setParams(id: NodeId, params: NodeParams): void;
  /** Chooses the output J (or none). */
  setOutput(id: NodeId | null): void;
  output(): NodeId | null;
  addNode(node: GraphNode): void;
  /** Removes a node and every edge touching it; completes its streams. */
  removeNode(id: NodeId): void;
  addEdge(edge: GraphEdge): void;
  removeEdge(id: EdgeId): void;
  /**
   * Runs several edits as one transaction: one propagation, one emission per changed node.
   * Atomic: when `edits` throws, every edit made inside it is rolled back (nothing propagates
   * that was not there before) and the error is rethrown. A nested batch that throws rolls back
   * only its own edits. Streams a rolled-back `removeNode`/`removeEdge` completed stay completed;
   * take fresh handles.
   */
  batch<T>(edits: () => T): T;
  /** Emits one report per propagated transaction, after all node and edge emissions. */
  readonly transaction$: Observable<TransactionReport>;
  snapshot(): RuntimeSnapshot;
  /** The current graph (meaning only), reflecting every edit. */
  spec(): GraphSpec;
  stats(): RuntimeStats;
  /** Completes every stream, drops every subscription; further calls throw. */
  dispose(): void;
  readonly disposed: boolean;
}
