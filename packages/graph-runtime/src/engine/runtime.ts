import type { Observable, Observer } from 'rxjs';
import type { EdgeId, NodeId, PortName } from '../graph/ids';
import type { GraphEdge, GraphNode, GraphSpec, NodeParams } from '../graph/types';
import { checkEdge, type EdgeRuleGraph } from '../graph/edgeRules';
import { findPath } from '../graph/paths';
import { quoteText } from '../graph/text';
import { topologicalIndexOrder } from '../graph/topology';
import { GraphValidationError, validateGraph } from '../graph/validate';
import {
  sourceValueOf,
  takesValue,
  type LocalDerivative,
  type OpDefinition,
  type OpRegistry,
} from '../ops';
import {
  NO_KERNEL,
  allFinite,
  firstNonFinite,
  kernelCode,
  laneDerivative,
  laneForward,
  sameLanes,
  scalarKernel,
} from './kernels';
import { RankHeap } from './rankHeap';
import type { Sink } from './streams';
import {
  EngineStream,
  addSink,
  deliverAll,
  endAll,
  removeSink,
  type SinkHost,
  type Sinks,
} from './streams';
import type {
  BatchSummary,
  EdgeGradient,
  EdgeHandle,
  NodeGradient,
  NodeHandle,
  NodeReading,
  NodeValue,
  Runtime,
  RuntimeChanges,
  RuntimeOptions,
  RuntimeSnapshot,
  RuntimeStats,
  TransactionReport,
} from './types';

const quote = quoteText;

/** Forward states (`fstate`). `FREE` marks an unused slot or a node not evaluated yet. */
const OK = 0;
const ERROR = 1;
const BLOCKED = 2;
const FREE = 3;
/** Backward states (`gstate`). */
const GRAD_OK = 0;
const GRAD_NONE = 1;
const GRAD_UNAVAILABLE = 2;

/** Answers of the fused forward visit. */
const SLOW = -1;
const UNCHANGED = 0;
const CHANGED = 1;

/** Queue length beyond which a pass stops using its heap and sweeps the rank array. */
const SWEEP_THRESHOLD = 256;
/** Pools (ports, consumers) are compacted when more than half of them is waste. */
const COMPACT_MIN = 256;

const NO_GRADIENT: NodeGradient = Object.freeze({ kind: 'none' });
/** Zeros are common (a node off J's paths, a ReLU below its kink): one shared snapshot each. */
const ZERO_GRADIENT: NodeGradient = Object.freeze({ kind: 'ok', value: 0 });
const ZERO_VALUE: NodeValue = Object.freeze({ kind: 'ok', value: 0 });

/** Node kinds (`nodeKind`): the ones from DATA_NODE on always take the lane path. */
const FUNCTION_NODE = 0;
const SOURCE_NODE = 1;
const DATA_NODE = 2;
const SUM_NODE = 3;
const MEAN_NODE = 4;

const EMPTY_LANES = new Float64Array(0);

/** `(sample 17 of 200)`: samples are counted from 1 in messages (lane 16). */
const sampleText = (lane: number, lanes: number): string => `(sample ${lane + 1} of ${lanes})`;

/** Why a node cannot be computed from its inputs (an unconnected port, an upstream error). */
interface InputProblem {
  readonly message: string;
  readonly cause?: NodeId;
  readonly port?: PortName;
}

/** `exp(1000)`, `pow(10, 400)`: how a failed call is shown in messages. */
const callText = (op: OpDefinition, args: readonly number[]): string =>
  `${op.id}(${args.map((arg) => String(arg)).join(', ')})`;

const nonFiniteMessage = (op: OpDefinition, args: readonly number[], result: number): string =>
  Number.isNaN(result)
    ? `${callText(op, args)} is not a number`
    : `${callText(op, args)} overflows: the result is beyond ±1.8e308, the largest number a double can hold`;

const OVERFLOW = 'beyond ±1.8e308';

const growInt32 = (array: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> => {
  const grown = new Int32Array(capacity);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
};
const growFloat64 = (array: Float64Array, capacity: number): Float64Array<ArrayBuffer> => {
  const grown = new Float64Array(capacity);
  grown.set(array);
  return grown;
};
const growUint8 = (array: Uint8Array, capacity: number, fill: number): Uint8Array<ArrayBuffer> => {
  const grown = new Uint8Array(capacity);
  grown.set(array);
  grown.fill(fill, array.length);
  return grown;
};
/**
 * Writes `array[index]`, first padding the array up to `index`, so it never turns sparse (a
 * write far past the end would make V8 store it as a dictionary). Reads past the end simply
 * give `undefined`, so these arrays grow only as far as they are written.
 */
const put = <T>(array: (T | undefined)[], index: number, value: T | undefined): void => {
  if (index >= array.length) {
    if (value === undefined) return;
    while (array.length < index) array.push(undefined);
  }
  array[index] = value;
};

/** Keeps `value` in a side table under `n`, or removes the entry when there is none. */
const keep = <T>(table: Map<number, T>, n: number, value: T | undefined): void => {
  if (value === undefined) table.delete(n);
  else table.set(n, value);
};

const sameEdgeGradient = (a: EdgeGradient, b: EdgeGradient): boolean => {
  if (a.kind !== b.kind || !Object.is(a.local, b.local)) return false;
  if (a.kind === 'ok' && b.kind === 'ok') {
    return Object.is(a.upstream, b.upstream) && Object.is(a.contribution, b.contribution);
  }
  if (a.kind === 'unavailable' && b.kind === 'unavailable') return a.message === b.message;
  return true;
};

/** A growable list of integers (changed nodes/edges of one transaction), reused across them. */
class IntList {
  items: Int32Array = new Int32Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.items.length) this.items = growInt32(this.items, this.length * 2);
    this.items[this.length++] = value;
  }
}

/** Stream kinds: a node handle's two streams, and the runtime's two listener streams. */
const VALUE = 0;
const GRAD = 1;
const REPORT = 2;
const CHANGES = 3;

/**
 * The handle of one node: an index into the arrays plus the generation it was made for. It
 * hosts the registries of its two streams itself (no closures per handle).
 */
class NodeView implements NodeHandle, SinkHost<NodeValue | NodeGradient> {
  readonly value$: Observable<NodeValue>;
  readonly grad$: Observable<NodeGradient>;
  constructor(
    private readonly runtime: GraphRuntime,
    readonly id: NodeId,
    readonly index: number,
    readonly generation: number,
  ) {
    this.value$ = new EngineStream<NodeValue>(this as SinkHost<NodeValue>, VALUE);
    this.grad$ = new EngineStream<NodeGradient>(this as SinkHost<NodeGradient>, GRAD);
  }
  value(): NodeValue {
    return this.runtime.readValue(this);
  }
  grad(): NodeGradient {
    return this.runtime.readGrad(this);
  }
  attach(sink: Sink<NodeValue | NodeGradient>, kind: number): void {
    this.runtime.attachNodeSink(this, sink, kind);
  }
  detach(sink: Sink<NodeValue | NodeGradient>, kind: number): void {
    this.runtime.detachNodeSink(this, sink, kind);
  }
}

class EdgeView implements EdgeHandle, SinkHost<EdgeGradient> {
  readonly gradient$: Observable<EdgeGradient>;
  constructor(
    private readonly runtime: GraphRuntime,
    readonly id: EdgeId,
    readonly index: number,
    readonly generation: number,
  ) {
    this.gradient$ = new EngineStream<EdgeGradient>(this);
  }
  gradient(): EdgeGradient {
    return this.runtime.readEdge(this);
  }
  attach(sink: Sink<EdgeGradient>): void {
    this.runtime.attachEdgeSink(this, sink);
  }
  detach(sink: Sink<EdgeGradient>): void {
    this.runtime.detachEdgeSink(this, sink);
  }
}

/** One `select$` subscription: the nodes it reads and how to shape its reading. */
interface Selection {
  readonly sink: Sink<unknown>;
  readonly nodes: Int32Array;
  readonly generations: Int32Array;
  /** Record keys, or `null` for a tuple. */
  readonly keys: readonly string[] | null;
  /** The version it was made at during an emission (it already has that reading), else -1. */
  readonly since: number;
}

/**
 * The reactive evaluator, laid out as a structure of arrays. A node is an index: its value and
 * adjoint live in `Float64Array`s, its forward/backward states in `Uint8Array`s, its rank and
 * the transaction stamps in `Int32Array`s. Inputs are fixed port slots in one pool (one slot
 * per port of the op), consumers are lists in a second pool with slack (a list that outgrows
 * its room moves to the end; the pool is compacted when half of it is waste). Messages,
 * causes and labels live in sparse maps written only where there is an error; ids map to
 * indices only at the API boundary.
 *
 * Edits stamp seeds; a transaction recomputes the dirty cone in topological order (a rank heap
 * for a small cone, a sweep of the rank array past SWEEP_THRESHOLD), recomputes the adjoints
 * whose inputs changed in reverse order the same way, and only then emits.
 */
class GraphRuntime implements Runtime {
  private readonly registry: OpRegistry;

  // ------------------------------------------------------------ nodes (index = slot)
  private nodeCapacity = 0;
  /** Slots ever used: every node index is below it. */
  private nodeTop = 0;
  private freeNodes: number[] = [];
  /** Slots freed in the current transaction: reused only after it propagated. */
  private releasedNodes: number[] = [];
  private readonly indexOfNode = new Map<NodeId, number>();
  /** `undefined` marks a free slot. */
  private ids: (NodeId | undefined)[] = [];
  private ops: (OpDefinition | undefined)[] = [];
  private params: (NodeParams | undefined)[] = [];
  /**
   * The op's functions copied per node (and per port for derivatives), so the hot loops never
   * read properties of op objects of many shapes (megamorphic loads cost more than the maths).
   */
  private nodeKind = new Uint8Array(0);
  /** The op's lane kernel code (0: none, the generic path). */
  private kernels = new Uint8Array(0);
  private forwards: (OpDefinition['forward'] | undefined)[] = [];
  private domains: (OpDefinition['domain'] | undefined)[] = [];
  private portDerivative: (LocalDerivative['fn'] | undefined)[] = [];
  private values = new Float64Array(0);
  private adjoints = new Float64Array(0);
  private fstate = new Uint8Array(0);
  private gstate = new Uint8Array(0);
  private ranks = new Int32Array(0);
  private fstamp = new Int32Array(0);
  private bstamp = new Int32Array(0);
  /** Stamp of the transaction in which the value (resp. gradient) last changed. */
  private vstamp = new Int32Array(0);
  private gstamp = new Int32Array(0);
  /** Incremented when a slot's node is removed: handles to the old node see it. */
  private generation = new Int32Array(0);
  /** Input ports: `portStart[n] .. + portCount[n]` index `portSource`/`portEdge` (-1: unconnected). */
  private portStart = new Int32Array(0);
  private portCount = new Int32Array(0);
  private portRoom = new Int32Array(0);
  private portSource = new Int32Array(0);
  private portEdge = new Int32Array(0);
  private portTop = 0;
  private portWaste = 0;
  /** Consumers (outgoing edges) in insertion order: `outStart[n] .. + outCount[n]` index `outEdge`. */
  private outStart = new Int32Array(0);
  private outCount = new Int32Array(0);
  private outRoom = new Int32Array(0);
  private outEdge = new Int32Array(0);
  /** The consumer node of each `outEdge` entry (saves one indirection in both passes). */
  private outTarget = new Int32Array(0);
  private outTop = 0;
  private outWaste = 0;
  /** `order[rank]` is the node at that rank, -1 where a node was removed. */
  private order = new Int32Array(0);
  private orderLength = 0;
  private holes = 0;

  // ------------------------------------------------------------ lanes (batches)
  /** B: every varying node holds this many samples. */
  private laneCount = 1;
  /** The sample varying nodes' streams show, or -1 for the batch mean. */
  private sampleLane = -1;
  private sampleChanged = false;
  /** 1 for a node that holds one value per sample (a data node or one depending on one). */
  private vary = new Uint8Array(0);
  /** Live data nodes: while 0, no node varies and every visit takes the scalar path. */
  private dataNodes = 0;
  /** Per-sample values and adjoints of varying nodes, and locals of edges into them. */
  private laneVal: (Float64Array | undefined)[] = [];
  private laneAdj: (Float64Array | undefined)[] = [];
  private laneLoc: (Float64Array | undefined)[] = [];
  /** What `feed` gave each data node (a private copy). */
  private readonly fed = new Map<number, Float64Array>();
  /** A free lane array: a visit writes into it, then swaps it with the one it replaces. */
  private spare: Float64Array = EMPTY_LANES;
  /** Uniform inputs of a varying node, repeated across the lanes (one per port). */
  private broadcastA: Float64Array = EMPTY_LANES;
  private broadcastB: Float64Array = EMPTY_LANES;
  /** Where `scalarKernel` writes a result and its two slopes. */
  private readonly kernelOut = new Float64Array(3);
  /** Set by `laneShare` when a sample's factor is undefined: the gradient message. */
  private laneMessage: string | undefined = undefined;

  // ------------------------------------------------------------ sparse side tables
  private readonly labels = new Map<number, string>();
  private readonly valueMessages = new Map<number, string>();
  private readonly causes = new Map<number, NodeId>();
  private readonly blockedPorts = new Map<number, PortName>();
  private readonly gradMessages = new Map<number, string>();
  /** Sources whose `input()` observer refused a value or failed: the message shown. */
  private readonly refusals = new Map<number, string>();
  private readonly localMessages = new Map<number, string>();

  // ------------------------------------------------------------ edges
  private edgeCapacity = 0;
  private edgeTop = 0;
  private freeEdges: number[] = [];
  private releasedEdges: number[] = [];
  private readonly indexOfEdge = new Map<EdgeId, number>();
  private edgeIds: (EdgeId | undefined)[] = [];
  /** -1 for a free slot. */
  private edgeSource = new Int32Array(0);
  private edgeTarget = new Int32Array(0);
  private edgePort = new Int32Array(0);
  /** ∂target/∂source at the current values (NaN when the target has no value or it is undefined). */
  private locals = new Float64Array(0);
  private estamp = new Int32Array(0);
  private edgeGeneration = new Int32Array(0);

  // ------------------------------------------------------------ API-side caches and streams
  private valueSnaps: (NodeValue | undefined)[] = [];
  private gradSnaps: (NodeGradient | undefined)[] = [];
  private nodeHandles: (NodeView | undefined)[] = [];
  private valueSinks: Sinks<NodeValue>[] = [];
  private gradSinks: Sinks<NodeGradient>[] = [];
  private readonly edgeSnaps = new Map<number, EdgeGradient>();
  private readonly edgeHandles = new Map<number, EdgeView>();
  private readonly edgeSinks = new Map<number, Sinks<EdgeGradient>>();
  private selections: Selection[] = [];
  private changeSinks: Sinks<RuntimeChanges> = undefined;
  private reportSinks: Sinks<TransactionReport> = undefined;
  /** Edge streams plus `changes$` subscriptions: edge bookkeeping runs only when > 0. */
  private edgeWatchers = 0;

  // ------------------------------------------------------------ transaction state
  private outputNode = -1;
  private forwardSeeds = new IntList();
  private backwardSeeds = new IntList();
  private readonly forwardHeap = new RankHeap(1);
  private readonly backwardHeap = new RankHeap(-1);
  private fullForward = false;
  private fullBackward = false;
  private readonly changedValues = new IntList();
  private readonly changedGrads = new IntList();
  private readonly changedEdges = new IntList();
  /** Edges added since the last propagation (their streams emit). */
  private addedEdgeList: number[] = [];
  private structure = {
    addedNodes: [] as NodeId[],
    removedNodes: [] as NodeId[],
    addedEdges: [] as EdgeId[],
    removedEdges: [] as EdgeId[],
    output: false,
  };
  private structureChanged = false;
  /** The rank range a pass sweeps, set by `queueSeeds`. */
  private rangeLow = 0;
  private rangeHigh = -1;
  private stamp = 0;
  private version = 0;
  private batchDepth = 0;
  private userBatches = 0;
  /** Inverse edits of the running user batches, for rollback. */
  private undoLog: (() => void)[] = [];
  private rollingBack = false;
  private emitting = false;
  private pendingWork = false;
  private isDisposed = false;

  private evaluations = 0;
  private backpropagations = 0;
  private emissions = 0;
  private transactionCount = 0;
  private subscriptionCount = 0;

  readonly transaction$: Observable<TransactionReport>;
  readonly changes$: Observable<RuntimeChanges>;

  constructor(options: RuntimeOptions) {
    this.registry = options.registry;
    const graph = options.graph;
    if (!this.build(graph)) throw new GraphValidationError(validateGraph(graph, this.registry));
    this.fullForward = true;
    this.fullBackward = true;
    this.propagate();
    type Listened = TransactionReport | RuntimeChanges;
    const listeners: SinkHost<Listened> = {
      attach: (sink, kind) => this.attachListener(sink, kind),
      detach: (sink, kind) => this.detachListener(sink, kind),
    };
    this.transaction$ = new EngineStream(listeners as SinkHost<TransactionReport>, REPORT);
    this.changes$ = new EngineStream(listeners as SinkHost<RuntimeChanges>, CHANGES);
  }

  /**
   * Lays the graph out in the arrays, checking it on the way (node checks here, every edge
   * through `checkEdge` answered from the arrays, cycles by the topological sort). Returns
   * `false` at the first problem: the caller then asks `validateGraph` for the full list.
   */
  private build(graph: GraphSpec): boolean {
    const nodeCount = graph.nodes.length;
    const edgeCount = graph.edges.length;
    this.growNodes(Math.max(16, nodeCount));
    this.growEdges(Math.max(16, edgeCount));
    this.growPorts(Math.max(16, 2 * nodeCount));
    const indexOfNode = this.indexOfNode;
    for (const node of graph.nodes) {
      const op = this.registry.get(node.op);
      if (op === undefined) return false;
      if (takesValue(op) && sourceValueOf(node.params) === undefined) return false;
      const n = this.nodeTop;
      // One map operation per node: a duplicate id leaves the size unchanged.
      indexOfNode.set(node.id, n);
      if (indexOfNode.size === n) return false;
      this.nodeTop++;
      this.placeNode(n, node, op);
    }
    // The one edge rule, answered from the arrays. Both ends are looked up once per edge (and
    // the id checked by the map's size): the rule's questions are about those two nodes.
    let source: number | undefined;
    let target: number | undefined;
    let current: GraphEdge | null = null;
    const lookup = (id: NodeId): number | undefined =>
      current !== null && id === current.target
        ? target
        : current !== null && id === current.source
          ? source
          : indexOfNode.get(id);
    const view: EdgeRuleGraph = {
      hasNode: (id) => lookup(id) !== undefined,
      opOf: (id) => {
        const n = lookup(id);
        return n === undefined ? undefined : this.ops[n];
      },
      // Checked below by the size of the edge map.
      hasEdge: () => false,
      edgeIntoPort: (id, port) => {
        const n = lookup(id)!;
        const e = this.portEdge[this.portStart[n]! + this.ops[n]!.inputs.indexOf(port)]!;
        return e >= 0 ? this.edgeIds[e] : undefined;
      },
      pathBetween: () => null,
    };
    const outCount = this.outCount;
    const indexOfEdge = this.indexOfEdge;
    for (const edge of graph.edges) {
      const e = this.edgeTop;
      indexOfEdge.set(edge.id, e);
      if (indexOfEdge.size === e) return false;
      current = edge;
      source = indexOfNode.get(edge.source);
      target = indexOfNode.get(edge.target);
      if (checkEdge(edge, view) !== null) return false;
      this.edgeTop++;
      this.placeEdgeAt(e, edge, source!, target!);
      outCount[source!]!++;
    }
    // Consumer lists, exactly sized, filled in edge order.
    let start = 0;
    const outStart = this.outStart;
    for (let n = 0; n < this.nodeTop; n++) {
      outStart[n] = start;
      this.outRoom[n] = outCount[n]!;
      start += outCount[n]!;
      outCount[n] = 0;
    }
    this.growOut(Math.max(16, start));
    this.outTop = start;
    const outEdge = this.outEdge;
    for (let e = 0; e < this.edgeTop; e++) {
      const source = this.edgeSource[e]!;
      const at = outStart[source]! + outCount[source]!++;
      outEdge[at] = e;
      this.outTarget[at] = this.edgeTarget[e]!;
    }
    if (graph.output != null) {
      const output = this.indexOfNode.get(graph.output);
      if (output === undefined) return false;
      this.outputNode = output;
    }
    return this.recomputeRanks();
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  // ---------------------------------------------------------------- reading

  node(id: NodeId): NodeHandle {
    const n = this.requireNode(id);
    let handle = this.nodeHandles[n];
    if (handle === undefined) {
      handle = new NodeView(this, id, n, this.generation[n]!);
      put(this.nodeHandles, n, handle);
    }
    return handle;
  }

  edge(id: EdgeId): EdgeHandle {
    const e = this.requireEdge(id);
    let handle = this.edgeHandles.get(e);
    if (handle === undefined) {
      handle = new EdgeView(this, id, e, this.edgeGeneration[e]!);
      this.edgeHandles.set(e, handle);
    }
    return handle;
  }

  hasNode(id: NodeId): boolean {
    return this.indexOfNode.has(id);
  }

  hasEdge(id: EdgeId): boolean {
    return this.indexOfEdge.has(id);
  }

  output(): NodeId | null {
    return this.outputNode < 0 ? null : this.ids[this.outputNode]!;
  }

  snapshot(): RuntimeSnapshot {
    this.assertLive();
    const nodes = new Map<NodeId, { value: NodeValue; grad: NodeGradient }>();
    for (const [id, n] of this.indexOfNode) {
      nodes.set(id, { value: this.valueOf(n), grad: this.gradOf(n) });
    }
    const edges = new Map<EdgeId, EdgeGradient>();
    for (const [id, e] of this.indexOfEdge) edges.set(id, this.edgeGradientOf(e));
    return { version: this.version, output: this.output(), nodes, edges };
  }

  spec(): GraphSpec {
    const nodes: GraphNode[] = [];
    for (const [id, n] of this.indexOfNode) {
      const params = this.params[n];
      const label = this.labels.size > 0 ? this.labels.get(n) : undefined;
      nodes.push(
        params === undefined && label === undefined
          ? { id, op: this.ops[n]!.id }
          : {
              id,
              op: this.ops[n]!.id,
              ...(params !== undefined ? { params } : {}),
              ...(label !== undefined ? { label } : {}),
            },
      );
    }
    const edges: GraphEdge[] = [];
    for (const [id, e] of this.indexOfEdge) {
      const target = this.edgeTarget[e]!;
      edges.push({
        id,
        source: this.ids[this.edgeSource[e]!]!,
        target: this.ids[target]!,
        targetPort: this.ops[target]!.inputs[this.edgePort[e]!]!,
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

  select$(ids: readonly NodeId[]): Observable<readonly NodeReading[]>;
  select$<K extends string>(
    ids: Readonly<Record<K, NodeId>>,
  ): Observable<Readonly<Record<K, NodeReading>>>;
  select$(
    ids: readonly NodeId[] | Readonly<Record<string, NodeId>>,
  ): Observable<readonly NodeReading[] | Readonly<Record<string, NodeReading>>> {
    this.assertLive();
    const keys = Array.isArray(ids) ? null : Object.keys(ids);
    const list: readonly NodeId[] = Array.isArray(ids)
      ? (ids as readonly NodeId[])
      : keys!.map((key) => (ids as Readonly<Record<string, NodeId>>)[key]!);
    const nodes = new Int32Array(list.length);
    const generations = new Int32Array(list.length);
    for (let index = 0; index < list.length; index++) {
      nodes[index] = this.requireNode(list[index]!);
      generations[index] = this.generation[nodes[index]!]!;
    }
    return new EngineStream<readonly NodeReading[] | Readonly<Record<string, NodeReading>>>({
      attach: (sink) => {
        if (this.isDisposed || !this.selectionAlive(nodes, generations)) {
          sink.end();
          return;
        }
        const selection: Selection = {
          sink: sink as Sink<unknown>,
          nodes,
          generations,
          keys,
          since: this.emitting ? this.version : -1,
        };
        this.selections = [...this.selections, selection];
        this.subscriptionCount++;
        sink.deliver(this.reading(selection));
      },
      detach: (sink) => {
        const before = this.selections.length;
        this.selections = this.selections.filter((selection) => selection.sink !== sink);
        this.subscriptionCount -= before - this.selections.length;
      },
    });
  }

  // ---------------------------------------------------------------- lanes (API)

  lanes(): number {
    this.assertLive();
    return this.laneCount;
  }

  sample(): number | null {
    this.assertLive();
    return this.sampleLane < 0 ? null : this.sampleLane;
  }

  isVarying(id: NodeId): boolean {
    return this.vary[this.requireNode(id)] === 1;
  }

  laneValues(id: NodeId): Float64Array | null {
    const n = this.requireNode(id);
    if (this.vary[n] !== 1 || this.fstate[n] !== OK) return null;
    return this.laneCopy(this.laneVal[n]!);
  }

  /** A fresh copy of a lane array; -0 shows as 0, like every value a stream shows. */
  private laneCopy(array: Float64Array): Float64Array {
    const copy = array.slice(0, this.laneCount);
    for (let l = 0; l < copy.length; l++) copy[l] = copy[l]! + 0;
    return copy;
  }

  laneGrads(id: NodeId): Float64Array | null {
    const n = this.requireNode(id);
    if (this.vary[n] !== 1 || this.gstate[n] !== GRAD_OK) return null;
    return this.laneCopy(this.laneAdj[n]!);
  }

  feed(columns: Readonly<Record<NodeId, ArrayLike<number>>>): void {
    this.assertLive();
    const entries: { n: number; id: NodeId; data: Float64Array }[] = [];
    for (const key of Object.keys(columns)) {
      const id = key as NodeId;
      const n = this.requireNode(id);
      const op = this.ops[n]!;
      if (this.nodeKind[n] !== DATA_NODE) {
        throw new Error(`${this.nameOf(n)} is a ${op.id} node; only data nodes take samples`);
      }
      const column = columns[id]!;
      const first = entries[0];
      if (first !== undefined && column.length !== first.data.length) {
        throw new RangeError(
          `every column needs the same number of samples: ${this.nameOf(first.n)} has ${first.data.length}, ${this.nameOf(n)} has ${column.length}`,
        );
      }
      entries.push({ n, id, data: Float64Array.from(column) });
    }
    if (entries.length === 0) return;
    const lanes = entries[0]!.data.length;
    if (lanes < 1) throw new RangeError('a batch needs at least one sample');
    this.edit(() => {
      if (this.recording()) {
        const before = entries.map(({ n, id }) => ({ id, data: this.fed.get(n) }));
        const lanesBefore = this.laneCount;
        const sampleBefore = this.sampleLane;
        this.record(() => this.restoreFeed(before, lanesBefore, sampleBefore));
      }
      for (const { n, data } of entries) {
        this.fed.set(n, data);
        this.seedForward(n);
      }
      this.setLaneCount(lanes);
    });
  }

  setSample(lane: number | null): void {
    this.assertLive();
    const next = lane === null ? -1 : lane;
    if (lane !== null && !(Number.isInteger(lane) && lane >= 0 && lane < this.laneCount)) {
      throw new RangeError(
        `sample ${String(lane)} is not in the batch: choose 0 … ${this.laneCount - 1}, or null for the mean`,
      );
    }
    if (next === this.sampleLane) return;
    const before = this.sample();
    this.edit(() => {
      this.record(() => this.setSample(before));
      this.sampleLane = next;
      this.sampleChanged = true;
    });
  }

  /** B changes: every lane is recomputed, and a selected sample past the end is dropped. */
  private setLaneCount(lanes: number): void {
    if (lanes === this.laneCount) return;
    this.laneCount = lanes;
    this.fullForward = true;
    this.fullBackward = true;
    if (this.sampleLane >= lanes) {
      this.sampleLane = -1;
      this.sampleChanged = true;
    }
  }

  /** Undo of a `feed`: by id, since a removal undone in between re-adds a node elsewhere. */
  private restoreFeed(
    before: readonly { id: NodeId; data: Float64Array | undefined }[],
    lanes: number,
    sample: number,
  ): void {
    this.edit(() => {
      for (const { id, data } of before) {
        const n = this.requireNode(id);
        keep(this.fed, n, data);
        this.seedForward(n);
      }
      this.setLaneCount(lanes);
      if (sample !== this.sampleLane) {
        this.sampleLane = sample;
        this.sampleChanged = true;
      }
    });
  }

  // ---------------------------------------------------------------- editing

  input(id: NodeId): Observer<number> {
    const n = this.requireSource(id);
    const generation = this.generation[n]!;
    const live = (): boolean => !this.isDisposed && this.generation[n] === generation;
    const refuse = (message: string): void => {
      if (this.refusals.get(n) === message) return;
      this.edit(() => {
        this.refusals.set(n, message);
        this.seedForward(n);
      });
    };
    return {
      next: (value) => {
        if (!live()) return;
        if (typeof value === 'number' && Number.isFinite(value)) this.setValue(id, value);
        else refuse(`${this.nameOf(n)} was given ${String(value)}: it needs a finite number`);
      },
      error: (error: unknown) => {
        if (!live()) return;
        const reason = error instanceof Error ? error.message : String(error);
        refuse(`the stream feeding ${this.nameOf(n)} failed: ${reason}`);
      },
      complete: () => undefined,
    };
  }

  setValue(id: NodeId, value: number): void {
    const n = this.requireSource(id);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${this.nameOf(n)} needs a finite number, got ${String(value)}`);
    }
    const params = this.params[n];
    if (
      this.fstate[n] === OK &&
      Object.is(this.values[n], value) &&
      sourceValueOf(params) === value &&
      !this.refusals.has(n)
    ) {
      return;
    }
    this.edit(() => {
      this.record(() => this.restoreParams(id, params));
      put(this.params, n, { ...params, value });
      this.refusals.delete(n);
      this.seedForward(n);
    });
  }

  setParams(id: NodeId, params: NodeParams): void {
    const n = this.requireNode(id);
    if (takesValue(this.ops[n]!) && sourceValueOf(params) === undefined) {
      throw new RangeError(`${this.nameOf(n)} needs a finite number as params.value`);
    }
    const before = this.params[n];
    this.edit(() => {
      this.record(() => this.restoreParams(id, before));
      put(this.params, n, params);
      this.refusals.delete(n);
      this.seedForward(n);
    });
  }

  setOutput(id: NodeId | null): void {
    const n = id === null ? -1 : this.requireNode(id);
    if (n === this.outputNode) return;
    const before = this.output();
    this.edit(() => {
      this.record(() => this.setOutput(before));
      this.outputNode = n;
      this.fullBackward = true;
      this.structure.output = true;
      this.structureChanged = true;
    });
  }

  addNode(node: GraphNode): void {
    this.assertLive();
    const issues = validateGraph({ nodes: [node], edges: [] }, this.registry);
    if (this.indexOfNode.has(node.id)) {
      issues.push({
        code: 'duplicate-node',
        nodeId: node.id,
        message: `a node with the id ${quote(node.id)} already exists`,
      });
    }
    if (issues.length > 0) throw new GraphValidationError(issues);
    this.edit(() => {
      this.record(() => this.removeNode(node.id));
      const n = this.allocateNode();
      this.indexOfNode.set(node.id, n);
      this.placeNode(n, node, this.registry.get(node.op)!);
      this.ranks[n] = this.orderLength;
      this.pushOrder(n);
      this.seedForward(n);
      this.seedBackward(n);
      this.structure.addedNodes.push(node.id);
      this.structureChanged = true;
    });
  }

  removeNode(id: NodeId): void {
    const n = this.requireNode(id);
    this.edit(() => {
      if (this.recording()) {
        const node = this.nodeSpec(n);
        const touching = this.edgesTouching(n);
        const wasOutput = this.outputNode === n;
        this.record(() => {
          this.addNode(node);
          for (const edge of touching) this.addEdge(edge);
          if (wasOutput) this.setOutput(node.id);
        });
      }
      // The edges go with the node (their inverses are part of the node's).
      const start = this.portStart[n]!;
      for (let k = 0; k < this.portCount[n]!; k++) {
        const e = this.portEdge[start + k]!;
        if (e >= 0) this.detachEdge(e);
      }
      while (this.outCount[n]! > 0) {
        this.detachEdge(this.outEdge[this.outStart[n]! + this.outCount[n]! - 1]!);
      }
      this.indexOfNode.delete(id);
      // Its adjacency rooms become waste, reclaimed when a pool is compacted.
      this.outWaste += this.outRoom[n]!;
      this.outRoom[n] = 0;
      this.portWaste += this.portRoom[n]!;
      this.portRoom[n] = 0;
      this.portCount[n] = 0;
      put(this.ids, n, undefined);
      put(this.ops, n, undefined);
      put(this.params, n, undefined);
      put(this.forwards, n, undefined);
      put(this.domains, n, undefined);
      this.labels.delete(n);
      this.valueMessages.delete(n);
      this.causes.delete(n);
      this.blockedPorts.delete(n);
      this.gradMessages.delete(n);
      this.refusals.delete(n);
      if (this.nodeKind[n] === DATA_NODE) {
        this.dataNodes--;
        this.fed.delete(n);
      }
      this.nodeKind[n] = FUNCTION_NODE;
      this.vary[n] = 0;
      put(this.laneVal, n, undefined);
      put(this.laneAdj, n, undefined);
      this.fstate[n] = FREE;
      this.gstate[n] = GRAD_NONE;
      this.values[n] = 0;
      this.adjoints[n] = 0;
      this.order[this.ranks[n]!] = -1;
      this.ranks[n] = -1;
      this.generation[n]!++;
      put(this.valueSnaps, n, undefined);
      put(this.gradSnaps, n, undefined);
      put(this.nodeHandles, n, undefined);
      this.releasedNodes.push(n);
      this.structure.removedNodes.push(id);
      this.structureChanged = true;
      // Keep sweeps proportional to the live graph.
      if (++this.holes > 64 && this.holes * 2 > this.orderLength) this.recomputeRanks();
      if (this.outputNode === n) {
        this.outputNode = -1;
        this.fullBackward = true;
        this.structure.output = true;
      }
      const ended = endAll(this.valueSinks[n]) + endAll(this.gradSinks[n]);
      put(this.valueSinks, n, undefined);
      put(this.gradSinks, n, undefined);
      this.subscriptionCount -= ended;
    });
  }

  addEdge(edge: GraphEdge): void {
    this.assertLive();
    const problem = checkEdge(edge, this.ruleView(true));
    if (problem) throw new GraphValidationError([problem]);
    this.edit(() => {
      this.record(() => this.removeEdge(edge.id));
      const e = this.allocateEdge();
      this.placeEdge(e, edge);
      const source = this.edgeSource[e]!;
      const target = this.edgeTarget[e]!;
      this.appendConsumer(source, e);
      this.seedForward(target);
      this.seedBackward(source);
      if (this.ranks[source]! >= this.ranks[target]!) this.recomputeRanks();
      this.addedEdgeList.push(e);
      this.structure.addedEdges.push(edge.id);
      this.structureChanged = true;
    });
  }

  removeEdge(id: EdgeId): void {
    const e = this.requireEdge(id);
    this.edit(() => {
      if (this.recording()) {
        const edge = this.edgeSpec(e);
        this.record(() => this.addEdge(edge));
      }
      this.detachEdge(e);
    });
  }

  batch<T>(edits: () => T): T {
    this.assertLive();
    const mark = this.undoLog.length;
    this.batchDepth++;
    this.userBatches++;
    try {
      return edits();
    } catch (error) {
      this.rollback(mark);
      throw error;
    } finally {
      this.userBatches--;
      this.batchDepth--;
      if (this.userBatches === 0) this.undoLog.length = 0;
      if (this.batchDepth === 0) this.flush();
    }
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    for (let n = 0; n < this.nodeTop; n++) {
      endAll(this.valueSinks[n]);
      endAll(this.gradSinks[n]);
    }
    this.valueSinks = [];
    this.gradSinks = [];
    for (const sinks of this.edgeSinks.values()) endAll(sinks);
    this.edgeSinks.clear();
    for (const selection of this.selections) selection.sink.end();
    this.selections = [];
    endAll(this.changeSinks);
    endAll(this.reportSinks);
    this.changeSinks = undefined;
    this.reportSinks = undefined;
    this.subscriptionCount = 0;
    this.edgeWatchers = 0;
  }

  // ---------------------------------------------------------------- undo

  private recording(): boolean {
    return this.userBatches > 0 && !this.rollingBack;
  }

  private record(inverse: () => void): void {
    if (this.recording()) this.undoLog.push(inverse);
  }

  private rollback(mark: number): void {
    const log = this.undoLog;
    const was = this.rollingBack;
    this.rollingBack = true;
    try {
      while (log.length > mark) log.pop()!();
    } finally {
      this.rollingBack = was;
    }
  }

  /** Undo of a value or params edit; by id, since a removal undone in between re-adds the node elsewhere. */
  private restoreParams(id: NodeId, params: NodeParams | undefined): void {
    const n = this.requireNode(id);
    this.edit(() => {
      put(this.params, n, params);
      this.seedForward(n);
    });
  }

  private nodeSpec(n: number): GraphNode {
    const params = this.params[n];
    const label = this.labels.get(n);
    return {
      id: this.ids[n]!,
      op: this.ops[n]!.id,
      ...(params !== undefined ? { params } : {}),
      ...(label !== undefined ? { label } : {}),
    };
  }

  private edgeSpec(e: number): GraphEdge {
    const target = this.edgeTarget[e]!;
    return {
      id: this.edgeIds[e]!,
      source: this.ids[this.edgeSource[e]!]!,
      target: this.ids[target]!,
      targetPort: this.ops[target]!.inputs[this.edgePort[e]!]!,
    };
  }

  private edgesTouching(n: number): GraphEdge[] {
    const edges: GraphEdge[] = [];
    const start = this.portStart[n]!;
    for (let k = 0; k < this.portCount[n]!; k++) {
      const e = this.portEdge[start + k]!;
      if (e >= 0) edges.push(this.edgeSpec(e));
    }
    const out = this.outStart[n]!;
    for (let k = 0; k < this.outCount[n]!; k++) edges.push(this.edgeSpec(this.outEdge[out + k]!));
    return edges;
  }

  // ---------------------------------------------------------------- transactions

  private edit<T>(change: () => T): T {
    this.assertLive();
    this.batchDepth++;
    try {
      return change();
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

  private seedForward(n: number): void {
    if (this.fstamp[n] === this.stamp) return;
    this.fstamp[n] = this.stamp;
    this.forwardSeeds.push(n);
  }

  private seedBackward(n: number): void {
    if (this.bstamp[n] === this.stamp) return;
    this.bstamp[n] = this.stamp;
    this.backwardSeeds.push(n);
  }

  private markEdge(e: number, stamp: number): void {
    if (this.estamp[e] === stamp) return;
    this.estamp[e] = stamp;
    this.changedEdges.push(e);
  }

  private propagate(): void {
    if (
      !this.fullForward &&
      !this.fullBackward &&
      this.forwardSeeds.length === 0 &&
      this.backwardSeeds.length === 0 &&
      !this.structureChanged &&
      !this.sampleChanged
    ) {
      return;
    }
    const stamp = this.stamp;
    const watchEdges = this.edgeWatchers > 0;
    this.changedValues.length = 0;
    this.changedGrads.length = 0;
    this.changedEdges.length = 0;
    if (watchEdges) {
      for (const e of this.addedEdgeList) if (this.edgeSource[e]! >= 0) this.markEdge(e, stamp);
    }
    if (this.addedEdgeList.length > 0) this.addedEdgeList = [];
    const output = this.outputNode;
    const outputStateBefore = output >= 0 ? this.fstate[output]! : OK;
    const outputMessageBefore = output >= 0 ? this.valueMessages.get(output) : undefined;
    const outputVaryBefore = output >= 0 ? this.vary[output]! : 0;

    // Forward: the dirty cone in topological order, each node once: a min-heap by rank while
    // the queue is small, a sweep of the rank array once it outgrows SWEEP_THRESHOLD.
    const order = this.order;
    const ranks = this.ranks;
    const fstamp = this.fstamp;
    let evaluated = 0;
    const full = this.fullForward;
    this.fullForward = false;
    const seeds = this.forwardSeeds;
    let sweeping = full || seeds.length > SWEEP_THRESHOLD;
    const heap = this.forwardHeap;
    this.queueSeeds(seeds, heap, full, sweeping);
    let low = this.rangeLow;
    let high = this.rangeHigh;
    const outStart = this.outStart;
    const outCount = this.outCount;
    const outTarget = this.outTarget;
    while (!sweeping) {
      const n = heap.pop(ranks);
      if (n < 0) break;
      evaluated++;
      if (!this.forwardVisit(n, stamp, watchEdges)) continue;
      const start = outStart[n]!;
      const end = start + outCount[n]!;
      for (let k = start; k < end; k++) {
        const consumer = outTarget[k]!;
        if (fstamp[consumer] !== stamp) {
          fstamp[consumer] = stamp;
          heap.push(consumer, ranks);
        }
      }
      if (heap.size > SWEEP_THRESHOLD) {
        sweeping = true;
        low = ranks[n]! + 1;
        for (let index = 0; index < heap.size; index++) {
          const rank = ranks[heap.at(index)]!;
          if (rank > high) high = rank;
        }
        heap.clear();
      }
    }
    for (let rank = low; rank <= high; rank++) {
      const n = order[rank]!;
      if (n < 0 || (!full && fstamp[n] !== stamp)) continue;
      evaluated++;
      if (!this.forwardVisit(n, stamp, watchEdges) || full) continue;
      const start = outStart[n]!;
      const end = start + outCount[n]!;
      for (let k = start; k < end; k++) {
        const consumer = outTarget[k]!;
        if (fstamp[consumer] !== stamp) {
          fstamp[consumer] = stamp;
          if (ranks[consumer]! > high) high = ranks[consumer]!;
        }
      }
    }
    this.evaluations += evaluated;

    // Backward: the adjoints whose inputs changed, in reverse topological order, each once.
    // A change of J's state or message changes every node's gradient message: all of them.
    if (
      output >= 0 &&
      (this.fstate[output] !== outputStateBefore ||
        (outputStateBefore !== OK && this.valueMessages.get(output) !== outputMessageBefore) ||
        this.vary[output] !== outputVaryBefore)
    ) {
      this.fullBackward = true;
    }
    const fullBack = this.fullBackward;
    this.fullBackward = false;
    const outputMessage =
      this.outputNode < 0
        ? undefined
        : this.fstate[this.outputNode] !== OK
          ? `no gradients: the output ${this.nameOf(this.outputNode)} has no value (${this.valueMessages.get(this.outputNode)})`
          : this.vary[this.outputNode] === 1 && this.laneCount > 1
            ? `no gradients: the output ${this.nameOf(this.outputNode)} has one value per sample; reduce it with mean or sum to get gradients`
            : undefined;
    const bstamp = this.bstamp;
    const backSeeds = this.backwardSeeds;
    let backpropagated = 0;
    let sweepingBack = fullBack || backSeeds.length > SWEEP_THRESHOLD;
    const backHeap = this.backwardHeap;
    this.queueSeeds(backSeeds, backHeap, fullBack, sweepingBack);
    let top = this.rangeHigh;
    let bottom = this.rangeLow;
    const portStart = this.portStart;
    const portCount = this.portCount;
    const portSource = this.portSource;
    while (!sweepingBack) {
      const n = backHeap.pop(ranks);
      if (n < 0) break;
      backpropagated++;
      if (!this.updateAdjoint(n, outputMessage)) continue;
      this.gradChanged(n, stamp, watchEdges);
      const start = portStart[n]!;
      const end = start + portCount[n]!;
      for (let k = start; k < end; k++) {
        const source = portSource[k]!;
        if (source >= 0 && bstamp[source] !== stamp) {
          bstamp[source] = stamp;
          backHeap.push(source, ranks);
        }
      }
      if (backHeap.size > SWEEP_THRESHOLD) {
        sweepingBack = true;
        top = ranks[n]! - 1;
        for (let index = 0; index < backHeap.size; index++) {
          const rank = ranks[backHeap.at(index)]!;
          if (rank < bottom) bottom = rank;
        }
        backHeap.clear();
      }
    }
    for (let rank = top; rank >= bottom; rank--) {
      const n = order[rank]!;
      if (n < 0 || (!fullBack && bstamp[n] !== stamp)) continue;
      bstamp[n] = stamp;
      backpropagated++;
      if (!this.updateAdjoint(n, outputMessage)) continue;
      this.gradChanged(n, stamp, watchEdges);
      if (fullBack) continue;
      const start = portStart[n]!;
      const end = start + portCount[n]!;
      for (let k = start; k < end; k++) {
        const source = portSource[k]!;
        if (source >= 0 && bstamp[source] !== stamp) {
          bstamp[source] = stamp;
          if (ranks[source]! < bottom) bottom = ranks[source]!;
        }
      }
    }
    this.backpropagations += backpropagated;
    if (this.sampleChanged) {
      this.sampleChanged = false;
      this.refreshSample(stamp, watchEdges);
    }
    // Slots freed in this transaction may be reused from now on.
    if (this.releasedNodes.length > 0) {
      for (const n of this.releasedNodes) this.freeNodes.push(n);
      this.releasedNodes = [];
    }
    if (this.releasedEdges.length > 0) {
      for (const e of this.releasedEdges) this.freeEdges.push(e);
      this.releasedEdges = [];
    }
    // Nothing is allocated for a transaction that did not change the structure.
    const structure = this.structureChanged ? this.structure : null;
    if (structure !== null) {
      this.structure = {
        addedNodes: [],
        removedNodes: [],
        addedEdges: [],
        removedEdges: [],
        output: false,
      };
      this.structureChanged = false;
    }
    // Edits made by subscribers during the emission below belong to the next transaction.
    this.stamp++;
    this.version++;
    this.transactionCount++;
    this.emit(stamp, evaluated, backpropagated, structure);
  }

  /**
   * Starts a pass: every rank when `full`; else the live seeds go into the heap or, when the
   * pass sweeps from the start (too many seeds for a heap), span the rank range to sweep.
   * Leaves the range in `rangeLow`/`rangeHigh` and empties the seed list.
   */
  private queueSeeds(seeds: IntList, heap: RankHeap, full: boolean, sweeping: boolean): void {
    const ranks = this.ranks;
    let low = full ? 0 : this.orderLength;
    let high = full ? this.orderLength - 1 : -1;
    heap.clear();
    if (!full) {
      for (let index = 0; index < seeds.length; index++) {
        const n = seeds.items[index]!;
        if (this.ids[n] === undefined) continue;
        if (sweeping) {
          const rank = ranks[n]!;
          if (rank < low) low = rank;
          if (rank > high) high = rank;
        } else heap.push(n, ranks);
      }
    }
    seeds.length = 0;
    this.rangeLow = low;
    this.rangeHigh = high;
  }

  /**
   * Evaluates one queued node and recomputes its edges' local derivatives. Returns whether its
   * visible state changed (then its consumers must be queued by the caller).
   */
  private forwardVisit(n: number, stamp: number, watchEdges: boolean): boolean {
    if (
      this.nodeKind[n]! >= DATA_NODE ||
      this.vary[n] === 1 ||
      (this.dataNodes > 0 && this.inputsVary(n))
    ) {
      const changed = this.laneVisit(n, stamp, watchEdges);
      if (changed) this.valueChanged(n, stamp);
      return changed;
    }
    const fast = this.fastVisit(n, stamp, watchEdges);
    const changed = fast === SLOW ? this.evaluate(n) : fast === CHANGED;
    if (changed) this.valueChanged(n, stamp);
    if (fast === SLOW && this.portCount[n]! > 0) this.updateLocals(n, stamp, watchEdges);
    return changed;
  }

  private valueChanged(n: number, stamp: number): void {
    this.vstamp[n] = stamp;
    put(this.valueSnaps, n, undefined);
    this.changedValues.push(n);
    // Its own gradient state may change (a node without a value has no gradient).
    this.seedBackward(n);
  }

  /**
   * The common case in one pass: a unary or binary node that had a value, whose inputs all have
   * values, whose result and local derivatives are finite. Writes nothing and answers SLOW when
   * any of that does not hold (then `evaluate` and `updateLocals` do the general work).
   */
  private fastVisit(n: number, stamp: number, watchEdges: boolean): number {
    const arity = this.portCount[n]!;
    const code = this.kernels[n]!;
    // A node not evaluated yet (FREE: the first pass of a build) has no message to clear either.
    const before = this.fstate[n]!;
    // An op with a kernel fails its domain only where its result is not finite (its promise):
    // then the visit is SLOW anyway, and `evaluate` asks the domain check for the message.
    if (
      arity === 0 ||
      arity > 2 ||
      (before !== OK && before !== FREE) ||
      (code === NO_KERNEL && this.domains[n] !== undefined)
    ) {
      return SLOW;
    }
    const fstate = this.fstate;
    const portSource = this.portSource;
    const values = this.values;
    const start = this.portStart[n]!;
    const sa = portSource[start]!;
    if (sa < 0 || fstate[sa] !== OK) return SLOW;
    const a = values[sa]!;
    let result: number;
    let la: number;
    let lb = 0;
    let sb = -1;
    const derivatives = this.portDerivative;
    if (code !== NO_KERNEL) {
      // The op's maths inline (one switch), no call through the registry.
      let b = 0;
      if (arity === 2) {
        sb = portSource[start + 1]!;
        if (sb < 0 || fstate[sb] !== OK) return SLOW;
        b = values[sb]!;
      }
      const out = this.kernelOut;
      scalarKernel(code, a, b, out);
      result = out[0]!;
      la = out[1]!;
      lb = out[2]!;
      if (!Number.isFinite(result) || !Number.isFinite(lb)) return SLOW;
    } else if (arity === 1) {
      result = this.forwards[n]!(a);
      if (!Number.isFinite(result)) return SLOW;
      la = derivatives[start]!(a, result);
    } else {
      sb = portSource[start + 1]!;
      if (sb < 0 || fstate[sb] !== OK) return SLOW;
      const b = values[sb]!;
      result = this.forwards[n]!(a, b);
      if (!Number.isFinite(result)) return SLOW;
      la = derivatives[start]!(a, b, result);
      lb = derivatives[start + 1]!(a, b, result);
      if (!Number.isFinite(lb)) return SLOW;
    }
    if (!Number.isFinite(la)) return SLOW;
    const changed = before === FREE || !Object.is(result, values[n]);
    fstate[n] = OK;
    values[n] = result;
    const locals = this.locals;
    const portEdge = this.portEdge;
    const ea = portEdge[start]!;
    if (!Object.is(la, locals[ea])) this.localChanged(ea, la, sa, stamp, watchEdges);
    if (arity === 2) {
      const eb = portEdge[start + 1]!;
      if (!Object.is(lb, locals[eb])) this.localChanged(eb, lb, sb, stamp, watchEdges);
    }
    return changed ? CHANGED : UNCHANGED;
  }

  private localChanged(
    e: number,
    local: number,
    source: number,
    stamp: number,
    watchEdges: boolean,
  ): void {
    this.locals[e] = local;
    if (this.localMessages.size > 0) this.localMessages.delete(e);
    if (watchEdges) this.markEdge(e, stamp);
    this.seedBackward(source);
  }

  private gradChanged(n: number, stamp: number, watchEdges: boolean): void {
    this.gstamp[n] = stamp;
    put(this.gradSnaps, n, undefined);
    this.changedGrads.push(n);
    // Every incoming edge's contribution is dJ/d(node) · local, so it changed too.
    if (watchEdges) this.markIncomingEdges(n, stamp);
  }

  /** Marks every edge into node `n` as changed in this transaction. */
  private markIncomingEdges(n: number, stamp: number): void {
    const start = this.portStart[n]!;
    const end = start + this.portCount[n]!;
    for (let k = start; k < end; k++) {
      const e = this.portEdge[k]!;
      if (e >= 0) this.markEdge(e, stamp);
    }
  }

  // ---------------------------------------------------------------- forward

  /** Recomputes one node from its inputs. Returns whether its visible state changed. */
  private evaluate(n: number): boolean {
    let state = OK;
    let value = 0;
    let message: string | undefined;
    let cause: NodeId | undefined;
    let port: PortName | undefined;
    if (this.nodeKind[n] === SOURCE_NODE) {
      const refusal = this.refusals.size > 0 ? this.refusals.get(n) : undefined;
      const sourceValue = sourceValueOf(this.params[n]);
      if (refusal !== undefined) {
        state = ERROR;
        message = refusal;
      } else if (sourceValue === undefined) {
        state = ERROR;
        message = `${this.ops[n]!.label} ${this.nameOf(n)} has no value: set a finite number`;
      } else {
        value = sourceValue;
      }
    } else {
      const start = this.portStart[n]!;
      const arity = this.portCount[n]!;
      const portSource = this.portSource;
      const problem = this.inputProblem(n);
      if (problem !== null) {
        state = BLOCKED;
        message = problem.message;
        cause = problem.cause;
        port = problem.port;
      } else {
        const values = this.values;
        const a = arity > 0 ? values[portSource[start]!]! : 0;
        const b = arity > 1 ? values[portSource[start + 1]!]! : 0;
        const args = arity <= 2 ? null : this.argumentsOf(n);
        const domain = this.domains[n];
        const domainError =
          domain === undefined
            ? null
            : arity === 1
              ? domain(a)
              : arity === 2
                ? domain(a, b)
                : domain(...args!);
        if (domainError !== null) {
          state = ERROR;
          message = domainError;
        } else {
          const forward = this.forwards[n]!;
          const result = arity === 1 ? forward(a) : arity === 2 ? forward(a, b) : forward(...args!);
          if (Number.isFinite(result)) {
            value = result;
          } else {
            state = ERROR;
            message = nonFiniteMessage(this.ops[n]!, args ?? (arity === 1 ? [a] : [a, b]), result);
          }
        }
      }
    }
    return this.commit(n, state, value, message, cause, port);
  }

  /** Why the node's inputs cannot feed it (unconnected, in error, blocked), or `null`. */
  private inputProblem(n: number): InputProblem | null {
    const start = this.portStart[n]!;
    const arity = this.portCount[n]!;
    const portSource = this.portSource;
    const fstate = this.fstate;
    for (let k = 0; k < arity; k++) {
      const source = portSource[start + k]!;
      if (source < 0) {
        const port = this.ops[n]!.inputs[k]!;
        return { message: `input ${quote(port)} is not connected`, port };
      }
      const sourceState = fstate[source]!;
      if (sourceState === ERROR) {
        return {
          message: `blocked by an error in ${this.nameOf(source)}: ${this.valueMessages.get(source)}`,
          cause: this.ids[source]!,
        };
      }
      if (sourceState === BLOCKED) {
        const upstreamCause = this.causes.get(source);
        return {
          message:
            upstreamCause !== undefined
              ? this.valueMessages.get(source)!
              : `blocked: input ${quote(this.blockedPorts.get(source) ?? '')} of ${this.nameOf(source)} is not connected`,
          cause: upstreamCause ?? this.ids[source]!,
        };
      }
    }
    return null;
  }

  /**
   * Stores a node's new forward state (the message tables only when it is not ok) and answers
   * whether its visible state changed.
   */
  private commit(
    n: number,
    state: number,
    value: number,
    message: string | undefined,
    cause: NodeId | undefined,
    port: PortName | undefined,
  ): boolean {
    const fstate = this.fstate;
    const before = fstate[n]!;
    let changed = state !== before || !Object.is(value, this.values[n]);
    if (before !== OK || state !== OK) {
      changed =
        changed ||
        message !== this.valueMessages.get(n) ||
        cause !== this.causes.get(n) ||
        port !== this.blockedPorts.get(n);
      keep(this.valueMessages, n, message);
      keep(this.causes, n, cause);
      keep(this.blockedPorts, n, port);
    }
    fstate[n] = state;
    this.values[n] = value;
    return changed;
  }

  // ---------------------------------------------------------------- lanes (forward)

  /** Whether one of the node's connected inputs holds one value per sample. */
  private inputsVary(n: number): boolean {
    const start = this.portStart[n]!;
    const end = start + this.portCount[n]!;
    for (let k = start; k < end; k++) {
      const source = this.portSource[k]!;
      if (source >= 0 && this.vary[source] === 1) return true;
    }
    return false;
  }

  /** A lane array of length B to write into: the spare one, or a new one. */
  private takeSpare(): Float64Array {
    const spare = this.spare;
    if (spare.length === this.laneCount) {
      this.spare = EMPTY_LANES;
      return spare;
    }
    return new Float64Array(this.laneCount);
  }

  /** Keeps a lane array that nothing holds any more, for the next write. */
  private giveSpare(array: Float64Array | undefined): void {
    if (array !== undefined && array.length === this.laneCount) this.spare = array;
  }

  /** An input of a varying node, per sample: its lanes, or its one value repeated. */
  private laneInput(source: number, second: boolean): Float64Array {
    if (this.vary[source] === 1) return this.laneVal[source]!;
    const lanes = this.laneCount;
    let buffer = second ? this.broadcastB : this.broadcastA;
    if (buffer.length !== lanes) {
      buffer = new Float64Array(lanes);
      if (second) this.broadcastB = buffer;
      else this.broadcastA = buffer;
    }
    buffer.fill(this.values[source]!);
    return buffer;
  }

  /** Every input of a node per sample (fresh arrays: only the rare ops with > 2 ports use it). */
  private laneInputs(n: number): Float64Array[] {
    const start = this.portStart[n]!;
    const inputs: Float64Array[] = [];
    for (let k = 0; k < this.portCount[n]!; k++) {
      const source = this.portSource[start + k]!;
      inputs.push(
        this.vary[source] === 1
          ? this.laneVal[source]!
          : new Float64Array(this.laneCount).fill(this.values[source]!),
      );
    }
    return inputs;
  }

  /** The node's inputs at one sample, for messages. */
  private argumentsAt(n: number, lane: number): number[] {
    const start = this.portStart[n]!;
    const args: number[] = [];
    for (let k = 0; k < this.portCount[n]!; k++) {
      const source = this.portSource[start + k]!;
      args.push(this.vary[source] === 1 ? this.laneVal[source]![lane]! : this.values[source]!);
    }
    return args;
  }

  /**
   * Visits a node on the lane path: a data node, a reduction, or a function node with a varying
   * input (or one that just lost its last one). Returns whether its visible state changed.
   */
  private laneVisit(n: number, stamp: number, watchEdges: boolean): boolean {
    const kind = this.nodeKind[n]!;
    if (kind === DATA_NODE) return this.dataVisit(n);
    if (kind !== FUNCTION_NODE) return this.reduceVisit(n, stamp, watchEdges);
    if (this.dataNodes > 0 && this.inputsVary(n)) {
      return this.laneFunctionVisit(n, stamp, watchEdges);
    }
    // No input varies any more (an edge or a data node went): back to one value.
    this.dropLanes(n);
    this.evaluate(n);
    if (this.portCount[n]! > 0) this.updateLocals(n, stamp, watchEdges);
    return true;
  }

  /** Forgets a node's lanes: it is uniform again, and so is what its inputs receive from it. */
  private dropLanes(n: number): void {
    this.vary[n] = 0;
    put(this.laneVal, n, undefined);
    put(this.laneAdj, n, undefined);
    // Not the value of any scalar result: the scalar visits see a change.
    this.adjoints[n] = Number.NaN;
    const start = this.portStart[n]!;
    const end = start + this.portCount[n]!;
    for (let k = start; k < end; k++) {
      const e = this.portEdge[k]!;
      if (e < 0) continue;
      put(this.laneLoc, e, undefined);
      this.locals[e] = Number.NaN;
      this.seedBackward(this.portSource[k]!);
    }
  }

  /** A data node: its lanes are what `feed` gave it. */
  private dataVisit(n: number): boolean {
    const lanes = this.laneCount;
    const wasVarying = this.vary[n] === 1;
    this.vary[n] = 1;
    const data = this.fed.get(n);
    let message: string | undefined;
    let lanesChanged = !wasVarying;
    if (data === undefined) message = 'no data: feed this column';
    else if (data.length !== lanes) {
      message = `${this.nameOf(n)} has ${data.length} samples but the batch has ${lanes}: feed every column together`;
    } else {
      const bad = firstNonFinite(data, lanes);
      if (bad >= 0) {
        message = `${this.nameOf(n)} is ${String(data[bad])} at sample ${bad + 1} of ${lanes}: data must be finite numbers`;
      } else {
        const before = this.laneVal[n];
        if (before !== data) {
          lanesChanged ||=
            before === undefined || before.length !== lanes || !sameLanes(before, data, lanes);
          put(this.laneVal, n, data);
        }
      }
    }
    const state = message === undefined ? OK : ERROR;
    const changed = this.commit(n, state, 0, message, undefined, undefined);
    return changed || (state === OK && lanesChanged);
  }

  /** `sum`/`mean`: one value from the lanes of its input (a uniform input counts B times). */
  private reduceVisit(n: number, stamp: number, watchEdges: boolean): boolean {
    const start = this.portStart[n]!;
    const source = this.portSource[start]!;
    const e = this.portEdge[start]!;
    const lanes = this.laneCount;
    const mean = this.nodeKind[n] === MEAN_NODE;
    let state = OK;
    let value = 0;
    let local = Number.NaN;
    let message: string | undefined;
    let cause: NodeId | undefined;
    let port: PortName | undefined;
    const problem = this.inputProblem(n);
    if (problem !== null) {
      state = BLOCKED;
      message = problem.message;
      cause = problem.cause;
      port = problem.port;
    } else if (this.vary[source] === 1) {
      const input = this.laneVal[source]!;
      let sum = 0;
      for (let l = 0; l < lanes; l++) sum += input[l]!;
      value = mean ? sum / lanes : sum;
      local = mean ? 1 / lanes : 1;
    } else {
      const x = this.values[source]!;
      value = mean ? x : x * lanes;
      local = mean ? 1 : lanes;
    }
    if (state === OK && !Number.isFinite(value)) {
      state = ERROR;
      message = `${this.ops[n]!.id} over ${lanes} samples overflows: the result is beyond ±1.8e308, the largest number a double can hold`;
      value = 0;
    }
    const changed = this.commit(n, state, value, message, cause, port);
    if (e >= 0) {
      if (state !== OK) local = Number.NaN;
      if (!Object.is(local, this.locals[e])) {
        this.locals[e] = local;
        if (watchEdges) this.markEdge(e, stamp);
        this.seedBackward(source);
      }
    }
    return changed;
  }

  /** A function node with a varying input: every lane through the op's kernel (or its forward). */
  private laneFunctionVisit(n: number, stamp: number, watchEdges: boolean): boolean {
    const lanes = this.laneCount;
    const start = this.portStart[n]!;
    const arity = this.portCount[n]!;
    const wasVarying = this.vary[n] === 1;
    if (!wasVarying) {
      this.vary[n] = 1;
      // Its edges' factors now live in lanes.
      for (let k = start; k < start + arity; k++) {
        const e = this.portEdge[k]!;
        if (e < 0) continue;
        this.locals[e] = Number.NaN;
        this.localMessages.delete(e);
      }
    }
    let state = OK;
    let message: string | undefined;
    let cause: NodeId | undefined;
    let port: PortName | undefined;
    let lanesChanged = !wasVarying;
    let a: Float64Array = EMPTY_LANES;
    let b: Float64Array = EMPTY_LANES;
    let out = this.laneVal[n];
    const problem = this.inputProblem(n);
    if (problem !== null) {
      state = BLOCKED;
      message = problem.message;
      cause = problem.cause;
      port = problem.port;
    } else {
      const next = this.takeSpare();
      const code = arity <= 2 ? this.kernels[n]! : 0;
      if (arity <= 2) {
        a = this.laneInput(this.portSource[start]!, false);
        if (arity === 2) b = this.laneInput(this.portSource[start + 1]!, true);
      }
      if (code !== 0 && laneForward(code, next, a, b, lanes)) {
        if (!allFinite(next, lanes)) {
          const bad = firstNonFinite(next, lanes);
          message = this.laneForwardMessage(n, bad, next[bad]!);
        }
      } else {
        message = this.genericLaneForward(n, next, arity <= 2 ? [a, b] : this.laneInputs(n));
      }
      if (message !== undefined) {
        state = ERROR;
        this.giveSpare(next);
      } else if (out === undefined || out.length !== lanes || !sameLanes(out, next, lanes)) {
        lanesChanged = true;
        put(this.laneVal, n, next);
        this.giveSpare(out);
        out = next;
      } else {
        this.giveSpare(next);
      }
    }
    const changed = this.commit(n, state, 0, message, cause, port);
    this.updateLaneLocals(n, state === OK, a, b, out ?? EMPTY_LANES, stamp, watchEdges);
    return changed || (state === OK && lanesChanged);
  }

  /** The domain error or non-finite result of one sample, naming it. */
  private laneForwardMessage(n: number, lane: number, result: number): string {
    const op = this.ops[n]!;
    const args = this.argumentsAt(n, lane);
    const text = this.domains[n]?.(...args) ?? nonFiniteMessage(op, args, result);
    return `${text} ${sampleText(lane, this.laneCount)}`;
  }

  /** Lane by lane through the op's domain check and forward (ops without a kernel). */
  private genericLaneForward(
    n: number,
    next: Float64Array,
    inputs: readonly Float64Array[],
  ): string | undefined {
    const lanes = this.laneCount;
    const forward = this.forwards[n]!;
    const domain = this.domains[n];
    const arity = this.portCount[n]!;
    const first = inputs[0]!;
    const second = inputs[1]!;
    for (let l = 0; l < lanes; l++) {
      let result: number;
      if (arity === 1) {
        const x = first[l]!;
        if (domain !== undefined && domain(x) !== null) return this.laneForwardMessage(n, l, 0);
        result = forward(x);
      } else if (arity === 2) {
        const x = first[l]!;
        const y = second[l]!;
        if (domain !== undefined && domain(x, y) !== null) return this.laneForwardMessage(n, l, 0);
        result = forward(x, y);
      } else {
        const args = inputs.map((input) => input[l]!);
        if (domain !== undefined && domain(...args) !== null) {
          return this.laneForwardMessage(n, l, 0);
        }
        result = forward(...args);
      }
      if (!Number.isFinite(result)) return this.laneForwardMessage(n, l, result);
      next[l] = result;
    }
    return undefined;
  }

  /** Recomputes ∂node_l/∂input_l of each connected port; a changed factor dirties the input. */
  private updateLaneLocals(
    n: number,
    ok: boolean,
    a: Float64Array,
    b: Float64Array,
    out: Float64Array,
    stamp: number,
    watchEdges: boolean,
  ): void {
    const lanes = this.laneCount;
    const start = this.portStart[n]!;
    const arity = this.portCount[n]!;
    const code = arity <= 2 ? this.kernels[n]! : 0;
    let inputs: Float64Array[] | null = null;
    for (let k = 0; k < arity; k++) {
      const e = this.portEdge[start + k]!;
      if (e < 0) continue;
      const before = this.laneLoc[e];
      if (!ok) {
        if (before === undefined) continue;
        put(this.laneLoc, e, undefined);
        this.giveSpare(before);
      } else {
        const next = this.takeSpare();
        if (code === 0 || !laneDerivative(code, k, next, a, b, out, lanes)) {
          const fn = this.portDerivative[start + k]!;
          if (arity === 1) for (let l = 0; l < lanes; l++) next[l] = fn(a[l]!, out[l]!);
          else if (arity === 2) {
            for (let l = 0; l < lanes; l++) next[l] = fn(a[l]!, b[l]!, out[l]!);
          } else {
            inputs ??= this.laneInputs(n);
            for (let l = 0; l < lanes; l++) {
              next[l] = fn(...inputs.map((input) => input[l]!), out[l]!);
            }
          }
        }
        if (before !== undefined && before.length === lanes && sameLanes(before, next, lanes)) {
          this.giveSpare(next);
          continue;
        }
        put(this.laneLoc, e, next);
        this.giveSpare(before);
      }
      if (watchEdges) this.markEdge(e, stamp);
      this.seedBackward(this.portSource[start + k]!);
    }
  }

  /** Why ∂target/∂source is undefined at one sample, naming it. */
  private laneLocalMessage(e: number, lane: number): string {
    const target = this.edgeTarget[e]!;
    const op = this.ops[target]!;
    const k = this.edgePort[e]!;
    const args = this.argumentsAt(target, lane);
    const out = this.laneVal[target]![lane]!;
    const text =
      op.derivatives[k]!.undefinedAt?.(...args, out) ??
      `∂${op.id}/∂${op.inputs[k]!} is undefined at ${callText(op, args)}`;
    return `${text} ${sampleText(lane, this.laneCount)}`;
  }

  // ---------------------------------------------------------------- lanes (backward)

  /**
   * A uniform node's share of dJ through one varying consumer: Σ_l dJ/dconsumer_l · local_l.
   * Lanes where dJ/dconsumer_l is 0 send nothing, whatever the factor; an undefined factor
   * elsewhere leaves the message in `laneMessage` and answers NaN.
   */
  private laneShare(e: number, consumer: number): number {
    const lanes = this.laneCount;
    const up = this.laneAdj[consumer]!;
    const local = this.laneLoc[e]!;
    let sum = 0;
    for (let l = 0; l < lanes; l++) sum += up[l]! * local[l]!;
    if (Number.isFinite(sum)) return sum;
    sum = 0;
    for (let l = 0; l < lanes; l++) {
      const upstream = up[l]!;
      if (upstream === 0) continue;
      const factor = local[l]!;
      if (!Number.isFinite(factor)) {
        this.laneMessage = `no gradient: ${this.laneLocalMessage(e, l)}`;
        return Number.NaN;
      }
      sum += upstream * factor;
    }
    return sum;
  }

  /** Recomputes dJ/d(node_l) of a varying node for every lane. Returns whether it changed. */
  private laneAdjoint(n: number, outputMessage: string | undefined): boolean {
    const lanes = this.laneCount;
    const output = this.outputNode;
    const fstate = this.fstate;
    const gstate = this.gstate;
    let state = GRAD_OK;
    let message: string | undefined;
    let acc: Float64Array | undefined;
    if (output < 0) {
      state = GRAD_NONE;
    } else if (outputMessage !== undefined) {
      state = GRAD_UNAVAILABLE;
      message = outputMessage;
    } else if (fstate[n] !== OK) {
      state = GRAD_UNAVAILABLE;
      message = `no gradient: this node has no value (${this.valueMessages.get(n)})`;
    } else {
      acc = this.takeSpare();
      if (n === output) acc.fill(1, 0, lanes);
      else {
        acc.fill(0, 0, lanes);
        const start = this.outStart[n]!;
        const end = start + this.outCount[n]!;
        for (let k = start; k < end; k++) {
          const consumer = this.outTarget[k]!;
          if (fstate[consumer] !== OK) continue;
          if (gstate[consumer] === GRAD_UNAVAILABLE) {
            state = GRAD_UNAVAILABLE;
            message = this.gradMessages.get(consumer);
            break;
          }
          const e = this.outEdge[k]!;
          if (this.vary[consumer] === 1) {
            const up = this.laneAdj[consumer]!;
            const local = this.laneLoc[e]!;
            for (let l = 0; l < lanes; l++) acc[l] = acc[l]! + up[l]! * local[l]!;
          } else {
            // A reduction: one adjoint, one factor (1 or 1/B) for every lane.
            const share = this.adjoints[consumer]! * this.locals[e]!;
            if (share === 0) continue;
            for (let l = 0; l < lanes; l++) acc[l] = acc[l]! + share;
          }
        }
        if (state === GRAD_OK && !allFinite(acc, lanes)) {
          message = this.laneAdjointSlow(n, acc);
          if (message !== undefined) state = GRAD_UNAVAILABLE;
        }
      }
    }
    let changed = this.commitGradState(n, state, message);
    if (state === GRAD_OK) {
      const old = this.laneAdj[n];
      if (old === undefined || old.length !== lanes || !sameLanes(old, acc!, lanes)) {
        changed = true;
        put(this.laneAdj, n, acc);
        this.giveSpare(old);
      } else this.giveSpare(acc);
    } else this.giveSpare(acc);
    return changed;
  }

  /**
   * The careful per-lane sum, once the fast one met a non-finite lane: skips zero upstreams (as
   * the scalar path does) and names the first sample whose factor is undefined or whose sum
   * overflows. Returns that message, or `undefined` when every lane is fine after all.
   */
  private laneAdjointSlow(n: number, acc: Float64Array): string | undefined {
    const lanes = this.laneCount;
    const start = this.outStart[n]!;
    const end = start + this.outCount[n]!;
    for (let l = 0; l < lanes; l++) {
      let sum = 0;
      for (let k = start; k < end; k++) {
        const consumer = this.outTarget[k]!;
        if (this.fstate[consumer] !== OK) continue;
        const e = this.outEdge[k]!;
        const varying = this.vary[consumer] === 1;
        const upstream = varying ? this.laneAdj[consumer]![l]! : this.adjoints[consumer]!;
        if (upstream === 0) continue;
        const factor = varying ? this.laneLoc[e]![l]! : this.locals[e]!;
        if (!Number.isFinite(factor)) {
          return `no gradient: ${varying ? this.laneLocalMessage(e, l) : (this.localMessages.get(e) ?? 'a local derivative is undefined')}`;
        }
        sum += upstream * factor;
      }
      if (!Number.isFinite(sum)) {
        return `no gradient: it overflows (${OVERFLOW}) ${sampleText(l, lanes)}`;
      }
      acc[l] = sum;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- lanes (reading)

  /** The value a varying node's streams show: the selected sample's, or the batch mean. */
  private laneSnapshot(n: number): NodeValue {
    const lanes = this.laneCount;
    const values = this.laneVal[n]!;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let l = 0; l < lanes; l++) {
      const value = values[l]!;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    // -0 shows as 0 (an incremental update and a rebuild may differ in the sign of a zero).
    const mean = sum / lanes + 0;
    const batch: BatchSummary = { count: lanes, mean, min: min + 0, max: max + 0 };
    const value = this.sampleLane >= 0 ? values[this.sampleLane]! : mean;
    return { kind: 'ok', value: value + 0, batch };
  }

  /** The selected sample's entry of a lane array, or its mean; -0 shows as 0. */
  private laneDisplay(array: Float64Array): number {
    if (this.sampleLane >= 0) return array[this.sampleLane]! + 0;
    let sum = 0;
    for (let l = 0; l < this.laneCount; l++) sum += array[l]!;
    return sum / this.laneCount + 0;
  }

  /** An edge into a varying node, as shown for the selected sample (or the batch means). */
  private laneEdgeGradient(e: number): EdgeGradient {
    const target = this.edgeTarget[e]!;
    const lanes = this.laneCount;
    const sample = this.sampleLane;
    const factors = this.fstate[target] === OK ? this.laneLoc[e] : undefined;
    const rawLocal = factors === undefined ? Number.NaN : this.laneDisplay(factors);
    const local = Number.isFinite(rawLocal) ? rawLocal : null;
    const gstate = this.gstate[target];
    if (gstate === GRAD_NONE) return { kind: 'none', local };
    if (gstate === GRAD_UNAVAILABLE) {
      return { kind: 'unavailable', local, message: this.gradMessages.get(target)! };
    }
    if (local === null) {
      const bad = sample >= 0 ? sample : firstNonFinite(factors ?? EMPTY_LANES, lanes);
      return {
        kind: 'unavailable',
        local,
        message: `no gradient: ${bad >= 0 ? this.laneLocalMessage(e, bad) : 'the local derivative is undefined'}`,
      };
    }
    const up = this.laneAdj[target]!;
    const upstream = this.laneDisplay(up);
    let contribution: number;
    if (sample >= 0) contribution = up[sample]! * factors![sample]!;
    else {
      let sum = 0;
      for (let l = 0; l < lanes; l++) sum += up[l]! * factors![l]!;
      contribution = sum / lanes;
    }
    if (!Number.isFinite(contribution)) {
      return {
        kind: 'unavailable',
        local,
        message: `no gradient: dJ/dtarget · local = ${upstream} · ${local} overflows (${OVERFLOW})`,
      };
    }
    return { kind: 'ok', local, upstream, contribution: contribution + 0 };
  }

  /** After `setSample`: every varying node (and edge into one) shows another sample. */
  private refreshSample(stamp: number, watchEdges: boolean): void {
    for (let n = 0; n < this.nodeTop; n++) {
      if (this.vary[n] !== 1 || this.ids[n] === undefined) continue;
      if (this.fstate[n] === OK && this.vstamp[n] !== stamp) {
        this.vstamp[n] = stamp;
        put(this.valueSnaps, n, undefined);
        this.changedValues.push(n);
      }
      if (this.gstate[n] === GRAD_OK && this.gstamp[n] !== stamp) {
        this.gstamp[n] = stamp;
        put(this.gradSnaps, n, undefined);
        this.changedGrads.push(n);
      }
      if (watchEdges) this.markIncomingEdges(n, stamp);
    }
  }

  private argumentsOf(n: number): number[] {
    const start = this.portStart[n]!;
    const args: number[] = [];
    for (let k = 0; k < this.portCount[n]!; k++)
      args.push(this.values[this.portSource[start + k]!]!);
    return args;
  }

  /** Recomputes ∂node/∂input for each connected port; a changed factor dirties that input's adjoint. */
  private updateLocals(n: number, stamp: number, watchEdges: boolean): void {
    const start = this.portStart[n]!;
    const arity = this.portCount[n]!;
    const ok = this.fstate[n] === OK;
    const values = this.values;
    const portSource = this.portSource;
    const portEdge = this.portEdge;
    const locals = this.locals;
    const a = ok && arity > 0 ? values[portSource[start]!]! : 0;
    const b = ok && arity > 1 ? values[portSource[start + 1]!]! : 0;
    const out = values[n]!;
    const derivatives = this.portDerivative;
    for (let k = 0; k < arity; k++) {
      const e = portEdge[start + k]!;
      if (e < 0) continue;
      let local = Number.NaN;
      let message: string | undefined;
      if (ok) {
        const fn = derivatives[start + k]!;
        local =
          arity === 1 ? fn(a, out) : arity === 2 ? fn(a, b, out) : fn(...this.argumentsOf(n), out);
        if (!Number.isFinite(local)) {
          // Only the rare undefined slope pays for building the argument list.
          const op = this.ops[n]!;
          const args = [...this.argumentsOf(n), out];
          message =
            op.derivatives[k]!.undefinedAt?.(...args) ??
            `∂${op.id}/∂${op.inputs[k]!} is undefined at ${callText(op, args.slice(0, arity))}`;
        }
      }
      const previous = this.localMessages.size > 0 ? this.localMessages.get(e) : undefined;
      if (!Object.is(local, locals[e]) || message !== previous) {
        locals[e] = local;
        if (message !== undefined) this.localMessages.set(e, message);
        else if (previous !== undefined) this.localMessages.delete(e);
        if (watchEdges) this.markEdge(e, stamp);
        this.seedBackward(portSource[start + k]!);
      }
    }
  }

  // ---------------------------------------------------------------- backward

  /** Recomputes dJ/d(node) from its consumers. Returns whether its visible gradient changed. */
  private updateAdjoint(n: number, outputMessage: string | undefined): boolean {
    if (this.vary[n] === 1) return this.laneAdjoint(n, outputMessage);
    const output = this.outputNode;
    const fstate = this.fstate;
    const gstate = this.gstate;
    let state = GRAD_OK;
    let adjoint = 0;
    let message: string | undefined;
    if (output < 0) {
      state = GRAD_NONE;
    } else if (outputMessage !== undefined) {
      state = GRAD_UNAVAILABLE;
      message = outputMessage;
    } else if (n === output) {
      adjoint = 1;
    } else if (fstate[n] !== OK) {
      state = GRAD_UNAVAILABLE;
      message = `no gradient: this node has no value (${this.valueMessages.get(n)})`;
    } else {
      const start = this.outStart[n]!;
      const end = start + this.outCount[n]!;
      const outEdge = this.outEdge;
      const outTarget = this.outTarget;
      const adjoints = this.adjoints;
      const locals = this.locals;
      const lanesOn = this.dataNodes > 0;
      for (let k = start; k < end; k++) {
        const consumer = outTarget[k]!;
        // A consumer without a value cannot lie on a path to a computable J: it contributes 0.
        if (fstate[consumer] !== OK) continue;
        if (gstate[consumer] === GRAD_UNAVAILABLE) {
          state = GRAD_UNAVAILABLE;
          message = this.gradMessages.get(consumer);
          break;
        }
        if (lanesOn && this.vary[consumer] === 1) {
          // A varying consumer: this node's share is summed over the samples.
          const share = this.laneShare(outEdge[k]!, consumer);
          if (this.laneMessage !== undefined) {
            state = GRAD_UNAVAILABLE;
            message = this.laneMessage;
            this.laneMessage = undefined;
            break;
          }
          adjoint += share;
          continue;
        }
        const upstream = adjoints[consumer]!;
        // Not on a path to J (or a zero gradient there): nothing flows back, whatever the factor.
        if (upstream === 0) continue;
        const e = outEdge[k]!;
        const local = locals[e]!;
        if (!Number.isFinite(local)) {
          state = GRAD_UNAVAILABLE;
          message = `no gradient: ${this.localMessages.get(e) ?? 'a local derivative is undefined'}`;
          break;
        }
        adjoint += upstream * local;
      }
      if (state === GRAD_OK && !Number.isFinite(adjoint)) {
        state = GRAD_UNAVAILABLE;
        message = `no gradient: it overflows (${OVERFLOW})`;
      }
      if (state !== GRAD_OK) adjoint = 0;
      // -0 and 0 are the same gradient to a person and to every consumer.
      if (adjoint === 0) adjoint = 0;
    }
    const changed = !Object.is(adjoint, this.adjoints[n]);
    this.adjoints[n] = adjoint;
    return this.commitGradState(n, state, message) || changed;
  }

  /**
   * Writes a node's gradient state and its message (kept only while it is unavailable), for the
   * scalar and the lane paths alike. Returns whether the state or the message changed.
   */
  private commitGradState(n: number, state: number, message: string | undefined): boolean {
    const before = this.gstate[n]!;
    let changed = state !== before;
    if (before === GRAD_UNAVAILABLE || state === GRAD_UNAVAILABLE) {
      changed = changed || message !== this.gradMessages.get(n);
      keep(this.gradMessages, n, message);
    }
    this.gstate[n] = state;
    return changed;
  }

  // ---------------------------------------------------------------- snapshots

  private valueOf(n: number): NodeValue {
    const cached = this.valueSnaps[n];
    if (cached !== undefined) return cached;
    const state = this.fstate[n];
    let snapshot: NodeValue;
    if (state === OK) {
      const value = this.values[n]!;
      snapshot =
        this.vary[n] === 1
          ? this.laneSnapshot(n)
          : Object.is(value, 0)
            ? ZERO_VALUE
            : { kind: 'ok', value };
    } else if (state === ERROR) snapshot = { kind: 'error', message: this.valueMessages.get(n)! };
    else {
      const cause = this.causes.get(n);
      const port = this.blockedPorts.get(n);
      snapshot = {
        kind: 'blocked',
        message: this.valueMessages.get(n)!,
        ...(cause !== undefined ? { cause } : {}),
        ...(port !== undefined ? { port } : {}),
      };
    }
    put(this.valueSnaps, n, snapshot);
    return snapshot;
  }

  private gradOf(n: number): NodeGradient {
    const cached = this.gradSnaps[n];
    if (cached !== undefined) return cached;
    const state = this.gstate[n];
    const gradient =
      state !== GRAD_OK
        ? 0
        : this.vary[n] === 1
          ? this.laneDisplay(this.laneAdj[n]!)
          : this.adjoints[n]!;
    const snapshot: NodeGradient =
      state === GRAD_OK
        ? gradient === 0
          ? ZERO_GRADIENT
          : { kind: 'ok', value: gradient }
        : state === GRAD_NONE
          ? NO_GRADIENT
          : { kind: 'unavailable', message: this.gradMessages.get(n)! };
    put(this.gradSnaps, n, snapshot);
    return snapshot;
  }

  /** An edge's state, derived from its target's arrays; equal states keep one object. */
  private edgeGradientOf(e: number): EdgeGradient {
    const fresh = this.computeEdgeGradient(e);
    const cached = this.edgeSnaps.get(e);
    if (cached !== undefined && sameEdgeGradient(cached, fresh)) return cached;
    this.edgeSnaps.set(e, fresh);
    return fresh;
  }

  private computeEdgeGradient(e: number): EdgeGradient {
    const target = this.edgeTarget[e]!;
    if (this.vary[target] === 1) return this.laneEdgeGradient(e);
    const rawLocal = this.locals[e]!;
    const local = this.fstate[target] === OK && Number.isFinite(rawLocal) ? rawLocal : null;
    const gstate = this.gstate[target];
    if (gstate === GRAD_NONE) return { kind: 'none', local };
    if (gstate === GRAD_UNAVAILABLE) {
      return { kind: 'unavailable', local, message: this.gradMessages.get(target)! };
    }
    if (local === null) {
      return {
        kind: 'unavailable',
        local,
        message: `no gradient: ${this.localMessages.get(e) ?? 'the local derivative is undefined'}`,
      };
    }
    const upstream = this.adjoints[target]!;
    const contribution = upstream * local;
    if (!Number.isFinite(contribution)) {
      return {
        kind: 'unavailable',
        local,
        message: `no gradient: dJ/dtarget · local = ${upstream} · ${local} overflows (${OVERFLOW})`,
      };
    }
    return { kind: 'ok', local, upstream, contribution: contribution === 0 ? 0 : contribution };
  }

  private reading(selection: Selection): readonly NodeReading[] | Record<string, NodeReading> {
    const { nodes, keys } = selection;
    if (keys === null) {
      const tuple: NodeReading[] = [];
      for (let index = 0; index < nodes.length; index++) {
        tuple.push({ value: this.valueOf(nodes[index]!), grad: this.gradOf(nodes[index]!) });
      }
      return tuple;
    }
    const record: Record<string, NodeReading> = {};
    for (let index = 0; index < nodes.length; index++) {
      record[keys[index]!] = {
        value: this.valueOf(nodes[index]!),
        grad: this.gradOf(nodes[index]!),
      };
    }
    return record;
  }

  private selectionAlive(nodes: Int32Array, generations: Int32Array): boolean {
    for (let index = 0; index < nodes.length; index++) {
      if (this.generation[nodes[index]!] !== generations[index]) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- emission

  private emit(
    stamp: number,
    evaluated: number,
    backpropagated: number,
    structure: GraphRuntime['structure'] | null,
  ): void {
    this.emitting = true;
    try {
      const changedValues = this.changedValues;
      const changedGrads = this.changedGrads;
      let emissions = 0;
      const valueSinks = this.valueSinks;
      if (valueSinks.length > 0) {
        for (let index = 0; index < changedValues.length; index++) {
          const n = changedValues.items[index]!;
          const sinks = valueSinks[n];
          if (sinks !== undefined) emissions += deliverAll(sinks, this.valueOf(n));
        }
      }
      const gradSinks = this.gradSinks;
      if (gradSinks.length > 0) {
        for (let index = 0; index < changedGrads.length; index++) {
          const n = changedGrads.items[index]!;
          const sinks = gradSinks[n];
          if (sinks !== undefined) emissions += deliverAll(sinks, this.gradOf(n));
        }
      }
      const changedEdgeIds: EdgeId[] | null = this.changeSinks !== undefined ? [] : null;
      const changedEdges = this.changedEdges;
      for (let index = 0; index < changedEdges.length; index++) {
        const e = changedEdges.items[index]!;
        if (this.edgeSource[e]! < 0) continue;
        const before = this.edgeSnaps.get(e);
        const sinks = this.edgeSinks.get(e);
        if (sinks === undefined && changedEdgeIds === null) continue;
        const state = this.edgeGradientOf(e);
        if (sinks !== undefined) emissions += deliverAll(sinks, state);
        if (changedEdgeIds !== null && state !== before) changedEdgeIds.push(this.edgeIds[e]!);
      }
      this.emissions += emissions;
      if (this.selections.length > 0) this.emitSelections(stamp);
      if (changedEdgeIds !== null) this.emitChanges(changedEdgeIds, structure);
      if (this.reportSinks !== undefined) {
        deliverAll(this.reportSinks, {
          version: this.version,
          evaluated,
          backpropagated,
          changedValues: changedValues.length,
          changedGrads: changedGrads.length,
        });
      }
    } finally {
      this.emitting = false;
    }
  }

  private emitSelections(stamp: number): void {
    for (const selection of this.selections) {
      const { nodes, generations, sink } = selection;
      if (!this.selectionAlive(nodes, generations)) {
        this.selections = this.selections.filter((other) => other !== selection);
        this.subscriptionCount--;
        sink.end();
        continue;
      }
      let changed = false;
      for (let index = 0; index < nodes.length && !changed; index++) {
        const n = nodes[index]!;
        changed = this.vstamp[n] === stamp || this.gstamp[n] === stamp;
      }
      if (changed && selection.since !== this.version) sink.deliver(this.reading(selection));
    }
  }

  private emitChanges(edges: EdgeId[], structure: GraphRuntime['structure'] | null): void {
    const values: NodeId[] = [];
    const grads: NodeId[] = [];
    for (let index = 0; index < this.changedValues.length; index++) {
      const id = this.ids[this.changedValues.items[index]!];
      if (id !== undefined) values.push(id);
    }
    for (let index = 0; index < this.changedGrads.length; index++) {
      const id = this.ids[this.changedGrads.items[index]!];
      if (id !== undefined) grads.push(id);
    }
    if (values.length + grads.length + edges.length === 0 && structure === null) return;
    deliverAll(this.changeSinks, {
      version: this.version,
      values,
      grads,
      edges,
      addedNodes: structure?.addedNodes ?? [],
      removedNodes: structure?.removedNodes ?? [],
      addedEdges: structure?.addedEdges ?? [],
      removedEdges: structure?.removedEdges ?? [],
      outputChanged: structure?.output ?? false,
    });
  }

  // ---------------------------------------------------------------- streams

  /** @internal Registers a subscription to a node's `value$` (kind VALUE) or `grad$`. */
  attachNodeSink(view: NodeView, sink: Sink<NodeValue | NodeGradient>, kind: number): void {
    const n = view.index;
    if (this.isDisposed || this.generation[n] !== view.generation) {
      sink.end();
      return;
    }
    this.subscriptionCount++;
    if (kind === VALUE) {
      put(this.valueSinks, n, addSink(this.valueSinks[n], sink as Sink<NodeValue>));
      sink.deliver(this.valueOf(n));
    } else {
      put(this.gradSinks, n, addSink(this.gradSinks[n], sink as Sink<NodeGradient>));
      sink.deliver(this.gradOf(n));
    }
  }

  /** @internal */
  detachNodeSink(view: NodeView, sink: Sink<NodeValue | NodeGradient>, kind: number): void {
    const n = view.index;
    if (this.isDisposed || this.generation[n] !== view.generation) return;
    if (kind === VALUE) {
      const before = this.valueSinks[n];
      put(this.valueSinks, n, removeSink(before, sink as Sink<NodeValue>));
      if (this.valueSinks[n] !== before) this.subscriptionCount--;
    } else {
      const before = this.gradSinks[n];
      put(this.gradSinks, n, removeSink(before, sink as Sink<NodeGradient>));
      if (this.gradSinks[n] !== before) this.subscriptionCount--;
    }
  }

  /** @internal Registers a subscription to an edge's `gradient$`. */
  attachEdgeSink(view: EdgeView, sink: Sink<EdgeGradient>): void {
    const e = view.index;
    if (this.isDisposed || this.edgeGeneration[e] !== view.generation) {
      sink.end();
      return;
    }
    this.edgeSinks.set(e, addSink(this.edgeSinks.get(e), sink));
    this.subscriptionCount++;
    this.edgeWatchers++;
    sink.deliver(this.edgeGradientOf(e));
  }

  /** @internal */
  detachEdgeSink(view: EdgeView, sink: Sink<EdgeGradient>): void {
    const e = view.index;
    if (this.isDisposed || this.edgeGeneration[e] !== view.generation) return;
    const before = this.edgeSinks.get(e);
    const after = removeSink(before, sink);
    if (after === before) return;
    if (after === undefined) this.edgeSinks.delete(e);
    else this.edgeSinks.set(e, after);
    this.subscriptionCount--;
    this.edgeWatchers--;
  }

  private attachListener(sink: Sink<TransactionReport | RuntimeChanges>, kind: number): void {
    if (this.isDisposed) {
      sink.end();
      return;
    }
    if (kind === REPORT) {
      this.reportSinks = addSink(this.reportSinks, sink as Sink<TransactionReport>);
    } else {
      this.changeSinks = addSink(this.changeSinks, sink as Sink<RuntimeChanges>);
      this.edgeWatchers++;
    }
    this.subscriptionCount++;
  }

  private detachListener(sink: Sink<TransactionReport | RuntimeChanges>, kind: number): void {
    if (this.isDisposed) return;
    if (kind === REPORT) {
      const before = this.reportSinks;
      this.reportSinks = removeSink(before, sink as Sink<TransactionReport>);
      if (this.reportSinks !== before) this.subscriptionCount--;
    } else {
      const before = this.changeSinks;
      this.changeSinks = removeSink(before, sink as Sink<RuntimeChanges>);
      if (this.changeSinks !== before) {
        this.subscriptionCount--;
        this.edgeWatchers--;
      }
    }
  }

  /** @internal */
  readValue(view: NodeView): NodeValue {
    return this.valueOf(this.liveNode(view));
  }

  /** @internal */
  readGrad(view: NodeView): NodeGradient {
    return this.gradOf(this.liveNode(view));
  }

  /** @internal */
  readEdge(view: EdgeView): EdgeGradient {
    this.assertLive();
    if (this.edgeGeneration[view.index] !== view.generation) {
      throw new Error(`edge ${quote(view.id)} was removed`);
    }
    return this.edgeGradientOf(view.index);
  }

  private liveNode(view: NodeView): number {
    this.assertLive();
    if (this.generation[view.index] !== view.generation) {
      throw new Error(`node ${quote(view.id)} was removed`);
    }
    return view.index;
  }

  // ---------------------------------------------------------------- structure

  private nameOf(n: number): string {
    return quote((this.labels.size > 0 ? this.labels.get(n) : undefined) ?? this.ids[n]!);
  }

  /** The one edge rule of `graph/`, answered from the arrays (cycles too when `withPaths`). */
  private ruleView(withPaths: boolean): EdgeRuleGraph {
    return {
      hasNode: (id) => this.indexOfNode.has(id),
      opOf: (id) => {
        const n = this.indexOfNode.get(id);
        return n === undefined ? undefined : this.ops[n];
      },
      hasEdge: (id) => this.indexOfEdge.has(id),
      edgeIntoPort: (target, port) => {
        const n = this.indexOfNode.get(target)!;
        const e = this.portEdge[this.portStart[n]! + this.ops[n]!.inputs.indexOf(port)]!;
        return e >= 0 ? this.edgeIds[e] : undefined;
      },
      pathBetween: (from, to) => {
        if (!withPaths) return null;
        const goal = this.indexOfNode.get(to)!;
        const goalRank = this.ranks[goal]!;
        // Ranks grow along edges: a node ranked past the goal cannot lead to it.
        const path = findPath(
          this.indexOfNode.get(from)!,
          goal,
          (n, visit) => {
            const start = this.outStart[n]!;
            const end = start + this.outCount[n]!;
            for (let k = start; k < end; k++) visit(this.edgeTarget[this.outEdge[k]!]!);
          },
          (n) => this.ranks[n]! <= goalRank,
        );
        return path && path.map((n) => this.ids[n]!);
      },
      nameOf: (id) => this.nameOf(this.indexOfNode.get(id)!),
    };
  }

  private placeNode(n: number, node: GraphNode, op: OpDefinition): void {
    put(this.ids, n, node.id);
    put(this.ops, n, op);
    put(this.params, n, node.params);
    const kind =
      op.kind === 'source'
        ? op.varying
          ? DATA_NODE
          : SOURCE_NODE
        : op.kind === 'reduce'
          ? op.reduce === 'mean'
            ? MEAN_NODE
            : SUM_NODE
          : FUNCTION_NODE;
    this.nodeKind[n] = kind;
    if (kind === DATA_NODE) this.dataNodes++;
    this.kernels[n] = kernelCode(op);
    this.vary[n] = 0;
    put(this.forwards, n, op.forward);
    put(this.domains, n, op.domain);
    if (node.label !== undefined) this.labels.set(n, node.label);
    this.fstate[n] = FREE;
    this.gstate[n] = GRAD_NONE;
    this.values[n] = 0;
    this.adjoints[n] = 0;
    const arity = op.inputs.length;
    if (this.portRoom[n]! < arity) {
      this.portWaste += this.portRoom[n]!;
      if (this.portTop + arity > this.portSource.length) {
        this.compactPorts(arity);
      }
      this.portStart[n] = this.portTop;
      this.portRoom[n] = arity;
      this.portTop += arity;
    }
    this.portCount[n] = arity;
    const start = this.portStart[n]!;
    this.portSource.fill(-1, start, start + arity);
    this.portEdge.fill(-1, start, start + arity);
    for (let k = 0; k < arity; k++) put(this.portDerivative, start + k, op.derivatives[k]!.fn);
    this.outCount[n] = 0;
  }

  private placeEdge(e: number, edge: GraphEdge): void {
    this.indexOfEdge.set(edge.id, e);
    this.placeEdgeAt(
      e,
      edge,
      this.indexOfNode.get(edge.source)!,
      this.indexOfNode.get(edge.target)!,
    );
  }

  private placeEdgeAt(e: number, edge: GraphEdge, source: number, target: number): void {
    const port = this.ops[target]!.inputs.indexOf(edge.targetPort);
    put(this.edgeIds, e, edge.id);
    this.edgeSource[e] = source;
    this.edgeTarget[e] = target;
    this.edgePort[e] = port;
    this.locals[e] = Number.NaN;
    const slot = this.portStart[target]! + port;
    this.portSource[slot] = source;
    this.portEdge[slot] = e;
  }

  private detachEdge(e: number): void {
    const id = this.edgeIds[e]!;
    const source = this.edgeSource[e]!;
    const target = this.edgeTarget[e]!;
    // Remove from the source's consumers, keeping their order (a rebuild lists them the same).
    const start = this.outStart[source]!;
    const count = this.outCount[source]!;
    const outEdge = this.outEdge;
    let at = start;
    while (at < start + count && outEdge[at] !== e) at++;
    outEdge.copyWithin(at, at + 1, start + count);
    this.outTarget.copyWithin(at, at + 1, start + count);
    this.outCount[source] = count - 1;
    const slot = this.portStart[target]! + this.edgePort[e]!;
    this.portSource[slot] = -1;
    this.portEdge[slot] = -1;
    this.indexOfEdge.delete(id);
    put(this.edgeIds, e, undefined);
    this.edgeSource[e] = -1;
    this.edgeTarget[e] = -1;
    this.locals[e] = Number.NaN;
    put(this.laneLoc, e, undefined);
    this.localMessages.delete(e);
    this.edgeSnaps.delete(e);
    this.edgeHandles.delete(e);
    this.edgeGeneration[e]!++;
    this.releasedEdges.push(e);
    this.seedForward(target);
    this.seedBackward(source);
    this.structure.removedEdges.push(id);
    this.structureChanged = true;
    const sinks = this.edgeSinks.get(e);
    if (sinks !== undefined) {
      this.edgeSinks.delete(e);
      const ended = endAll(sinks);
      this.subscriptionCount -= ended;
      this.edgeWatchers -= ended;
    }
  }

  private appendConsumer(n: number, e: number): void {
    const count = this.outCount[n]!;
    if (count === this.outRoom[n]) {
      const room = Math.max(2, count * 2);
      if (this.outTop + room > this.outEdge.length) this.compactOut(room);
      const from = this.outStart[n]!;
      this.outEdge.copyWithin(this.outTop, from, from + count);
      this.outTarget.copyWithin(this.outTop, from, from + count);
      this.outWaste += this.outRoom[n]!;
      this.outStart[n] = this.outTop;
      this.outRoom[n] = room;
      this.outTop += room;
    }
    this.outEdge[this.outStart[n]! + count] = e;
    this.outTarget[this.outStart[n]! + count] = this.edgeTarget[e]!;
    this.outCount[n] = count + 1;
  }

  /** Makes room for `extra` more consumer slots: compacts the pool if half is waste, else grows it. */
  private compactOut(extra: number): void {
    if (this.outWaste > COMPACT_MIN && this.outWaste * 2 > this.outTop) {
      const pool = new Int32Array(Math.max(16, (this.outTop - this.outWaste + extra) * 2));
      const targets = new Int32Array(pool.length);
      let top = 0;
      for (let n = 0; n < this.nodeTop; n++) {
        const count = this.outCount[n]!;
        const room = this.ids[n] === undefined ? 0 : Math.max(count, 1);
        const start = this.outStart[n]!;
        pool.set(this.outEdge.subarray(start, start + count), top);
        targets.set(this.outTarget.subarray(start, start + count), top);
        this.outStart[n] = top;
        this.outRoom[n] = room;
        top += room;
      }
      this.outEdge = pool;
      this.outTarget = targets;
      this.outTop = top;
      this.outWaste = 0;
    } else {
      this.growOut(Math.max(this.outEdge.length * 2, this.outTop + extra));
    }
  }

  private compactPorts(extra: number): void {
    if (this.portWaste > COMPACT_MIN && this.portWaste * 2 > this.portTop) {
      const size = Math.max(16, (this.portTop - this.portWaste + extra) * 2);
      const sources = new Int32Array(size);
      const edges = new Int32Array(size);
      const derivatives: (LocalDerivative['fn'] | undefined)[] = [];
      let top = 0;
      for (let n = 0; n < this.nodeTop; n++) {
        const room = this.ids[n] === undefined ? 0 : this.portCount[n]!;
        const start = this.portStart[n]!;
        sources.set(this.portSource.subarray(start, start + room), top);
        edges.set(this.portEdge.subarray(start, start + room), top);
        for (let k = 0; k < room; k++) put(derivatives, top + k, this.portDerivative[start + k]);
        this.portStart[n] = top;
        this.portRoom[n] = room;
        top += room;
      }
      this.portSource = sources;
      this.portEdge = edges;
      this.portDerivative = derivatives;
      this.portTop = top;
      this.portWaste = 0;
    } else {
      this.growPorts(Math.max(this.portSource.length * 2, this.portTop + extra));
    }
  }

  private allocateNode(): number {
    const reused = this.freeNodes.pop();
    if (reused !== undefined) return reused;
    if (this.nodeTop === this.nodeCapacity) this.growNodes(this.nodeCapacity * 2);
    return this.nodeTop++;
  }

  private allocateEdge(): number {
    const reused = this.freeEdges.pop();
    if (reused !== undefined) return reused;
    if (this.edgeTop === this.edgeCapacity) this.growEdges(this.edgeCapacity * 2);
    return this.edgeTop++;
  }

  private pushOrder(n: number): void {
    if (this.orderLength === this.order.length) {
      this.order = growInt32(this.order, Math.max(16, this.order.length * 2), -1);
    }
    this.order[this.orderLength++] = n;
  }

  private growNodes(capacity: number): void {
    this.values = growFloat64(this.values, capacity);
    this.adjoints = growFloat64(this.adjoints, capacity);
    this.fstate = growUint8(this.fstate, capacity, FREE);
    this.nodeKind = growUint8(this.nodeKind, capacity, 0);
    this.kernels = growUint8(this.kernels, capacity, 0);
    this.vary = growUint8(this.vary, capacity, 0);
    this.gstate = growUint8(this.gstate, capacity, GRAD_NONE);
    this.ranks = growInt32(this.ranks, capacity, -1);
    this.fstamp = growInt32(this.fstamp, capacity, -1);
    this.bstamp = growInt32(this.bstamp, capacity, -1);
    this.vstamp = growInt32(this.vstamp, capacity, -1);
    this.gstamp = growInt32(this.gstamp, capacity, -1);
    this.generation = growInt32(this.generation, capacity);
    this.portStart = growInt32(this.portStart, capacity);
    this.portCount = growInt32(this.portCount, capacity);
    this.portRoom = growInt32(this.portRoom, capacity);
    this.outStart = growInt32(this.outStart, capacity);
    this.outCount = growInt32(this.outCount, capacity);
    this.outRoom = growInt32(this.outRoom, capacity);
    this.nodeCapacity = capacity;
  }

  private growEdges(capacity: number): void {
    this.edgeSource = growInt32(this.edgeSource, capacity, -1);
    this.edgeTarget = growInt32(this.edgeTarget, capacity, -1);
    this.edgePort = growInt32(this.edgePort, capacity);
    this.locals = growFloat64(this.locals, capacity);
    this.estamp = growInt32(this.estamp, capacity, -1);
    this.edgeGeneration = growInt32(this.edgeGeneration, capacity);
    this.edgeCapacity = capacity;
  }

  private growPorts(capacity: number): void {
    this.portSource = growInt32(this.portSource, capacity, -1);
    this.portEdge = growInt32(this.portEdge, capacity, -1);
  }

  private growOut(capacity: number): void {
    this.outEdge = growInt32(this.outEdge, capacity, -1);
    this.outTarget = growInt32(this.outTarget, capacity, -1);
  }

  /**
   * Ranks from the one topological sort of `graph/`, over the arrays (free edge slots carry
   * -1 and are skipped). Returns `false` when the graph has a cycle.
   */
  private recomputeRanks(): boolean {
    const { order, placed } = topologicalIndexOrder(
      this.nodeTop,
      this.edgeSource,
      this.edgeTarget,
      this.edgeTop,
    );
    if (placed < this.nodeTop) return false;
    const ranked = new Int32Array(
      Math.max(16, this.indexOfNode.size + (this.indexOfNode.size >> 3)),
    );
    ranked.fill(-1);
    let length = 0;
    for (let index = 0; index < placed; index++) {
      const n = order[index]!;
      if (this.ids[n] === undefined) continue;
      this.ranks[n] = length;
      ranked[length++] = n;
    }
    this.order = ranked;
    this.orderLength = length;
    this.holes = 0;
    return true;
  }

  // ---------------------------------------------------------------- guards

  private assertLive(): void {
    if (this.isDisposed) throw new Error('this runtime has been disposed');
  }

  private requireNode(id: NodeId): number {
    this.assertLive();
    const n = this.indexOfNode.get(id);
    if (n === undefined) throw new Error(`no node ${quote(id)} in this graph`);
    return n;
  }

  private requireEdge(id: EdgeId): number {
    this.assertLive();
    const e = this.indexOfEdge.get(id);
    if (e === undefined) throw new Error(`no edge ${quote(id)} in this graph`);
    return e;
  }

  private requireSource(id: NodeId): number {
    const n = this.requireNode(id);
    const op = this.ops[n]!;
    if (op.varying) {
      throw new Error(
        `${this.nameOf(n)} is a ${op.id} node: it takes one value per sample, through runtime.feed`,
      );
    }
    if (op.kind !== 'source') {
      throw new Error(
        `${this.nameOf(n)} is a ${op.id} node; only input and const nodes take a value`,
      );
    }
    return n;
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
