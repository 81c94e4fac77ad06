import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileService } from './fileService';
import { graphDocumentCheck } from './graphDocumentCheck';
import { nodeFilePort } from './nodeFilePort';

const examples = path.resolve(import.meta.dirname, '../../../../examples');

describe('graphDocumentCheck (the real .graph loader)', () => {
  it('accepts the shipped seed example', async () => {
    const text = await readFile(path.join(examples, 'seed.graph'), 'utf8');
    expect(graphDocumentCheck()(text)).toEqual({ ok: true });
  });

  it('refuses broken JSON with the line and column', () => {
    const result = graphDocumentCheck()('{\n  "nodes": [\n    {"id": "a",,}\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/line 3, column \d+/);
  });

  it('refuses an unknown op naming where it is', async () => {
    const seed = JSON.parse(await readFile(path.join(examples, 'seed.graph'), 'utf8')) as {
      nodes: { op: string }[];
    };
    const first = seed.nodes[0];
    if (first === undefined) throw new Error('seed has no nodes');
    first.op = 'teleport';
    const result = graphDocumentCheck()(JSON.stringify(seed, null, 2));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/teleport/);
    expect(!result.ok && result.message).toMatch(/nodes\[0\]|line \d+/);
  });

  it('makes the file service refuse a broken file with the loader’s message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chainrule-check-'));
    try {
      const file = path.join(dir, 'broken.graph');
      await writeFile(file, '{ "nodes": [');
      const files = createFileService({
        fs: nodeFilePort(),
        checkDocument: graphDocumentCheck(),
        maxBytes: 1 << 20,
        uniqueSuffix: () => 'x',
      });
      const result = await files.read(file);
      expect(result.kind).toBe('failed');
      expect(result.kind === 'failed' && result.message).toMatch(
        /^Couldn't open “broken\.graph”: .*line 1, column \d+/s,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
