import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples';

describe('Help › Examples', () => {
  it('lists exactly the example files that ship, seed first, with the manifest’s titles', async () => {
    const dir = path.resolve(import.meta.dirname, '../../../../examples');
    const shipped = (await readdir(dir)).filter((name) => name.endsWith('.graph'));
    expect(EXAMPLES.map((example) => example.id).sort()).toEqual(shipped.sort());
    expect(EXAMPLES[0]).toEqual({ id: 'seed.graph', label: 'J = 3(a + bc)' });
  });
});
