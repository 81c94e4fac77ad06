import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '@chainrule/graph-runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from './fileSystem';
import { readDocumentFile } from './read';
import { sha256Hex } from './stamp';

const scratch = mkdtempSync(path.join(tmpdir(), 'chainrule-read-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readDocumentFile', () => {
  it('reads UTF-8 text and stamps it with size, time and hash', async () => {
    const file = path.join(scratch, 'good.graph');
    writeFileSync(file, 'ü✓');
    const read = await readDocumentFile(file);
    expect(read).toMatchObject({ kind: 'read', text: 'ü✓', stamp: { size: 5 } });
    if (read.kind !== 'read') return;
    expect(read.stamp.sha256).toBe(await sha256Hex(new TextEncoder().encode('ü✓')));
  });

  it('refuses a Latin-1 file with the CLI’s sentence, never turning it into U+FFFD', async () => {
    const file = path.join(scratch, 'latin1.graph');
    writeFileSync(file, Buffer.from('{"name":"café"}', 'latin1'));
    expect(await readDocumentFile(file)).toEqual({
      kind: 'failed',
      problem: 'not-utf8',
      detail: 'the file is not UTF-8 text',
    });
  });

  it('refuses a file over the one limit without reading it', async () => {
    const file = path.join(scratch, 'huge.graph');
    writeFileSync(file, '');
    truncateSync(file, MAX_DOCUMENT_BYTES + 1); // sparse: stat says 64 MiB + 1, no disk used
    const fs = { ...nodeFileSystem(), readFile: () => Promise.reject(new Error('read it')) };
    expect(await readDocumentFile(file, { fs })).toEqual({
      kind: 'failed',
      problem: 'too-large',
      detail: 'the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be',
    });
  });

  it('says what is wrong with folders and missing files', async () => {
    expect(await readDocumentFile(scratch)).toMatchObject({
      problem: 'not-a-file',
      detail: 'is a directory, not a .graph file',
    });
    expect(await readDocumentFile(path.join(scratch, 'nope.graph'))).toMatchObject({
      problem: 'missing',
      detail: 'no such file',
    });
  });
});
