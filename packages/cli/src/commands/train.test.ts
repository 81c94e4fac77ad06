import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, nodeId, parseGraphDocument } from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { createTrainer } from '@chainrule/learn';
import type { OptimizerKind } from '@chainrule/learn';
import { standardRegistry } from '@chainrule/nodes';
import { readTextFile } from '../io';
import { runCli } from '../testing';

const example = (name: string) => new URL(`../../../../examples/${name}.graph`, import.meta.url);

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'chainrule-train-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The CLI against the real file system. */
const cli = (argv: string[]) => runCli(argv, { readFile: readTextFile });

const copyExample = async (name: string): Promise<string> => {
  const path = join(folder, `${name}.graph`);
  await writeFile(path, await readFile(example(name), 'utf8'));
  return path;
};

const graphIn = async (path: string): Promise<GraphSpec> => {
  const parsed = parseGraphDocument(await readFile(path, 'utf8'), standardRegistry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.document.graph;
};

const valueIn = (graph: GraphSpec, id: string): number =>
  graph.nodes.find((node) => node.id === id)!.params!['value'] as number;

/** What the app's trainer gives on the same file with the same settings. */
const trainInProcess = async (
  name: string,
  kind: OptimizerKind,
  learningRate: number,
  steps: number,
) => {
  const parsed = parseGraphDocument(await readFile(example(name), 'utf8'), standardRegistry);
  if (!parsed.ok) throw new Error('bad example');
  const runtime = createRuntime({ registry: standardRegistry, graph: parsed.document.graph });
  const trainer = createTrainer(runtime, {
    registry: standardRegistry,
    optimizer: { kind, learningRate },
  });
  const result = trainer.run(steps);
  return { values: trainer.values(), result };
};

describe('chainrule train', () => {
  it.each([
    ['sgd', 0.02, 500],
    ['momentum', 0.01, 300],
    ['adam', 0.1, 300],
  ] as const)(
    'gives exactly the app trainer’s values on linear-regression (%s)',
    async (kind, lr, steps) => {
      const path = await copyExample('linear-regression');
      const { code, stdout, stderr } = await cli([
        'train',
        path,
        '--steps',
        String(steps),
        '--lr',
        String(lr),
        '--optimizer',
        kind,
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const expected = await trainInProcess('linear-regression', kind, lr, steps);
      const trained = await graphIn(path);
      for (const id of ['w', 'b']) {
        expect(valueIn(trained, id)).toBe(expected.values.get(nodeId(id)));
      }
      expect(stdout).toContain(`step ${String(steps)}  J = `);
      expect(stdout).toMatch(/wrote .*linear-regression\.graph\n$/);
    },
  );

  it('prints the loss every K steps, then a before/after table; other nodes and layout are kept', async () => {
    const path = await copyExample('linear-regression');
    const original = await graphIn(path);
    const { code, stdout } = await cli([
      'train',
      path,
      '--steps',
      '20',
      '--lr',
      '0.02',
      '--every',
      '5',
    ]);
    expect(code).toBe(0);
    const steps = [...stdout.matchAll(/^step +(\d+) {2}J = (\S+)$/gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([0, 5, 10, 15, 20]);
    expect(stdout).toMatch(/parameter +before +after\nw +0 +\S+\nb +0 +\S+\n/);
    const trained = await graphIn(path);
    expect(trained.nodes.map((node) => node.id)).toEqual(original.nodes.map((node) => node.id));
    expect(trained.edges).toEqual(original.edges);
    expect(valueIn(trained, 'const2')).toBe(valueIn(original, 'const2'));
    const text = await readFile(path, 'utf8');
    expect(text).toContain('"position": { "x": 0, "y": 350 }');
  });

  it('writes to --out and leaves the input untouched, with no temporary file left behind', async () => {
    const path = await copyExample('linear-regression');
    const before = await readFile(path, 'utf8');
    const out = join(folder, 'trained.graph');
    const { code } = await cli(['train', path, '--steps', '50', '--lr', '0.02', '--out', out]);
    expect(code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(valueIn(await graphIn(out), 'w')).not.toBe(0);
    expect((await readdir(folder)).sort()).toEqual(['linear-regression.graph', 'trained.graph']);
  });

  it('stops on divergence, says so on stderr, writes the last good values and exits 1', async () => {
    const path = await copyExample('linear-regression');
    const { code, stdout, stderr } = await cli(['train', path, '--steps', '1000', '--lr', '0.5']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Training diverged at step \d+/);
    expect(stdout).toContain('the last good values');
    const expected = await trainInProcess('linear-regression', 'sgd', 0.5, 1000);
    expect(expected.result.status.kind).toBe('diverged');
    expect(valueIn(await graphIn(path), 'w')).toBe(expected.values.get(nodeId('w')));
  });

  it('reports a failed write without leaving a temporary file', async () => {
    const path = await copyExample('fan-out');
    const out = join(folder, 'missing-folder', 'out.graph');
    const { code, stderr } = await cli([
      'train',
      path,
      '--steps',
      '1',
      '--lr',
      '0.1',
      '--out',
      out,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/could not write/);
    expect(await readdir(folder)).toEqual(['fan-out.graph']);
  });

  it('writes back like the app saves: the mode kept, through a symlink, never over a read-only file', async () => {
    const path = await copyExample('fan-out');
    await chmod(path, 0o600);
    expect((await cli(['train', path, '--steps', '1', '--lr', '0.1'])).code).toBe(0);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const link = join(folder, 'link.graph');
    await symlink('fan-out.graph', link);
    expect((await cli(['train', link, '--steps', '1', '--lr', '0.1'])).code).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);

    await chmod(path, 0o444);
    const before = await readFile(path);
    const { code, stderr } = await cli(['train', path, '--steps', '1', '--lr', '0.1']);
    expect(code).toBe(2);
    expect(stderr).toContain('could not write: the file is read-only, so it was not overwritten');
    expect((await readFile(path)).equals(before)).toBe(true);
    expect((await readdir(folder)).sort()).toEqual(['fan-out.graph', 'link.graph']);
  });

  it('refuses a Latin-1 file with the same words as the app', async () => {
    const path = join(folder, 'latin1.graph');
    await writeFile(path, Buffer.from('{"name":"café"}', 'latin1'));
    const { code, stderr } = await cli(['train', path, '--steps', '1', '--lr', '0.1']);
    expect(code).toBe(2);
    expect(stderr).toBe(`chainrule: ${path}: the file is not UTF-8 text\n`);
  });

  it.each([
    [['--lr', '0.1'], /--steps N is required/],
    [['--steps', '10'], /--lr X .* is required/],
    [['--steps', '2.5', '--lr', '0.1'], /--steps must be a whole number/],
    [['--steps', '10', '--lr', '0'], /--lr must be greater than 0/],
    [
      ['--steps', '10', '--lr', '0.1', '--optimizer', 'rmsprop'],
      /--optimizer must be one of sgd, momentum, adam/,
    ],
    [['--steps', '10', '--lr', '0.1', '--every', '0'], /--every must be a whole number/],
  ])('refuses %j', async (options, message) => {
    const path = await copyExample('fan-out');
    const { code, stderr } = await cli(['train', path, ...options]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when there is nothing to train', async () => {
    const path = join(folder, 'consts.graph');
    await writeFile(
      path,
      JSON.stringify({
        format: 'chainrule.graph',
        version: 1,
        output: 'k',
        nodes: [{ id: 'k', op: 'const', params: { value: 1 } }],
        edges: [],
      }),
    );
    const { code, stderr } = await cli(['train', path, '--steps', '10', '--lr', '0.1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Nothing to train/);
  });
});
