/**
 * A binary heap of node indices ordered by rank: a min-heap for the forward pass (`sign` 1), a
 * max-heap for the backward pass (`sign` -1). Items live in an `Int32Array` that grows
 * geometrically; ranks are read from the engine's rank array at each call.
 */
export class RankHeap {
  private items = new Int32Array(64);
  size = 0;

  constructor(private readonly sign: 1 | -1) {}

  push(node: number, ranks: Int32Array): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    const sign = this.sign;
    const key = ranks[node]! * sign;
    let index = this.size++;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (ranks[parent]! * sign <= key) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = node;
  }

  /** The node of lowest (forward) or highest (backward) rank, or -1 when empty. */
  pop(ranks: Int32Array): number {
    if (this.size === 0) return -1;
    const items = this.items;
    const sign = this.sign;
    const top = items[0]!;
    const length = --this.size;
    if (length === 0) return top;
    const last = items[length]!;
    const key = ranks[last]! * sign;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && ranks[items[right]!]! * sign < ranks[items[left]!]! * sign) {
        child = right;
      }
      if (ranks[items[child]!]! * sign >= key) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }

  /** The queued node at position `index` (in no particular order), for draining. */
  at(index: number): number {
    return this.items[index]!;
  }

  clear(): void {
    this.size = 0;
  }
}
