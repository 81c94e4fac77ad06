import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { BIG_LAYOUT, DEFAULT_NODE_SIZE, layoutGraph, tidyLayout } from './elkLayout';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.abs(a.x - b.x) < DEFAULT_NODE_SIZE.width && Math.abs(a.y - b.y) < DEFAULT_NODE_SIZE.height;

describe('layoutGraph', () => {
  it('lays the seed out left to right: every edge points right, no two nodes overlap', async () => {
    const { graph } = seedDocument();
    const positions = await layoutGraph(graph, standardRegistry);
    expect(positions.size).toBe(graph.nodes.length);
    for (const edge of graph.edges) {
      expect(positions.get(edge.target)!.x).toBeGreaterThan(positions.get(edge.source)!.x);
    }
    const all = [...positions.values()];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
    }
  });

  it('respects port order: what feeds port a sits above what feeds port b', async () => {
    // Wired "crossed" on purpose: z feeds port a and y feeds port b of the same node, and the
    // nodes are listed y first, so only the port constraint can put z above y.
    const graph: GraphSpec = {
      nodes: [
        { id: nodeId('y'), op: 'input', params: { value: 1 } },
        { id: nodeId('z'), op: 'input', params: { value: 2 } },
        { id: nodeId('d'), op: 'sub' },
      ],
      edges: [
        { id: edgeId('e1'), source: nodeId('y'), target: nodeId('d'), targetPort: 'b' },
        { id: edgeId('e2'), source: nodeId('z'), target: nodeId('d'), targetPort: 'a' },
      ],
      output: nodeId('d'),
    };
    const positions = await layoutGraph(graph, standardRegistry);
    expect(positions.get(nodeId('z'))!.y).toBeLessThan(positions.get(nodeId('y'))!.y);
  });

  it('uses measured sizes so wide nodes do not overlap their neighbours', async () => {
    const { graph } = seedDocument();
    const sizes = new Map(
      graph.nodes.map((node) => [node.id as string, { width: 400, height: 50 }]),
    );
    const positions = await layoutGraph(graph, standardRegistry, { sizes });
    for (const edge of graph.edges) {
      expect(positions.get(edge.target)!.x - positions.get(edge.source)!.x).toBeGreaterThanOrEqual(
        400,
      );
    }
  });

  it('tidies a big graph with the layered layout: left to right, no overlaps, at once', async () => {
    // A lattice of BIG_LAYOUT + 100 nodes, 20 wide: each node adds two of the layer before.
    const width = 20;
    const nodes: GraphSpec['nodes'][number][] = [];
    const edges: GraphSpec['edges'][number][] = [];
    for (let index = 0; index < BIG_LAYOUT + 100; index++) {
      nodes.push(
        index < width
          ? { id: nodeId(`n${index}`), op: 'input', params: { value: 1 } }
          : { id: nodeId(`n${index}`), op: 'add' },
      );
      if (index < width) continue;
      const row = index % width;
      const previous = index - row - width;
      for (const [port, from] of [
        ['a', previous + row],
        ['b', previous + ((row + 1) % width)],
      ] as const) {
        edges.push({
          id: edgeId(`e${edges.length}`),
          source: nodeId(`n${from}`),
          target: nodeId(`n${index}`),
          targetPort: port,
        });
      }
    }
    const neverCalled = {
      layout: () => Promise.reject(new Error('ELK must not be used for a big graph')),
    };
    const positions = await tidyLayout({ nodes, edges, output: null }, standardRegistry, {
      elk: neverCalled,
    });
    expect(positions.size).toBe(nodes.length);
    for (const edge of edges) {
      expect(positions.get(edge.target)!.x).toBeGreaterThan(positions.get(edge.source)!.x);
    }
    const all = [...positions.values()];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
    }
  });

  it('tidies a small graph with ELK', async () => {
    const { graph } = seedDocument();
    let asked = 0;
    const positions = await tidyLayout(graph, standardRegistry, {
      elk: {
        layout: (input) => {
          asked += 1;
          return Promise.resolve({
            ...input,
            children: input.children?.map((c) => ({ ...c, x: 1, y: 2 })),
          });
        },
      },
    });
    expect(asked).toBe(1);
    expect(positions.get(nodeId('J'))).toEqual({ x: 1, y: 2 });
  });
});
