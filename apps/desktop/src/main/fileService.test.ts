import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileService, hasGraphExtension, type FilePort } from './fileService';
import { nodeFilePort } from './nodeFilePort';

const acceptAll = () => ({ ok: true }) as const;
let counter = 0;
const uniqueSuffix = () => `t${++counter}`;

function fault(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

describe('file service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chainrule-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves a new file and reads it back', async () => {
    const files = createFileService({
      fs: nodeFilePort(),
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    const target = path.join(dir, 'net.graph');
    expect(await files.write(target, 'new text')).toEqual({
      kind: 'written',
      path: target,
      name: 'net.graph',
    });
    expect(await files.read(target)).toEqual({
      kind: 'read',
      path: target,
      name: 'net.graph',
      text: 'new text',
    });
    expect(await readdir(dir)).toEqual(['net.graph']);
  });

  it('keeps the old file intact when the process dies between write and rename', async () => {
    const target = path.join(dir, 'net.graph');
    await writeFile(target, 'old text');
    const real = nodeFilePort();
    let tempWritten = '';
    const crashing: FilePort = {
      ...real,
      async writeNewFile(file, data, mode) {
        await real.writeNewFile(file, data, mode);
        tempWritten = await readFile(file, 'utf8');
      },
      rename: () => Promise.reject(fault('EIO')),
    };
    const files = createFileService({
      fs: crashing,
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    const result = await files.write(target, 'new text');
    expect(tempWritten).toBe('new text');
    expect(result.kind).toBe('failed');
    expect(await readFile(target, 'utf8')).toBe('old text');
    // The half-finished temp file is cleaned up.
    expect(await readdir(dir)).toEqual(['net.graph']);
  });

  it('keeps the old file intact when the disk fills up mid-write', async () => {
    const target = path.join(dir, 'net.graph');
    await writeFile(target, 'old text');
    const real = nodeFilePort();
    const fullDisk: FilePort = {
      ...real,
      async writeNewFile(file, data, mode) {
        await real.writeNewFile(file, data.slice(0, 3), mode);
        throw fault('ENOSPC');
      },
    };
    const files = createFileService({
      fs: fullDisk,
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    const result = await files.write(target, 'new text');
    expect(result).toEqual({
      kind: 'failed',
      message: "Couldn't save “net.graph”: the disk is full.",
    });
    expect(await readFile(target, 'utf8')).toBe('old text');
    expect(await readdir(dir)).toEqual(['net.graph']);
  });

  it('reports a read-only target as an error and leaves the file alone', async () => {
    const target = path.join(dir, 'net.graph');
    await writeFile(target, 'old text');
    const readOnly: FilePort = {
      ...nodeFilePort(),
      writeNewFile: () => Promise.reject(fault('EACCES')),
    };
    const files = createFileService({
      fs: readOnly,
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    const result = await files.write(target, 'new text');
    expect(result).toEqual({
      kind: 'failed',
      message: "You don't have permission to save “net.graph”.",
    });
    expect(await readFile(target, 'utf8')).toBe('old text');
  });

  it('preserves the permissions of the file it replaces', async () => {
    const target = path.join(dir, 'net.graph');
    await writeFile(target, 'old', { mode: 0o640 });
    const files = createFileService({
      fs: nodeFilePort(),
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    await files.write(target, 'new');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('refuses a broken file with the checker’s message', async () => {
    const target = path.join(dir, 'broken.graph');
    await writeFile(target, '{ "nodes": [');
    const files = createFileService({
      fs: nodeFilePort(),
      checkDocument: () => ({ ok: false, message: 'line 1, column 13: unexpected end of input' }),
      maxBytes: 1024,
      uniqueSuffix,
    });
    expect(await files.read(target)).toEqual({
      kind: 'failed',
      message: "Couldn't open “broken.graph”: line 1, column 13: unexpected end of input",
    });
  });

  it('refuses files over the size limit without reading them', async () => {
    const target = path.join(dir, 'huge.graph');
    await writeFile(target, 'x'.repeat(2048));
    let reads = 0;
    const port: FilePort = {
      ...nodeFilePort(),
      readFile: async () => {
        reads += 1;
        return '';
      },
    };
    const files = createFileService({
      fs: port,
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    const result = await files.read(target);
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.message).toMatch(/too large/);
    expect(reads).toBe(0);
  });

  it('reports missing files and folders as failures, not exceptions', async () => {
    const files = createFileService({
      fs: nodeFilePort(),
      checkDocument: acceptAll,
      maxBytes: 1024,
      uniqueSuffix,
    });
    expect(await files.read(path.join(dir, 'gone.graph'))).toEqual({
      kind: 'failed',
      message: '“gone.graph” no longer exists.',
    });
    expect((await files.read(dir)).kind).toBe('failed');
    expect((await files.write(path.join(dir, 'no', 'such', 'x.graph'), 't')).kind).toBe('failed');
  });

  it('recognises .graph names case-insensitively', () => {
    expect(hasGraphExtension('/a/b/net.graph')).toBe(true);
    expect(hasGraphExtension('C:\\x\\NET.GRAPH')).toBe(true);
    expect(hasGraphExtension('/a/net.graph.txt')).toBe(false);
    expect(hasGraphExtension('/a/graph')).toBe(false);
  });
});
