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
  | { readonly kind: 'ok'; readonly value: Value }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'blocked';
      readonly message: string;
      readonly cause?: NodeId;
      readonly port?: PortName;
    };

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

/** A live view of one node. @public */
export interface NodeHandle {
  readonly id: NodeId;
  /** Emits the current state on subscribe, then once per transaction in which it changed. */
  readonly value$: Observable<NodeValue>;
  /** Emits the current gradient on subscribe, then once per transaction in which it changed. */
  readonly grad$: Observable<NodeGradient>;
  /** The current value state, read synchronously. */
  value(): NodeValue;
  /** The current gradient, read synchronously. */
  grad(): NodeGradient;
}

/** A live view of one edge. @public */
export interface EdgeHandle {
  readonly id: EdgeId;
  /** Emits on subscribe, then once per transaction in which local, upstream or contribution changed. */
  readonly gradient$: Observable<EdgeGradient>;
  gradient(): EdgeGradient;
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
 * @public
 */
export interface Runtime {
  node(id: NodeId): NodeHandle;
  edge(id: EdgeId): EdgeHandle;
  hasNode(id: NodeId): boolean;
  hasEdge(id: EdgeId): boolean;
  /** The source node's input as an RxJS observer: `slider$.subscribe(runtime.input(a))`. */
  input(id: NodeId): Observer<number>;
  /** Sets a source node's (`input`/`const`) value. */
  setValue(id: NodeId, value: number): void;
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
  /** Runs several edits as one transaction: one propagation, one emission per changed node. */
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
