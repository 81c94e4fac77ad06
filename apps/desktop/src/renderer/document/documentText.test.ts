import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { readGraphText, writeGraphText } from './documentText';
import { seedDocument } from './testGraphs';

describe('documentText', () => {
  it('round-trips the editor document through .graph text', () => {
    const text = writeGraphText(seedDocument(), { x: 10, y: 20, zoom: 1.5 });
    const read = readGraphText(text, standardRegistry);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.doc.graph).toEqual(seedDocument().graph);
    expect(read.doc.positions).toEqual(seedDocument().positions);
    expect(read.viewport).toEqual({ x: 10, y: 20, zoom: 1.5 });
    expect(writeGraphText(read.doc, read.viewport)).toBe(text);
  });

  it("reports the loader's messages with their location", () => {
    const read = readGraphText('{\n  "format": "chainrule.graph",\n  oops\n}', standardRegistry);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/line 3/);
  });
});
