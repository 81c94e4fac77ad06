import { createRuntime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { seedDocument } from '../document/testGraphs';
import { canvasPicture } from './canvasPicture';
import { canvasSvg } from './canvasSvg';
import { pictureFileName, runtimeNumbers } from './exportCanvas';

const seedPicture = () => {
  const doc = seedDocument();
  const runtime = createRuntime({ registry: standardRegistry, graph: doc.graph });
  try {
    return { doc, picture: canvasPicture(doc, standardRegistry, runtimeNumbers(runtime)) };
  } finally {
    runtime.dispose();
  }
};

describe('canvas pictures', () => {
  it('carry every value and gradient of J = 3(a + bc), and each edge’s compact label', () => {
    const { picture } = seedPicture();
    const byId = new Map(picture.nodes.map((node) => [node.id, node]));
    expect(byId.get('J')).toMatchObject({ value: '33', gradient: 'dJ/dJ = 1', isOutput: true });
    expect(byId.get('a')).toMatchObject({ value: '5', gradient: 'dJ/da = 3' });
    expect(byId.get('b')).toMatchObject({ value: '3', gradient: 'dJ/db = 6' });
    expect(byId.get('c')).toMatchObject({ value: '2', gradient: 'dJ/dc = 9' });
    const edges = new Map(picture.edges.map((edge) => [edge.id, edge]));
    expect(edges.get('e1')).toMatchObject({ label: '×2 → 6', tone: 'positive' });
    expect(edges.get('e2')).toMatchObject({ label: '×3 → 9' });
    // From b's output (right middle) to u's first port (a third of the way down).
    const b = byId.get('b')!;
    const u = byId.get('u')!;
    expect(edges.get('e1')!.from).toEqual({ x: b.x + b.width, y: b.y + b.height / 2 });
    expect(edges.get('e1')!.to).toEqual({ x: u.x, y: u.y + u.height / 3 });
  });

  it('write a standalone SVG with the numbers as text, escaped', () => {
    const { picture } = seedPicture();
    const named = {
      ...picture,
      nodes: picture.nodes.map((node) => (node.id === 'a' ? { ...node, name: 'a<&>"' } : node)),
    };
    const svg = canvasSvg(named, { title: 'J = 3(a + bc) & friends' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>33</text>');
    expect(svg).toContain('>dJ/db = 6</text>');
    expect(svg).toContain('>×2 → 6</text>');
    expect(svg).toContain('a&lt;&amp;&gt;&quot;');
    expect(svg).toContain('<title>J = 3(a + bc) &amp; friends</title>');
    expect(svg).not.toMatch(/<script|foreignObject|href=/);
    expect(svg.match(/<g data-node=/g)).toHaveLength(7);
    expect(svg.match(/data-edge=/g)).toHaveLength(6);
    // Parses as XML with every tag closed.
    const opened = (svg.match(/<(g|svg)[ >]/g) ?? []).length;
    const closed = (svg.match(/<\/(g|svg)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('names the file after the document', () => {
    expect(pictureFileName('seed.graph', 'png')).toBe('seed.png');
    expect(pictureFileName('Untitled.graph', 'svg')).toBe('Untitled.svg');
    expect(pictureFileName('.graph', 'svg')).toBe('canvas.svg');
  });
});
