import { describe, expect, it } from 'vitest';
import {
  createMountBudget,
  createMountGate,
  DOM_UP_TO,
  isOverview,
  nodesInView,
  OVERVIEW_ABOVE,
} from './mountGate';

/** A 10 × 10 grid of 100 × 50 boxes, 200 apart horizontally and 100 vertically. */
const grid = Array.from({ length: 100 }, (_, k) => ({
  id: `n${k}`,
  position: { x: (k % 10) * 200, y: Math.floor(k / 10) * 100 },
  width: 100,
  height: 50,
}));

describe('nodesInView', () => {
  it('finds the nodes whose box touches the view, nearest its centre first', () => {
    // At zoom 1 from the origin, a 450 × 180 view shows columns 0–2 of rows 0–1 (margin 0).
    const { ids, inside } = nodesInView(grid, [0, 0, 1], 450, 180, 0);
    expect(inside).toBe(6);
    expect([...ids].sort()).toEqual(['n0', 'n1', 'n10', 'n11', 'n12', 'n2'].sort());
    // The centre (225, 90) is nearest n11's centre (250, 125), then n1 (250, 25).
    expect(ids[0]).toBe('n11');
    expect(ids[1]).toBe('n1');
  });

  it('follows pan and zoom, and grows the view by the margin', () => {
    // Zoom 0.5, panned so that flow x 1000… is at the left edge: columns 5 and up.
    const { ids } = nodesInView(grid, [-500, 0, 0.5], 290, 40, 0);
    expect([...ids].sort()).toEqual(['n5', 'n6', 'n7'].sort());
    // 50 screen px of margin at zoom 0.5 is 100 flow units: column 4 (x 800…900) comes in, but
    // only the three in the view itself count as inside.
    const grown = nodesInView(grid, [-500, 0, 0.5], 290, 40, 50);
    expect(grown.ids).toContain('n4');
    expect(grown.inside).toBe(3);
  });

  it('finds nothing in an empty view or an empty graph', () => {
    expect(nodesInView(grid, [-100_000, 0, 1], 500, 500, 0)).toEqual({ ids: [], inside: 0 });
    expect(nodesInView([], [0, 0, 1], 500, 500)).toEqual({ ids: [], inside: 0 });
  });
});

describe('mount gate', () => {
  it('mounts what is wanted a budget at a time, in the order given, until settled', () => {
    const gate = createMountGate();
    const wanted = ['a', 'b', 'c', 'd', 'e'];
    expect(gate.settled(wanted)).toBe(false);
    expect(gate.step(wanted, 2, 10)).toEqual({ added: 2, removed: 0 });
    expect([...gate.mounted]).toEqual(['a', 'b']);
    gate.step(wanted, 2, 10);
    expect([...gate.mounted]).toEqual(['a', 'b', 'c', 'd']);
    gate.step(wanted, 2, 10);
    expect(gate.settled(wanted)).toBe(true);
    // Nothing to do: no change, and the same set (its identity says "re-render").
    const before = gate.mounted;
    expect(gate.step(wanted, 2, 10)).toEqual({ added: 0, removed: 0 });
    expect(gate.mounted).toBe(before);
  });

  it('unmounts what is no longer wanted, a budget at a time, and mounts the new', () => {
    const gate = createMountGate();
    gate.step(['a', 'b', 'c', 'd'], 10, 10);
    expect(gate.step(['c', 'd', 'x'], 1, 1)).toEqual({ added: 1, removed: 1 });
    expect([...gate.mounted].sort()).toEqual(['b', 'c', 'd', 'x']);
    gate.step(['c', 'd', 'x'], 1, 1);
    expect(gate.settled(['c', 'd', 'x'])).toBe(true);
    // Zoomed out: nothing wanted, everything goes.
    gate.step([], 0, 10);
    expect(gate.mounted.size).toBe(0);
  });

  it('lets go of nodes that left the document: they are no longer wanted', () => {
    const gate = createMountGate();
    gate.step(['a', 'b'], 10, 10);
    // b was deleted: the nodes in view are a and a new c.
    expect(gate.step(['a', 'c'], 10, 10)).toEqual({ added: 1, removed: 1 });
    expect([...gate.mounted].sort()).toEqual(['a', 'c']);
    expect(gate.settled(['a', 'c'])).toBe(true);
  });
});

describe('mount budget', () => {
  it('cuts the count after a long frame and grows it by one after a short one', () => {
    const budget = createMountBudget({ initial: 10, low: 9, high: 13, min: 1, max: 12 });
    expect(budget.add).toBe(10);
    expect(budget.remove).toBe(30);
    budget.record(30, true);
    expect(budget.add).toBe(7);
    budget.record(11, true); // between the bounds: kept
    expect(budget.add).toBe(7);
    budget.record(4, true);
    expect(budget.add).toBe(8);
    // A short frame that did not use its whole budget says nothing about a bigger one.
    budget.record(4, false);
    expect(budget.add).toBe(8);
    // A long one cuts it all the same.
    budget.record(40, false);
    expect(budget.add).toBe(5);
    for (let k = 0; k < 20; k++) budget.record(100, true);
    expect(budget.add).toBe(1);
    for (let k = 0; k < 50; k++) budget.record(1, true);
    expect(budget.add).toBe(12);
    budget.record(Number.NaN, true);
    expect(budget.add).toBe(12);
  });
});

describe('overview', () => {
  it('draws the view once too many nodes are in it, and keeps it drawn until few enough are', () => {
    expect(isOverview(false, DOM_UP_TO)).toBe(false);
    // Between the bounds the view keeps what it was: a pan at the edge does not flip it.
    expect(isOverview(false, OVERVIEW_ABOVE)).toBe(false);
    expect(isOverview(false, OVERVIEW_ABOVE + 1)).toBe(true);
    expect(isOverview(true, OVERVIEW_ABOVE)).toBe(true);
    expect(isOverview(true, DOM_UP_TO + 1)).toBe(true);
    expect(isOverview(true, DOM_UP_TO)).toBe(false);
  });
});
