import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleLabel, listExamples } from './examples';

describe('Help › Examples', () => {
  it('lists exactly the example files that ship, seed first, by file name', async () => {
    const dir = path.resolve(import.meta.dirname, '../../../../examples');
    const shipped = (await readdir(dir)).filter((name) => name.endsWith('.graph'));
    expect(EXAMPLES.map((example) => example.id).sort()).toEqual(shipped.sort());
    expect(EXAMPLES[0]).toEqual({ id: 'seed.graph', label: 'Seed example' });
  });

  it('labels an example by its document name, or its file name if it has none', () => {
    expect(exampleLabel('a.graph', '{"name": " Neuron "}')).toBe('Neuron');
    expect(exampleLabel('a.graph', '{"name": 3}')).toBe('a.graph');
    expect(exampleLabel('a.graph', '{broken')).toBe('a.graph');
    expect(listExamples({ '/x/b.graph': '{}', '/x/seed.graph': '{}', '/x/a.graph': '{}' })).toEqual(
      [
        { id: 'seed.graph', label: 'seed.graph' },
        { id: 'a.graph', label: 'a.graph' },
        { id: 'b.graph', label: 'b.graph' },
      ],
    );
  });
});
