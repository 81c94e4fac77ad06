import type { XY } from '../document/editorDocument';

/** The box a node needs, with a margin, when looking for a free spot. */
export interface Footprint {
  readonly width: number;
  readonly height: number;
}

/**
 * The free spot nearest `wanted` for a node of size `size`: `wanted` itself when nothing overlaps
 * it, else the first free cell on rings of growing radius around it (below and to the right
 * first, as a person adds nodes), so nodes added one after another by keyboard never stack.
 * `taken` are the top-left corners of the existing nodes, all assumed to be at most `size`.
 * @example freePosition({ x: 0, y: 0 }, [{ x: 0, y: 0 }], { width: 172, height: 100 }) // { x: 0, y: 120 }
 */
export const freePosition = (
  wanted: XY,
  taken: Iterable<XY>,
  size: Footprint,
  gap = 20,
  grid = 20,
): XY => {
  // Steps are whole grid cells, so a snapped spot stays on the grid.
  const stepX = Math.ceil((size.width + gap) / grid) * grid;
  const stepY = Math.ceil((size.height + gap) / grid) * grid;
  // Only nodes near the wanted spot can collide with the rings searched: a big graph costs one pass.
  const reach = 12;
  const near: XY[] = [];
  for (const at of taken) {
    if (
      Math.abs(at.x - wanted.x) <= stepX * (reach + 1) &&
      Math.abs(at.y - wanted.y) <= stepY * (reach + 1)
    )
      near.push(at);
  }
  // Free means no overlap: a spot close beside a node is the person's choice (a drop), kept.
  const free = (spot: XY): boolean =>
    near.every(
      (at) => Math.abs(at.x - spot.x) >= size.width || Math.abs(at.y - spot.y) >= size.height,
    );
  if (free(wanted)) return wanted;
  for (let ring = 1; ring <= reach; ring++) {
    // Cells on the ring, nearest first; ties go down, then right.
    const cells: { dx: number; dy: number }[] = [];
    for (let dx = -ring; dx <= ring; dx++)
      for (let dy = -ring; dy <= ring; dy++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push({ dx, dy });
    cells.sort(
      (a, b) =>
        Math.hypot(a.dx * stepX, a.dy * stepY) - Math.hypot(b.dx * stepX, b.dy * stepY) ||
        b.dy - a.dy ||
        b.dx - a.dx,
    );
    for (const { dx, dy } of cells) {
      const spot = { x: wanted.x + dx * stepX, y: wanted.y + dy * stepY };
      if (free(spot)) return spot;
    }
  }
  return wanted;
};
