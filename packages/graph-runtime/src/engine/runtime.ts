import { Observable, Subject, type Observer, type Subscriber } from 'rxjs';
import type { EdgeId, NodeId } from '../graph/ids';
import type { GraphEdge, GraphNode, GraphSpec, NodeParams } from '../graph/types';
import { checkEdge } from '../graph/edgeRules';
import { findPath } from '../graph/paths';
import { quoteText } from '../graph/text';
import { GraphValidationError, validateGraph, type GraphIssue } from '../graph/validate';
import { sourceValueOf, type OpDefinition, type OpRegistry } from '../ops';
import {
  BLOCKED,
  EdgeSlot,
  ERROR,
  GRAD_NONE,
  GRAD_OK,
  GRAD_UNAVAILABLE,
  NodeSlot,
  OK,
  RankHeap,
  type BackwardState,
  type ForwardState,
} from './slots';
import type {
  EdgeGradient,
  EdgeHandle,
  NodeGradient,
  NodeHandle,
  NodeValue,
  Runtime,
  RuntimeOptions,
  RuntimeSnapshot,
  RuntimeStats,
  TransactionReport,
} from './types';

const quote = quoteText;
const nameOf = (slot: NodeSlot): string => quote(slot.label ?? slot.id);

/** `exp(1000)`, `pow(10, 400)`: how a failed call is shown in messages. */
const callText = (op: OpDefinition, args: readonly number[]): string =>
  `${op.id}(${args.map((arg) => String(arg)).join(', ')})`;

const nonFiniteMessage = (op: OpDefinition, args: readonly number[], result: number): string =>
  Number.isNaN(result)
    ? `${callText(op, args)} is not a number`
    : `${callText(op, args)} overflows: the result is beyond ±1.8e308, the largest number a double can hold`;

/** Queue length beyond which a pass stops using its heap and sweeps the rank array. */
const SWEEP_THRESHOLD = 256;

const NO_GRADIENT: NodeGradient = Object.freeze({ kind: 'none' });

/** Sends one value to a list of subscribers, tolerating (un)subscription during delivery. */
const deliver = <T>(subscribers: Subscriber<T>[], value: T): number => {
  const count = subscribers.length;
  if (count === 1) subscribers[0]!.next(value);
  else for (const subscriber of subscribers.slice()) subscriber.next(value);
  return count;
};

/**
 * The reactive evaluator. Edits stamp seeds; a transaction then recomputes the dirty cone in
 * topological order (each node at most once; a rank heap for small cones, a sweep of the
 * rank-ordered slots for big ones), recomputes the adjoints whose inputs changed in reverse
 * topological order the same way, and only then emits, so no subscriber ever sees a half-updated
 * graph.
 */
class GraphRuntime implements Runtime {
  private readonly registry: OpRegistry;
  private readonly nodes = new Map<NodeId, NodeSlot>();
  private readonly edges = new Map<EdgeId, EdgeSlot>();
  /**
   * Slots by rank: `order[slot.rank] === slot`, with `null` where a node was removed. Rebuilt
   * densely when an edge insertion breaks the order or holes pile up.
   */
  private order: (NodeSlot | null)[] = [];
  private holes = 0;
  private outputSlot: NodeSlot | null = null;

  /**
   * Nodes queued by edits for the coming transaction's passes. Each pass starts them in a rank
   * heap and, once its queue outgrows SWEEP_THRESHOLD, sweeps `order` instead, checking stamps:
   * a linear sweep is several times cheaper than a heap on a big cone, while a heap keeps a
   * small cone's cost independent of how far apart its ranks lie.
   */
  private forwardSeeds: NodeSlot[] = [];
  private backwardSeeds: NodeSlot[] = [];
  private readonly forwardHeap = new RankHeap(1);
  private readonly backwardHeap = new RankHeap(-1);
  private fullBackward = false;
  /** Evaluate every node in order instead of the dirty cone (at creation). */
  private fullForward = false;
  /** Edges added/removed since the last propagation, whose streams must (re-)emit. */
  private structurallyChangedEdges: EdgeSlot[] = [];
  private stamp = 0;
  private version = 0;
  private batchDepth = 0;
  private emitting = false;
  private pendingWork = false;
  private isDisposed = false;
  private readonly transactions = new Subject<TransactionReport>();

  private evaluations = 0;
  private backpropagations = 0;
  private emissions = 0;
  private transactionCount = 0;
  private subscriptionCount = 0;

  readonly transaction$: Observable<TransactionReport>;

  constructor(options: RuntimeOptions) {
    this.registry = options.registry;
    const issues = validateGraph(options.graph, options.registry);
    if (issues.length > 0) throw new GraphValidationError(issues);
    for (const node of options.graph.nodes) {
      const slot = new NodeSlot(node.id, this.registry.get(node.op)!, node.params, node.label);
      this.nodes.set(node.id, slot);
    }
    for (const edge of options.graph.edges) this.attachEdge(edge, false);
    this.recomputeRanks();
    this.outputSlot = options.graph.output != null ? this.nodes.get(options.graph.output)! : null;
    this.fullForward = true;
    this.fullBackward = true;
    this.propagate();
    this.transaction$ = this.transactions.asObservable();
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  // ---------------------------------------------------------------- reading

  node(id: NodeId): NodeHandle {
    const slot = this.requireNode(id);
    if (slot.handle === null) slot.handle = this.createNodeHandle(slot);
    return slot.handle as NodeHandle;
  }

  edge(id: EdgeId): EdgeHandle {
    const slot = this.requireEdge(id);
    if (slot.handle === null) slot.handle = this.createEdgeHandle(slot);
    return slot.handle as EdgeHandle;
  }

  hasNode(id: NodeId): boolean {
    return this.nodes.has(id);
  }

  hasEdge(id: EdgeId): boolean {
    return this.edges.has(id);
  }

  output(): NodeId | null {
    return this.outputSlot?.id ?? null;
  }

  snapshot(): RuntimeSnapshot {
    this.assertLive();
    const nodes = new Map<NodeId, { value: NodeValue; grad: NodeGradient }>();
    for (const slot of this.nodes.values()) {
      nodes.set(slot.id, { value: this.valueOf(slot), grad: this.gradOf(slot) });
    }
    const edges = new Map<EdgeId, EdgeGradient>();
    for (const slot of this.edges.values()) edges.set(slot.id, this.edgeGradientOf(slot));
    return { version: this.version, output: this.output(), nodes, edges };
  }

  spec(): GraphSpec {
    const nodes: GraphNode[] = [];
    for (const slot of this.nodes.values()) {
      nodes.push({
        id: slot.id,
        op: slot.op.id,
        ...(slot.params !== undefined ? { params: slot.params } : {}),
        ...(slot.label !== undefined ? { label: slot.label } : {}),
      });
    }
    const edges: GraphEdge[] = [];
    for (const slot of this.edges.values()) {
      edges.push({
        id: slot.id,
        source: slot.source.id,
        target: slot.target.id,
        targetPort: slot.port,
      });
    }
    return { nodes, edges, output: this.output() };
  }

  stats(): RuntimeStats {
    return {
      evaluations: this.evaluations,
      backpropagations: this.backpropagations,
      emissions: this.emissions,
      transactions: this.transactionCount,
      subscriptions: this.subscriptionCount,
    };
  }

  // ---------------------------------------------------------------- editing

  input(id: NodeId): Observer<number> {
    this.requireSource(id);
    return {
      next: (value) => this.setValue(id, value),
      error: () => undefined,
      complete: () => undefined,
    };
  }

  setValue(id: NodeId, value: number): void {
    const slot = this.requireSource(id);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${nameOf(slot)} needs a finite number, got ${String(value)}`);
    }
    if (slot.state === OK && Object.is(slot.value, value) && sourceValueOf(slot.params) === value) {
      return;
    }
    this.edit(() => {
      slot.params = { ...slot.params, value };
      this.seedForward(slot);
    });
  }

  setParams(id: NodeId, params: NodeParams): void {
    const slot = this.requireNode(id);
    if (slot.op.kind === 'source' && sourceValueOf(params) === undefined) {
      throw new RangeError(`${nameOf(slot)} needs a finite number as params.value`);
    }
    this.edit(() => {
      slot.params = params;
      this.seedForward(slot);
    });
  }

  setOutput(id: NodeId | null): void {
    const slot = id === null ? null : this.requireNode(id);
    if (slot === this.outputSlot) return;
    this.edit(() => {
      this.outputSlot = slot;
      this.fullBackward = true;
    });
  }

  addNode(node: GraphNode): void {
    this.assertLive();
    const issues = validateGraph({ nodes: [node], edges: [] }, this.registry);
    if (this.nodes.has(node.id)) {
      issues.push({
        code: 'duplicate-node',
        nodeId: node.id,
        message: `a node with the id ${quote(node.id)} already exists`,
      });
    }
    if (issues.length > 0) throw new GraphValidationError(issues);
    this.edit(() => {
      const slot = new NodeSlot(node.id, this.registry.get(node.op)!, node.params, node.label);
      slot.rank = this.order.length;
      this.nodes.set(node.id, slot);
      this.order.push(slot);
      this.seedForward(slot);
      this.seedBackward(slot);
    });
  }

  removeNode(id: NodeId): void {
    const slot = this.requireNode(id);
    this.edit(() => {
      for (const edge of slot.inputs) if (edge) this.detachEdge(edge);
      for (const edge of slot.outputs.slice()) this.detachEdge(edge);
      this.nodes.delete(id);
      slot.removed = true;
      this.order[slot.rank] = null;
      // Keep scans proportional to the live graph.
      if (++this.holes > 64 && this.holes * 2 > this.order.length) this.recomputeRanks();
      if (this.outputSlot === slot) {
        this.outputSlot = null;
        this.fullBackward = true;
      }
      this.completeNode(slot);
    });
  }

  addEdge(edge: GraphEdge): void {
    this.assertLive();
    const problem = this.edgeProblem(edge);
    if (problem) throw new GraphValidationError([problem]);
    this.edit(() => {
      const slot = this.attachEdge(edge);
      if (slot.source.rank >= slot.target.rank) this.recomputeRanks();
      this.structurallyChangedEdges.push(slot);
    });
  }

  removeEdge(id: EdgeId): void {
    const slot = this.requireEdge(id);
    this.edit(() => {
      this.detachEdge(slot);
      this.completeSubscribers(slot.subscribers);
      slot.subscribers = null;
    });
  }

  batch<T>(edits: () => T): T {
    this.assertLive();
    return this.edit(edits);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    for (const slot of this.nodes.values()) this.completeNode(slot);
    for (const slot of this.edges.values()) {
      this.completeSubscribers(slot.subscribers);
      slot.subscribers = null;
    }
    this.transactions.complete();
    this.nodes.clear();
    this.edges.clear();
    this.order = [];
    this.outputSlot = null;
  }

  // ---------------------------------------------------------------- transactions

  private edit<T>(edits: () => T): T {
    this.assertLive();
    this.batchDepth++;
    try {
      return edits();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) this.flush();
    }
  }

  /**
   * Propagates pending work. An edit made by a subscriber while we emit is queued and runs as
   * its own transaction right after the current emissions finish.
   */
  private flush(): void {
    if (this.emitting) {
      this.pendingWork = true;
      return;
    }
    do {
      this.pendingWork = false;
      if (this.isDisposed) return;
      this.propagate();
    } while (this.pendingWork);
  }

  /**
   * Queues a node for the forward pass of the coming (or running) transaction. `stamp` names
   * that transaction, so a node is queued at most once per pass.
   */
  private seedForward(slot: NodeSlot): void {
    if (slot.forwardStamp === this.stamp) return;
    slot.forwardStamp = this.stamp;
    this.forwardSeeds.push(slot);
  }

  /** Queues a node's adjoint for the backward pass of the coming (or running) transaction. */
  private seedBackward(slot: NodeSlot): void {
    if (slot.backwardStamp === this.stamp) return;
    slot.backwardStamp = this.stamp;
    this.backwardSeeds.push(slot);
  }

  private propagate(): void {
    if (
      !this.fullForward &&
      this.forwardSeeds.length === 0 &&
      this.backwardSeeds.length === 0 &&
      !this.fullBackward &&
      this.structurallyChangedEdges.length === 0
    ) {
      return;
    }
    const stamp = this.stamp;
    const changedValues: NodeSlot[] = [];
    const changedGrads: NodeSlot[] = [];
    const changedEdges: EdgeSlot[] = [];
    for (const edge of this.structurallyChangedEdges) {
      if (this.edges.get(edge.id) === edge && edge.changedStamp !== stamp) {
        edge.changedStamp = stamp;
        changedEdges.push(edge);
      }
    }
    this.structurallyChangedEdges = [];
    const outputStateBefore = this.outputSlot?.state;

    // Forward: the dirty cone, in topological order, each node once. A small cone goes through
    // a min-heap by rank (work proportional to the cone, wherever its ranks lie); once the queue
    // outgrows SWEEP_THRESHOLD the rest of the pass sweeps the rank array instead (no per-node
    // heap cost, work proportional to the ranks spanned).
    const order = this.order;
    let evaluated = 0;
    const full = this.fullForward;
    this.fullForward = false;
    let sweeping = full;
    let low = full ? 0 : order.length;
    let high = full ? order.length - 1 : -1;
    const forwardHeap = this.forwardHeap;
    if (!full) for (const seed of this.forwardSeeds) if (!seed.removed) forwardHeap.push(seed);
    this.forwardSeeds = [];
    while (!sweeping) {
      const slot = forwardHeap.pop();
      if (slot === undefined) break;
      evaluated++;
      if (!this.forwardVisit(slot, stamp, changedValues, changedEdges)) continue;
      for (const edge of slot.outputs) {
        const consumer = edge.target;
        if (consumer.forwardStamp !== stamp) {
          consumer.forwardStamp = stamp;
          forwardHeap.push(consumer);
        }
      }
      if (forwardHeap.size > SWEEP_THRESHOLD) {
        sweeping = true;
        low = slot.rank + 1;
        for (const queued of forwardHeap.drain()) if (queued.rank > high) high = queued.rank;
      }
    }
    for (let rank = low; rank <= high; rank++) {
      const slot = order[rank];
      if (!slot || (!full && slot.forwardStamp !== stamp)) continue;
      evaluated++;
      if (!this.forwardVisit(slot, stamp, changedValues, changedEdges) || full) continue;
      for (const edge of slot.outputs) {
        const consumer = edge.target;
        if (consumer.forwardStamp !== stamp) {
          consumer.forwardStamp = stamp;
          if (consumer.rank > high) high = consumer.rank;
        }
      }
    }
    this.evaluations += evaluated;

    // Backward: adjoints whose inputs changed, in reverse topological order, each node once;
    // the same heap-then-sweep scheme, downwards.
    if (this.outputSlot && this.outputSlot.state !== outputStateBefore) this.fullBackward = true;
    let backpropagated = 0;
    const fullBackward = this.fullBackward;
    this.fullBackward = false;
    let sweepingBack = fullBackward;
    let top = fullBackward ? order.length - 1 : -1;
    let bottom = fullBackward ? 0 : order.length;
    const backwardHeap = this.backwardHeap;
    if (!fullBackward) {
      for (const seed of this.backwardSeeds) if (!seed.removed) backwardHeap.push(seed);
    }
    this.backwardSeeds = [];
    while (!sweepingBack) {
      const slot = backwardHeap.pop();
      if (slot === undefined) break;
      backpropagated++;
      if (!this.updateAdjoint(slot)) continue;
      this.gradChanged(slot, stamp, changedGrads, changedEdges);
      for (const edge of slot.inputs) {
        if (!edge) continue;
        const source = edge.source;
        if (source.backwardStamp !== stamp) {
          source.backwardStamp = stamp;
          backwardHeap.push(source);
        }
      }
      if (backwardHeap.size > SWEEP_THRESHOLD) {
        sweepingBack = true;
        top = slot.rank - 1;
        for (const queued of backwardHeap.drain()) if (queued.rank < bottom) bottom = queued.rank;
      }
    }
    for (let rank = top; rank >= bottom; rank--) {
      const slot = order[rank];
      if (!slot || (!fullBackward && slot.backwardStamp !== stamp)) continue;
      slot.backwardStamp = stamp;
      backpropagated++;
      if (!this.updateAdjoint(slot)) continue;
      this.gradChanged(slot, stamp, changedGrads, changedEdges);
      if (fullBackward) continue;
      for (const edge of slot.inputs) {
        if (!edge) continue;
        const source = edge.source;
        if (source.backwardStamp !== stamp) {
          source.backwardStamp = stamp;
          if (source.rank < bottom) bottom = source.rank;
        }
      }
    }
    this.backpropagations += backpropagated;
    // Edits made by subscribers during the emission below belong to the next transaction.
    this.stamp++;
    this.version++;
    this.transactionCount++;
    this.emit(
      {
        version: this.version,
        evaluated,
        backpropagated,
        changedValues: changedValues.length,
        changedGrads: changedGrads.length,
      },
      changedValues,
      changedGrads,
      changedEdges,
    );
  }

  /**
   * Evaluates one queued node and recomputes its edges' local derivatives. Returns whether its
   * visible state changed (then its consumers must be queued by the caller).
   */
  private forwardVisit(
    slot: NodeSlot,
    stamp: number,
    changedValues: NodeSlot[],
    changedEdges: EdgeSlot[],
  ): boolean {
    const changed = this.evaluate(slot);
    if (changed) {
      slot.valueChangedStamp = stamp;
      slot.valueSnapshot = null;
      changedValues.push(slot);
      // Its own gradient state may change (a node without a value has no gradient).
      this.seedBackward(slot);
    }
    if (slot.op.kind === 'function') this.updateLocals(slot, stamp, changedEdges);
    return changed;
  }

  private gradChanged(
    slot: NodeSlot,
    stamp: number,
    changedGrads: NodeSlot[],
    changedEdges: EdgeSlot[],
  ): void {
    slot.gradChangedStamp = stamp;
    slot.gradSnapshot = null;
    changedGrads.push(slot);
    // Every incoming edge's contribution is dJ/d(slot) · local, so it changed too.
    for (const edge of slot.inputs) {
      if (edge && edge.changedStamp !== stamp) {
        edge.changedStamp = stamp;
        changedEdges.push(edge);
      }
    }
  }

  private emit(
    report: TransactionReport,
    changedValues: readonly NodeSlot[],
    changedGrads: readonly NodeSlot[],
    changedEdges: readonly EdgeSlot[],
  ): void {
    this.emitting = true;
    try {
      // One small loop per kind of stream: each stays monomorphic and optimised on its own,
      // instead of one large function that V8 kept deoptimising on its rarely taken branches.
      this.emissions +=
        this.emitValues(changedValues) +
        this.emitGrads(changedGrads) +
        this.emitEdges(changedEdges);
      this.transactions.next(report);
    } finally {
      this.emitting = false;
    }
  }

  private emitValues(slots: readonly NodeSlot[]): number {
    let emissions = 0;
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index]!;
      const subscribers = slot.valueSubscribers;
      if (subscribers !== null && subscribers.length > 0) {
        emissions += deliver(subscribers, this.valueOf(slot));
      }
    }
    return emissions;
  }

  private emitGrads(slots: readonly NodeSlot[]): number {
    let emissions = 0;
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index]!;
      const subscribers = slot.gradSubscribers;
      if (subscribers !== null && subscribers.length > 0) {
        emissions += deliver(subscribers, this.gradOf(slot));
      }
    }
    return emissions;
  }

  private emitEdges(edges: readonly EdgeSlot[]): number {
    let emissions = 0;
    for (let index = 0; index < edges.length; index++) {
      const edge = edges[index]!;
      edge.snapshot = null;
      const subscribers = edge.subscribers;
      if (subscribers !== null && subscribers.length > 0) {
        emissions += deliver(subscribers, this.edgeGradientOf(edge));
      }
    }
    return emissions;
  }

  // ---------------------------------------------------------------- forward

  /** Recomputes one node from its inputs. Returns whether its visible state changed. */
  private evaluate(slot: NodeSlot): boolean {
    const op = slot.op;
    let state: ForwardState = OK;
    let value = 0;
    let message: string | null = null;
    let cause: NodeId | null = null;
    let port: string | null = null;
    if (op.kind === 'source') {
      const sourceValue = sourceValueOf(slot.params);
      if (sourceValue === undefined) {
        state = ERROR;
        message = `${op.label} ${nameOf(slot)} has no value: set a finite number`;
      } else {
        value = sourceValue;
      }
    } else {
      const inputs = slot.inputs;
      for (let index = 0; index < inputs.length; index++) {
        const edge = inputs[index];
        if (!edge) {
          state = BLOCKED;
          port = op.inputs[index]!;
          message = `input ${quote(port)} is not connected`;
          break;
        }
        const source = edge.source;
        if (source.state === ERROR) {
          state = BLOCKED;
          cause = source.id;
          message = `blocked by an error in ${nameOf(source)}: ${source.message}`;
          break;
        }
        if (source.state === BLOCKED) {
          state = BLOCKED;
          cause = source.cause ?? source.id;
          message =
            source.cause !== null
              ? source.message
              : `blocked: input ${quote(source.blockedPort ?? '')} of ${nameOf(source)} is not connected`;
          break;
        }
      }
      if (state === OK) {
        const arity = inputs.length;
        const a = arity > 0 ? inputs[0]!.source.value : 0;
        const b = arity > 1 ? inputs[1]!.source.value : 0;
        const args = arity <= 2 ? null : inputs.map((edge) => edge!.source.value);
        const domainError = op.domain
          ? arity === 1
            ? op.domain(a)
            : arity === 2
              ? op.domain(a, b)
              : op.domain(...(args ?? []))
          : null;
        if (domainError !== null) {
          state = ERROR;
          message = domainError;
        } else {
          const result =
            arity === 1
              ? op.forward(a)
              : arity === 2
                ? op.forward(a, b)
                : op.forward(...(args ?? []));
          if (Number.isFinite(result)) {
            value = result;
          } else {
            state = ERROR;
            message = nonFiniteMessage(op, args ?? (arity === 1 ? [a] : [a, b]), result);
          }
        }
      }
    }
    const changed =
      state !== slot.state ||
      !Object.is(value, slot.value) ||
      message !== slot.message ||
      cause !== slot.cause ||
      port !== slot.blockedPort;
    slot.state = state;
    slot.value = value;
    slot.message = message;
    slot.cause = cause;
    slot.blockedPort = port;
    return changed;
  }

  /** Recomputes ∂slot/∂input for each incoming edge; a changed factor dirties that input's adjoint. */
  private updateLocals(slot: NodeSlot, stamp: number, changedEdges: EdgeSlot[]): void {
    const inputs = slot.inputs;
    const arity = inputs.length;
    const ok = slot.state === OK;
    const a = ok && arity > 0 ? inputs[0]!.source.value : 0;
    const b = ok && arity > 1 ? inputs[1]!.source.value : 0;
    const out = slot.value;
    for (let index = 0; index < arity; index++) {
      const edge = inputs[index];
      if (!edge) continue;
      let local = Number.NaN;
      let localMessage: string | null = null;
      if (ok) {
        const derivative = slot.op.derivatives[index]!;
        local =
          arity === 1
            ? derivative.fn(a, out)
            : arity === 2
              ? derivative.fn(a, b, out)
              : derivative.fn(...inputs.map((input) => input!.source.value), out);
        if (!Number.isFinite(local)) {
          // Only the rare undefined slope pays for building the argument list.
          const args = [...inputs.map((input) => input!.source.value), out];
          localMessage =
            derivative.undefinedAt?.(...args) ??
            `∂${slot.op.id}/∂${edge.port} is undefined at ${callText(slot.op, args.slice(0, arity))}`;
        }
      }
      if (!Object.is(local, edge.local) || localMessage !== edge.localMessage) {
        edge.local = local;
        edge.localMessage = localMessage;
        if (edge.changedStamp !== stamp) {
          edge.changedStamp = stamp;
          changedEdges.push(edge);
        }
        this.seedBackward(edge.source);
      }
    }
  }

  // ---------------------------------------------------------------- backward

  /** Recomputes dJ/d(slot) from its consumers. Returns whether its visible gradient changed. */
  private updateAdjoint(slot: NodeSlot): boolean {
    const output = this.outputSlot;
    let state: BackwardState = GRAD_OK;
    let adjoint = 0;
    let message: string | null = null;
    if (output === null) {
      state = GRAD_NONE;
    } else if (output.state !== OK) {
      state = GRAD_UNAVAILABLE;
      message = `no gradients: the output ${nameOf(output)} has no value (${output.message})`;
    } else if (slot === output) {
      adjoint = 1;
    } else if (slot.state !== OK) {
      state = GRAD_UNAVAILABLE;
      message = `no gradient: this node has no value (${slot.message})`;
    } else {
      for (const edge of slot.outputs) {
        const consumer = edge.target;
        // A consumer without a value cannot lie on a path to a computable J: it contributes 0.
        if (consumer.state !== OK) continue;
        if (consumer.gradState === GRAD_UNAVAILABLE) {
          state = GRAD_UNAVAILABLE;
          message = consumer.gradMessage;
          break;
        }
        const upstream = consumer.adjoint;
        // Not on a path to J (or a zero gradient there): nothing flows back, whatever the factor.
        if (upstream === 0) continue;
        const local = edge.local;
        if (!Number.isFinite(local)) {
          state = GRAD_UNAVAILABLE;
          message = `no gradient: ${edge.localMessage ?? 'a local derivative is undefined'}`;
          break;
        }
        adjoint += upstream * local;
      }
      if (state === GRAD_OK && !Number.isFinite(adjoint)) {
        state = GRAD_UNAVAILABLE;
        message = 'no gradient: it overflows (beyond ±1.8e308)';
      }
      if (state !== GRAD_OK) adjoint = 0;
      // -0 and 0 are the same gradient to a person and to every consumer.
      if (adjoint === 0) adjoint = 0;
    }
    const changed =
      state !== slot.gradState || !Object.is(adjoint, slot.adjoint) || message !== slot.gradMessage;
    slot.gradState = state;
    slot.adjoint = adjoint;
    slot.gradMessage = message;
    return changed;
  }

  // ---------------------------------------------------------------- snapshots

  private valueOf(slot: NodeSlot): NodeValue {
    if (slot.valueSnapshot) return slot.valueSnapshot;
    let snapshot: NodeValue;
    if (slot.state === OK) snapshot = { kind: 'ok', value: slot.value };
    else if (slot.state === ERROR) snapshot = { kind: 'error', message: slot.message! };
    else {
      snapshot = {
        kind: 'blocked',
        message: slot.message!,
        ...(slot.cause !== null ? { cause: slot.cause } : {}),
        ...(slot.blockedPort !== null ? { port: slot.blockedPort } : {}),
      };
    }
    slot.valueSnapshot = snapshot;
    return snapshot;
  }

  private gradOf(slot: NodeSlot): NodeGradient {
    if (slot.gradSnapshot) return slot.gradSnapshot;
    const snapshot: NodeGradient =
      slot.gradState === GRAD_OK
        ? { kind: 'ok', value: slot.adjoint }
        : slot.gradState === GRAD_NONE
          ? NO_GRADIENT
          : { kind: 'unavailable', message: slot.gradMessage! };
    slot.gradSnapshot = snapshot;
    return snapshot;
  }

  private edgeGradientOf(edge: EdgeSlot): EdgeGradient {
    if (edge.snapshot) return edge.snapshot;
    const target = edge.target;
    const local = target.state === OK && Number.isFinite(edge.local) ? edge.local : null;
    let snapshot: EdgeGradient;
    if (target.gradState === GRAD_NONE) {
      snapshot = { kind: 'none', local };
    } else if (target.gradState === GRAD_UNAVAILABLE) {
      snapshot = { kind: 'unavailable', local, message: target.gradMessage! };
    } else if (target.adjoint === 0) {
      snapshot = { kind: 'ok', local: local ?? 0, upstream: 0, contribution: 0 };
    } else if (local === null) {
      snapshot = {
        kind: 'unavailable',
        local,
        message: `no gradient: ${edge.localMessage ?? 'the local derivative is undefined'}`,
      };
    } else {
      const contribution = target.adjoint * local;
      snapshot = {
        kind: 'ok',
        local,
        upstream: target.adjoint,
        contribution: contribution === 0 ? 0 : contribution,
      };
    }
    edge.snapshot = snapshot;
    return snapshot;
  }

  // ---------------------------------------------------------------- streams

  private createNodeHandle(slot: NodeSlot): NodeHandle {
    const value$ = new Observable<NodeValue>((subscriber) => {
      if (this.nodes.get(slot.id) !== slot) {
        subscriber.complete();
        return undefined;
      }
      const subscribers = (slot.valueSubscribers ??= []);
      subscribers.push(subscriber);
      this.subscriptionCount++;
      subscriber.next(this.valueOf(slot));
      return () => this.unsubscribe(slot.valueSubscribers, subscriber);
    });
    const grad$ = new Observable<NodeGradient>((subscriber) => {
      if (this.nodes.get(slot.id) !== slot) {
        subscriber.complete();
        return undefined;
      }
      const subscribers = (slot.gradSubscribers ??= []);
      subscribers.push(subscriber);
      this.subscriptionCount++;
      subscriber.next(this.gradOf(slot));
      return () => this.unsubscribe(slot.gradSubscribers, subscriber);
    });
    return {
      id: slot.id,
      value$,
      grad$,
      value: () => this.valueOf(slot),
      grad: () => this.gradOf(slot),
    };
  }

  private createEdgeHandle(slot: EdgeSlot): EdgeHandle {
    const gradient$ = new Observable<EdgeGradient>((subscriber) => {
      if (this.edges.get(slot.id) !== slot) {
        subscriber.complete();
        return undefined;
      }
      const subscribers = (slot.subscribers ??= []);
      subscribers.push(subscriber);
      this.subscriptionCount++;
      subscriber.next(this.edgeGradientOf(slot));
      return () => this.unsubscribe(slot.subscribers, subscriber);
    });
    return { id: slot.id, gradient$, gradient: () => this.edgeGradientOf(slot) };
  }

  private unsubscribe<T>(subscribers: Subscriber<T>[] | null, subscriber: Subscriber<T>): void {
    if (!subscribers) return;
    const index = subscribers.indexOf(subscriber);
    if (index < 0) return;
    subscribers.splice(index, 1);
    this.subscriptionCount--;
  }

  private completeSubscribers<T>(subscribers: Subscriber<T>[] | null): void {
    if (!subscribers) return;
    // complete() runs each teardown, which removes the subscriber from this very list.
    for (const subscriber of subscribers.slice()) subscriber.complete();
    this.subscriptionCount -= subscribers.length;
    subscribers.length = 0;
  }

  private completeNode(slot: NodeSlot): void {
    this.completeSubscribers(slot.valueSubscribers);
    this.completeSubscribers(slot.gradSubscribers);
    slot.valueSubscribers = null;
    slot.gradSubscribers = null;
  }

  // ---------------------------------------------------------------- structure

  /** The one edge rule of `graph/`, answered from this runtime's slots. */
  private edgeProblem(edge: GraphEdge): GraphIssue | null {
    return checkEdge(edge, {
      hasNode: (id) => this.nodes.has(id),
      opOf: (id) => this.nodes.get(id)?.op,
      hasEdge: (id) => this.edges.has(id),
      edgeIntoPort: (target, port) => {
        const slot = this.nodes.get(target)!;
        return slot.inputs[slot.op.inputs.indexOf(port)]?.id;
      },
      pathBetween: (from, to) => {
        const start = this.nodes.get(from)!;
        const goal = this.nodes.get(to)!;
        // Ranks grow along edges: a node ranked past the goal cannot lead to it.
        const path = findPath(
          start,
          goal,
          (slot, visit) => {
            for (const out of slot.outputs) visit(out.target);
          },
          (slot) => slot.rank <= goal.rank,
        );
        return path && path.map((slot) => slot.id);
      },
      nameOf: (id) => nameOf(this.nodes.get(id)!),
    });
  }

  private attachEdge(edge: GraphEdge, seed = true): EdgeSlot {
    const source = this.nodes.get(edge.source)!;
    const target = this.nodes.get(edge.target)!;
    const portIndex = target.op.inputs.indexOf(edge.targetPort);
    const slot = new EdgeSlot(edge.id, source, target, edge.targetPort, portIndex);
    this.edges.set(edge.id, slot);
    source.outputs.push(slot);
    target.inputs[portIndex] = slot;
    if (seed) {
      this.seedForward(target);
      this.seedBackward(source);
    }
    return slot;
  }

  private detachEdge(edge: EdgeSlot): void {
    this.edges.delete(edge.id);
    const outputs = edge.source.outputs;
    const index = outputs.indexOf(edge);
    if (index >= 0) outputs.splice(index, 1);
    if (edge.target.inputs[edge.portIndex] === edge) edge.target.inputs[edge.portIndex] = null;
    if (this.nodes.get(edge.target.id) === edge.target) this.seedForward(edge.target);
    if (this.nodes.get(edge.source.id) === edge.source) this.seedBackward(edge.source);
    this.completeSubscribers(edge.subscribers);
    edge.subscribers = null;
  }

  /** Kahn's algorithm over the live slots; ranks become positions in the new order. */
  private recomputeRanks(): void {
    const order: NodeSlot[] = [];
    for (const slot of this.nodes.values()) {
      let degree = 0;
      for (const edge of slot.inputs) if (edge) degree++;
      slot.pendingInputs = degree;
      if (degree === 0) order.push(slot);
    }
    for (let head = 0; head < order.length; head++) {
      for (const edge of order[head]!.outputs) {
        if (--edge.target.pendingInputs === 0) order.push(edge.target);
      }
    }
    // addEdge refuses cycles before calling this, so every slot is placed. Queued seeds keep
    // their stamps; the passes read their new ranks.
    for (let index = 0; index < order.length; index++) order[index]!.rank = index;
    this.order = order;
    this.holes = 0;
  }

  // ---------------------------------------------------------------- guards

  private assertLive(): void {
    if (this.isDisposed) throw new Error('this runtime has been disposed');
  }

  private requireNode(id: NodeId): NodeSlot {
    this.assertLive();
    const slot = this.nodes.get(id);
    if (!slot) throw new Error(`no node ${quote(id)} in this graph`);
    return slot;
  }

  private requireEdge(id: EdgeId): EdgeSlot {
    this.assertLive();
    const slot = this.edges.get(id);
    if (!slot) throw new Error(`no edge ${quote(id)} in this graph`);
    return slot;
  }

  private requireSource(id: NodeId): NodeSlot {
    const slot = this.requireNode(id);
    if (slot.op.kind !== 'source') {
      throw new Error(
        `${nameOf(slot)} is a ${slot.op.id} node; only input and const nodes take a value`,
      );
    }
    return slot;
  }
}

/**
 * Creates a live runtime for a graph. Every node's value and gradient is computed at once;
 * edits then propagate incrementally and glitch-free.
 * @throws GraphValidationError when the graph is not valid (see {@link validateGraph}).
 * @example
 * const runtime = createRuntime({ registry: standardRegistry, graph: seed });
 * runtime.node(nodeId('J')).value$.subscribe((j) => console.log(j));
 * runtime.setValue(nodeId('a'), 1); // J emits once: 21
 * @public
 */
export const createRuntime = (options: RuntimeOptions): Runtime => new GraphRuntime(options);
