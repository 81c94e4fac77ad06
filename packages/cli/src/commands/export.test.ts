import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextFile } from '../io';
import { runCli } from '../testing';

const examples = new URL('../../../../examples/', import.meta.url);
const SEED = await readFile(new URL('seed.graph', examples), 'utf8');
const DOMAIN_ERROR = await readFile(new URL('domain-error.graph', examples), 'utf8');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'chainrule-export-cli-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The CLI against the real file system. */
const cli = (argv: string[]) => runCli(argv, { readFile: readTextFile });

describe('chainrule export', () => {
  it('prints the NumPy export of the seed, which Python runs to the seed numbers', async () => {
    const result = await runCli(['export', 'seed.graph', '--to', 'numpy'], {
      files: { 'seed.graph': SEED },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('dJ_db = dJ_du * c');
    const script = join(folder, 'seed.py');
    await writeFile(script, result.stdout);
    const python = spawnSync('/usr/bin/python3', [script], { encoding: 'utf8' });
    expect(
      python.status,
      `${python.stderr}\nthis test runs Debian's /usr/bin/python3 with NumPy: sudo apt-get install python3-numpy python3-torch`,
    ).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual({ output: 33, grads: { a: 3, b: 6, c: 9 } });
  }, 60_000);

  it.each([
    ['pytorch', 'J.backward()'],
    ['typescript', 'export function evaluate('],
  ])('prints the %s export', async (to, marker) => {
    const result = await runCli(['export', 'seed.graph', '--to', to], {
      files: { 'seed.graph': SEED },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(marker);
  });

  it('writes --out atomically, leaving no temporary file, and ONNX as bytes', async () => {
    const seed = join(folder, 'seed.graph');
    await writeFile(seed, SEED);
    const out = join(folder, 'seed.onnx');
    await writeFile(out, 'old contents');
    const result = await cli(['export', seed, '--to', 'onnx', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('wrote');
    const bytes = await readFile(out);
    // A protobuf ModelProto: field 1 (ir_version, varint) first, and the graph inside it.
    expect(bytes[0]).toBe(0x08);
    expect(bytes.includes(Buffer.from('dJ_db'))).toBe(true);
    expect((await readdir(folder)).sort()).toEqual(['seed.graph', 'seed.onnx']);
  });

  it('reports a write failure with exit 2 and leaves nothing behind', async () => {
    const seed = join(folder, 'seed.graph');
    await writeFile(seed, SEED);
    const result = await cli([
      'export',
      seed,
      '--to',
      'numpy',
      '--out',
      join(folder, 'no', 'x.py'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not write/);
  });

  it('refuses a graph in error at its inputs with exit 1, naming the node and the reason', async () => {
    const result = await runCli(['export', 'bad.graph', '--to', 'pytorch'], {
      files: { 'bad.graph': DOMAIN_ERROR },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^chainrule: bad\.graph: cannot export to pytorch: node ".+": .*log needs x > 0/m,
    );
  });

  it('misuse exits 2: no --to, an unknown target, ONNX to stdout, no output J', async () => {
    const files = { 'seed.graph': SEED, 'noout.graph': SEED.replace('"output": "J",', '') };
    for (const argv of [
      ['export', 'seed.graph'],
      ['export', 'seed.graph', '--to', 'jax'],
      ['export', 'seed.graph', '--to', 'onnx'],
      ['export', 'noout.graph', '--to', 'numpy'],
      ['export', 'missing.graph', '--to', 'numpy'],
    ]) {
      const result = await runCli(argv, { files });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(/^chainrule: /);
    }
  });

  it('is listed in chainrule --help', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/^ {2}export +write the graph as/m);
  });
});
