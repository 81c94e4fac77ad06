/**
 * Which nodes are in the DOM. Mounting a node is the canvas's most expensive act (React Flow's
 * node wrapper, our node component, its edges, style, layout, paint: about a millisecond each on
 * a slow machine), and a zoom step can bring a hundred nodes into view at once. So nodes enter
 * the DOM a frame's budget at a time, nearest the middle of the view first, and leave it the same
 * way; the low-detail layer draws every node in view that is not (yet) in the DOM, so the picture
 * is whole in every frame and only its detail arrives over a few frames, as a map's tiles do.
 */

/** A node's box in flow coordinates: what the gate needs of a flow node. */
export interface GateNode {
  readonly id: string;
  readonly position: { readonly x: number; readonly y: number };
  readonly width?: number;
  readonly height?: number;
}

/** React Flow's viewport: translation in screen pixels and zoom. */
export type ViewTransform = readonly [x: number, y: number, zoom: number];

/**
 * Screen pixels around the view in which nodes are mounted too, so that a small pan finds them
 * already there.
 */
export const VIEW_MARGIN = 48;

/** The nodes in and around the view. */
export interface InView {
  /** Ids of the nodes whose box touches the view grown by the margin, nearest the centre first. */
  readonly ids: string[];
  /** How many of them touch the view itself (the margin not counted). */
  readonly inside: number;
}

/**
 * The nodes whose box touches the view of `width` × `height` screen pixels (grown by `margin` on
 * each side), nearest the view's centre first: the order they are mounted in. Linear in the
 * number of nodes, plus a sort of those in view.
 */
export const nodesInView = (
  nodes: readonly GateNode[],
  [tx, ty, zoom]: ViewTransform,
  width: number,
  height: number,
  margin = VIEW_MARGIN,
): InView => {
  const left = -tx / zoom;
  const top = -ty / zoom;
  const right = (width - tx) / zoom;
  const bottom = (height - ty) / zoom;
  const grow = margin / zoom;
  const cx = (width / 2 - tx) / zoom;
  const cy = (height / 2 - ty) / zoom;
  const found: { id: string; distance: number }[] = [];
  let inside = 0;
  for (const node of nodes) {
    const { x, y } = node.position;
    const w = node.width ?? 0;
    const h = node.height ?? 0;
    if (x + w < left - grow || y + h < top - grow || x > right + grow || y > bottom + grow)
      continue;
    if (!(x + w < left || y + h < top || x > right || y > bottom)) inside++;
    const dx = x + w / 2 - cx;
    const dy = y + h / 2 - cy;
    found.push({ id: node.id, distance: dx * dx + dy * dy });
  }
  found.sort((a, b) => a.distance - b.distance);
  return { ids: found.map((entry) => entry.id), inside };
};

/**
 * The overview: more nodes in view than a person can work on one by one, and more than the DOM
 * can redraw in a frame (every node is a React Flow wrapper, a component, handles, and its edges
 * an SVG each: about a millisecond a node for a frame that changes them on a slow machine; and a
 * zoom frame redraws every node in the DOM). Then
 * the low-detail layer draws them all, names and values still readable, and zooming in until at
 * most {@link DOM_UP_TO} are in view brings the DOM back, ready to edit. Between the two bounds
 * the view keeps what it was, so a pan at the edge does not flip it back and forth.
 */
export const DOM_UP_TO = 60;
export const OVERVIEW_ABOVE = 80;

/** Whether the view is an overview (see {@link DOM_UP_TO}) with `inView` nodes in it. */
export const isOverview = (was: boolean, inView: number): boolean =>
  was ? inView > DOM_UP_TO : inView > OVERVIEW_ABOVE;

/** The set of mounted node ids and the moves that bring it toward the nodes wanted. */
export interface MountGate {
  readonly mounted: ReadonlySet<string>;
  /**
   * Unmounts up to `remove` nodes that are not wanted and mounts up to `add` wanted ones (in
   * `wanted`'s order). Returns how many nodes it mounted and unmounted.
   */
  step(
    wanted: readonly string[],
    add: number,
    remove: number,
  ): { readonly added: number; readonly removed: number };
  /** Whether `mounted` is exactly `wanted` (nothing left to do). */
  settled(wanted: readonly string[]): boolean;
}

export const createMountGate = (): MountGate => {
  let mounted = new Set<string>();
  return {
    get mounted() {
      return mounted;
    },
    step(wanted, add, remove) {
      const want = new Set(wanted);
      const next = new Set(mounted);
      let removed = 0;
      for (const id of mounted) {
        if (removed >= remove) break;
        if (want.has(id)) continue;
        next.delete(id);
        removed++;
      }
      let added = 0;
      for (const id of wanted) {
        if (added >= add) break;
        if (next.has(id)) continue;
        next.add(id);
        added++;
      }
      // A new set only when it changed: its identity says "re-render".
      if (added > 0 || removed > 0) mounted = next;
      return { added, removed };
    },
    settled(wanted) {
      if (wanted.length !== mounted.size) return false;
      for (const id of wanted) if (!mounted.has(id)) return false;
      return true;
    },
  };
};

/**
 * How many nodes to mount in the next frame, adapted to what frames cost on this machine: a
 * frame that went over `high` ms cuts the count by 30%, one under `low` ms that used its whole
 * budget adds one (additive increase, multiplicative decrease, as TCP paces itself), between
 * `min` and `max`. A frame has a
 * fixed cost besides its nodes (React Flow's store, layout, paint), which this finds without
 * modelling it. Unmounting costs about a third of mounting, so three times as many may go.
 */
export interface MountBudget {
  readonly add: number;
  readonly remove: number;
  /**
   * Records a frame that mounted or unmounted nodes and took `ms` of main thread; `full`: it
   * used its whole budget (only then does a short frame say the budget could grow: a frame that
   * mounted two nodes because two were left says nothing about twenty).
   */
  record(ms: number, full: boolean): void;
}

export const createMountBudget = ({
  initial = 6,
  low = 11,
  high = 15,
  min = 2,
  max = 30,
} = {}): MountBudget => {
  let add = initial;
  return {
    get add() {
      return add;
    },
    get remove() {
      return 3 * add;
    },
    record(ms, full) {
      if (!Number.isFinite(ms) || ms < 0) return;
      if (ms > high) add = Math.max(min, Math.floor(add * 0.7));
      else if (ms < low && full) add = Math.min(max, add + 1);
    },
  };
};
