import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { makeComposite } from '../composites/makeComposite';
import { handNeuronDocument, neuronSelection } from '../composites/testDocuments';
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

  it('keeps a document’s datasets and training spec through .graph text', () => {
    const doc = {
      ...seedDocument(),
      datasets: [
        {
          id: 'data',
          columns: ['x1', 'x2', 'y'],
          source: { kind: 'generate', generator: 'xor', size: 40, noise: 0.1, seed: 3 },
          split: { test: 0.25, seed: 1 },
        } as const,
      ],
      training: { task: 'classification', prediction: 'J', target: 'data/y' } as const,
    };
    const read = readGraphText(writeGraphText(doc, null), standardRegistry);
    expect(read.ok && read.doc.datasets).toEqual(doc.datasets);
    expect(read.ok && read.doc.training).toEqual(doc.training);
  });

  it("reports the loader's messages with their location", () => {
    const read = readGraphText('{\n  "format": "chainrule.graph",\n  oops\n}', standardRegistry);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/line 3/);
  });

  it('keeps composite definitions and instances through save and open', () => {
    const made = makeComposite(handNeuronDocument(), standardRegistry, neuronSelection, {
      name: 'neuron',
    });
    if (!made.ok) throw new Error(made.message);
    const text = writeGraphText(made.doc, null);
    const read = readGraphText(text, standardRegistry);
    if (!read.ok) throw new Error(read.message);
    expect(read.doc.definitions?.map((d) => [d.name, d.inputs, d.outputs])).toEqual([
      ['neuron', ['x1', 'x2'], [{ name: 'out', node: 't' }]],
    ]);
    expect(read.doc.graph.nodes.find((n) => n.id === made.instance)?.params).toEqual({
      w1: 0.8,
      w2: -0.4,
      b: 0.1,
    });
    expect(writeGraphText(read.doc, null)).toBe(text);
  });
});
