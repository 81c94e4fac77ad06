import type { Subscriber } from 'rxjs';
import type { EdgeId, NodeId, PortName } from '../graph/ids';
import type { NodeParams } from '../graph/types';
import type { OpDefinition } from '../ops';
import type { EdgeGradient, NodeGradient, NodeValue } from './types';

/** Forward state of a slot. Numbers, not strings, to keep the hot loop monomorphic. */
export const OK = 0;
export const ERROR = 1;
export const BLOCKED = 2;
export type ForwardState = typeof OK | typeof ERROR | typeof BLOCKED;

/** Backward state of a slot. */
export const GRAD_OK = 0;
export const GRAD_NONE = 1;
export const GRAD_UNAVAILABLE = 2;
export type BackwardState = typeof GRAD_OK | typeof GRAD_NONE | typeof GRAD_UNAVAILABLE;

/**
 * The engine's record of one node. One monomorphic class so V8 keeps every field access in the
 * propagation loops fast; public consumers only ever see immutable {@link NodeValue} snapshots.
 */
export class NodeSlot {
  /** Position in the current topological order: every edge goes from a lower to a higher rank. */
  rank = 0;
  /** One entry per input port of the op, `null` while the port is unconnected. */
  readonly inputs: (EdgeSlot | null)[];
  readonly outputs: EdgeSlot[] = [];

  state: ForwardState = OK;
  value = 0;
  /** Error/blocked message; `null` when ok. */
  message: string | null = null;
  /** For blocked nodes: the node whose error blocks this one, or the unconnected port. */
  cause: NodeId | null = null;
  blockedPort: PortName | null = null;

  adjoint = 0;
  gradState: BackwardState = GRAD_NONE;
  gradMessage: string | null = null;

  /** Set once the node is removed from its runtime. */
  removed = false;
  /** Scratch counter for re-ranking (Kahn's in-degree). */
  pendingInputs = 0;
  /** Transaction stamps: a slot is queued at most once per pass. */
  forwardStamp = -1;
  backwardStamp = -1;
  valueChangedStamp = -1;
  gradChangedStamp = -1;

  valueSubscribers: Subscriber<NodeValue>[] | null = null;
  gradSubscribers: Subscriber<NodeGradient>[] | null = null;
  /** Cached immutable snapshots, rebuilt lazily after a change. */
  valueSnapshot: NodeValue | null = null;
  gradSnapshot: NodeGradient | null = null;
  handle: unknown = null;

  constructor(
    readonly id: NodeId,
    public op: OpDefinition,
    public params: NodeParams | undefined,
    public label: string | undefined,
  ) {
    this.inputs = op.inputs.map(() => null);
  }
}

/** The engine's record of one edge `source → target.port`. */
export class EdgeSlot {
  /** ∂target/∂source at the current values (NaN when the target has no value). */
  local = Number.NaN;
  /** Why `local` is undefined even though the target has a value (e.g. sqrt at 0). */
  localMessage: string | null = null;
  changedStamp = -1;
  subscribers: Subscriber<EdgeGradient>[] | null = null;
  snapshot: EdgeGradient | null = null;
  handle: unknown = null;

  constructor(
    readonly id: EdgeId,
    readonly source: NodeSlot,
    readonly target: NodeSlot,
    readonly port: PortName,
    readonly portIndex: number,
  ) {}
}

/**
 * A binary heap of slots ordered by rank: a min-heap for the forward pass (`sign` 1), a max-heap
 * for the backward pass (`sign` -1).
 */
export class RankHeap {
  private items: NodeSlot[] = [];
  constructor(private readonly sign: 1 | -1) {}

  get size(): number {
    return this.items.length;
  }

  push(slot: NodeSlot): void {
    const items = this.items;
    const key = slot.rank * this.sign;
    let index = items.length;
    items.push(slot);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (parent.rank * this.sign <= key) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = slot;
  }

  pop(): NodeSlot | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const key = last.rank * this.sign;
    const length = items.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && items[right]!.rank * this.sign < items[left]!.rank * this.sign) {
        child = right;
      }
      if (items[child]!.rank * this.sign >= key) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }

  /** Empties the heap, returning what was queued (in no particular order). */
  drain(): NodeSlot[] {
    const queued = this.items;
    this.items = [];
    return queued;
  }
}
