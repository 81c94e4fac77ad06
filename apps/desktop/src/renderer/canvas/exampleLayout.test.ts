import { createRuntime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { createScopedSession } from '../composites/scopeSession';
import { definitionNamed } from '../composites/model';
import { readGraphText } from '../document/documentText';
import { examples } from '../examples';
import type { EditorSession } from '../session/editorSession';
import { createEditorSession } from '../session/editorSession';
import type { OpFlowNode } from './flowElements';
import { createFlowElementCache } from './flowElements';

/** The least room between two node boxes, in flow pixels, so no node touches another. */
const GAP = 8;

/** Edges that run back to the left on purpose: a long chain wrapped onto a second row. */
const WRAPPED: Readonly<Record<string, Record<string, string[]>>> = {
  'sigmoid-chain.graph': { 'top level': ['h3 → mul4'] },
};

/** An example opened as the app opens it (editorActions' openExample): read, then a session. */
const openExample = (text: string): EditorSession => {
  const read = readGraphText(text, standardRegistry);
  if (!read.ok) throw new Error(read.message);
  return createEditorSession({ registry: standardRegistry, createRuntime, doc: read.doc });
};

/** The canvas's flow nodes for a session, with the fixed boxes React Flow draws them in. */
const flowNodes = (session: EditorSession): OpFlowNode[] =>
  createFlowElementCache(session.registry).nodes(session.store.getState());

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const boxOf = (node: OpFlowNode): Box => ({
  id: node.id,
  x: node.position.x,
  y: node.position.y,
  width: node.width!,
  height: node.height!,
});

/** Every pair of boxes closer than `GAP` on both axes (overlapping, touching or nearly). */
const crowdedPairs = (boxes: readonly Box[]): string[] => {
  const pairs: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const apartX = a.x + a.width + GAP <= b.x || b.x + b.width + GAP <= a.x;
      const apartY = a.y + a.height + GAP <= b.y || b.y + b.height + GAP <= a.y;
      if (!apartX && !apartY) {
        pairs.push(
          `${a.id} (${a.x}, ${a.y}, ${a.width}×${a.height}) and ` +
            `${b.id} (${b.x}, ${b.y}, ${b.width}×${b.height})`,
        );
      }
    }
  });
  return pairs;
};

/** The example's canvas, then the canvas of each kind of instance opened (its first instance). */
const views = (text: string): [string, EditorSession][] => {
  const root = openExample(text);
  const { doc } = root.store.getState();
  const opened = new Set<string>();
  const result: [string, EditorSession][] = [['top level', root]];
  for (const node of doc.graph.nodes) {
    const definition = definitionNamed(doc.definitions ?? [], node.op);
    if (!definition || opened.has(definition.name)) continue;
    opened.add(definition.name);
    result.push([`inside ${node.id} (${definition.name})`, createScopedSession(root, [node.id])]);
  }
  return result;
};

describe('the layout of every example, in the boxes the canvas draws', () => {
  it.each(examples.map((example) => [example.id, example.text] as const))(
    '%s: no node overlaps or touches another (≥ 8 px apart)',
    (_id, text) => {
      const all = views(text);
      const crowded: Record<string, string[]> = {};
      for (const [view, session] of all) {
        const nodes = flowNodes(session);
        expect(nodes.length, view).toBeGreaterThan(0);
        for (const node of nodes) {
          expect(node.width, `${view}: ${node.id}`).toBeGreaterThan(0);
          expect(node.height, `${view}: ${node.id}`).toBeGreaterThan(0);
        }
        const pairs = crowdedPairs(nodes.map(boxOf));
        if (pairs.length > 0) crowded[view] = pairs;
      }
      expect(crowded).toEqual({});
      all[0]![1].dispose();
    },
  );

  it.each(examples.map((example) => [example.id, example.text] as const))(
    '%s: reads left to right, every edge into a node right of its source, J rightmost',
    (id, text) => {
      const all = views(text);
      const backwards: Record<string, string[]> = {};
      for (const [view, session] of all) {
        const cache = createFlowElementCache(session.registry);
        const state = session.store.getState();
        const byId = new Map(cache.nodes(state).map((node) => [node.id, boxOf(node)]));
        const wrong = cache
          .edges(state)
          .filter((edge) => {
            const source = byId.get(edge.source)!;
            return source.x + source.width > byId.get(edge.target)!.x;
          })
          .map((edge) => `${edge.source} → ${edge.target}`);
        if (wrong.length > 0) backwards[view] = wrong;
        const output = state.doc.graph.output;
        if (view === 'top level' && output) {
          const j = byId.get(output)!;
          const right = Math.max(...[...byId.values()].map((box) => box.x + box.width));
          expect(j.x + j.width, `${view}: ${output} is the rightmost node`).toBe(right);
        }
      }
      expect(backwards).toEqual(WRAPPED[id] ?? {});
      all[0]![1].dispose();
    },
  );

  it('measures the true boxes: an instance is as tall as its ports, and overlaps are seen', () => {
    const spiral = views(examples.find((e) => e.id === 'spiral.graph')!.text);
    expect(spiral.map(([view]) => view)).toEqual([
      'top level',
      'inside h1_1 (neuron2)',
      'inside h2_1 (neuron8)',
    ]);
    const boxes = new Map(flowNodes(spiral[0]![1]).map((node) => [node.id, boxOf(node)]));
    // instanceShape.ts: 30 header + 22 per row + 6; neuron2 has 2 + 1 + 3 rows, neuron8 8 + 1 + 9.
    expect(boxes.get('h1_1')).toMatchObject({ width: 236, height: 168 });
    expect(boxes.get('h2_1')).toMatchObject({ width: 236, height: 432 });
    // datasetShape.ts: 56 + 30 per column (x1, x2, y) + 6.
    expect(boxes.get('data')).toMatchObject({ width: 172, height: 152 });
    spiral[0]![1].dispose();

    const a = boxes.get('h2_1')!;
    // As the example was laid out: the next neuron a normal node's height (and a gap) below.
    const below: Box = { ...a, id: 'next', y: a.y + 92 + GAP };
    expect(crowdedPairs([a, below])).toHaveLength(1);
    expect(crowdedPairs([a, { ...below, y: a.y + a.height + GAP - 1 }])).toHaveLength(1);
    expect(crowdedPairs([a, { ...below, y: a.y + a.height + GAP }])).toEqual([]);
    expect(crowdedPairs([a, { ...a, id: 'right', x: a.x + a.width + GAP }])).toEqual([]);
  });
});
