import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import domainError from '../../../../../examples/domain-error.graph?raw';
import seedText from '../../../../../examples/seed.graph?raw';
import { exportChoices, exportPreview } from './exportPreview';

const load = (text: string) => {
  const parsed = parseGraphDocument(text, standardRegistry);
  if (!parsed.ok) throw new Error('the example does not parse');
  return parsed.document.graph;
};

describe('exportPreview', () => {
  const seed = load(seedText);
  const names = { title: 'Seed example', fileName: 'seed.graph' };

  it('previews the seed in every target, with a file name per target', () => {
    const previews = exportChoices.map(({ target }) => exportPreview(seed, target, names));
    expect(previews.map((preview) => preview.ok && preview.fileName)).toEqual([
      'seed_numpy.py',
      'seed_pytorch.py',
      'seed.ts',
      'seed.onnx',
    ]);
    const [numpy, pytorch, typescript, onnx] = previews;
    expect(numpy!.ok && numpy!.code).toContain('dJ_db = dJ_du * c');
    expect(pytorch!.ok && pytorch!.code).toContain('J.backward()');
    expect(typescript!.ok && typescript!.code).toContain('export function evaluate(');
    // ONNX: the bytes to save, and a listing to read and copy.
    expect(onnx!.ok && onnx!.data).toBeInstanceOf(Uint8Array);
    expect(onnx!.ok && onnx!.code).toContain('dJ_db = Mul(dJ_du, c)');
  });

  it('turns a refusal into problems that name the node and the reason', () => {
    const preview = exportPreview(load(domainError), 'numpy', {
      title: 'x',
      fileName: 'domain-error.graph',
    });
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.problems.join('\n')).toMatch(/^".+": .*log needs x > 0/m);
  });

  it('names the file after the document, safely', () => {
    const preview = exportPreview(seed, 'typescript', { title: 't', fileName: '../é x.graph' });
    expect(preview.ok && preview.fileName).toBe('_x.ts');
    const untitled = exportPreview(seed, 'onnx', { title: 't', fileName: 'Untitled' });
    expect(untitled.ok && untitled.fileName).toBe('Untitled.onnx');
  });
});
