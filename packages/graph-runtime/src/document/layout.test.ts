import { describe, expect, it } from 'vitest';
import { edgeId, nodeId } from '../graph/ids';
import type { GraphSpec } from '../graph/types';
import { autoLayout, LAYER_SPACING } from './layout';

const spec = (nodes: [string, string][], edges: [string, string, string][]): GraphSpec => ({
  nodes: nodes.map(([id, op]) => ({ id: nodeId(id), op })),
  edges: edges.map(([source, target, port], k) => ({
    id: edgeId(`e${k}`),
    source: nodeId(source),
    target: nodeId(target),
    targetPort: port,
  })),
});

/**
 *   a ─────────┐
 *   b ─┐       v ─┐
 *   c ─┴ u ────┘  J
 *          three ─┘
 */
const seed = spec(
  [
    ['a', 'input'],
    ['b', 'input'],
    ['c', 'input'],
    ['u', 'mul'],
    ['v', 'add'],
    ['three', 'const'],
    ['J', 'mul'],
  ],
  [
    ['b', 'u', 'a'],
    ['c', 'u', 'b'],
    ['a', 'v', 'a'],
    ['u', 'v', 'b'],
    ['three', 'J', 'a'],
    ['v', 'J', 'b'],
  ],
);

describe('autoLayout', () => {
  it('lays the seed out left to right in layers, like its figure', () => {
    const positions = autoLayout(seed);
    const column = (id: string): number => positions[id]!.x / LAYER_SPACING;
    expect(['a', 'b', 'c', 'u', 'v', 'three', 'J'].map(column)).toEqual([0, 0, 0, 1, 2, 2, 3]);
    // Inputs keep their order top to bottom; the constant sits just before J, below v.
    expect(positions['a']!.y).toBeLessThan(positions['b']!.y);
    expect(positions['b']!.y).toBeLessThan(positions['c']!.y);
    expect(positions['v']!.y).toBeLessThan(positions['three']!.y);
    expect(Math.min(...Object.values(positions).map((p) => p.y))).toBe(0);
  });

  it('puts every edge left to right and no two nodes in one place', () => {
    const positions = autoLayout(seed);
    for (const edge of seed.edges) {
      expect(positions[edge.source]!.x).toBeLessThan(positions[edge.target]!.x);
    }
    const places = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
    expect(places.size).toBe(seed.nodes.length);
  });

  it('handles a 100,000-node chain without recursion', () => {
    const count = 100_000;
    const chain = spec(
      Array.from({ length: count }, (_, k): [string, string] => [
        `n${k}`,
        k === 0 ? 'input' : 'neg',
      ]),
      Array.from({ length: count - 1 }, (_, k): [string, string, string] => [
        `n${k}`,
        `n${k + 1}`,
        'x',
      ]),
    );
    const positions = autoLayout(chain);
    expect(positions[`n${count - 1}`]).toEqual({ x: (count - 1) * LAYER_SPACING, y: 0 });
  }, 60_000);

  it('places nodes on a cycle after everything else instead of failing', () => {
    const cyclic = spec(
      [
        ['x', 'input'],
        ['p', 'neg'],
        ['q', 'neg'],
      ],
      [
        ['p', 'q', 'x'],
        ['q', 'p', 'x'],
      ],
    );
    const positions = autoLayout(cyclic);
    expect(positions['p']!.x).toBe(LAYER_SPACING);
    expect(positions['q']!.x).toBe(LAYER_SPACING);
    expect(positions['p']!.y).not.toBe(positions['q']!.y);
  });

  it('keeps ids such as __proto__ as plain keys', () => {
    const positions = autoLayout(
      spec(
        [
          ['__proto__', 'input'],
          ['constructor', 'neg'],
        ],
        [['__proto__', 'constructor', 'x']],
      ),
    );
    expect(Object.keys(positions)).toEqual(['__proto__', 'constructor']);
    expect(positions['constructor']).toEqual({ x: LAYER_SPACING, y: 0 });
  });
});
