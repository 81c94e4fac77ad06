import {
  chmod,
  lstat,
  mkdir,
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
import { lineDocument } from '../__tests__/lineDocument';
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
    'gives exactly the app trainer’s values on least-squares-by-hand (%s)',
    async (kind, lr, steps) => {
      const path = await copyExample('least-squares-by-hand');
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
      const expected = await trainInProcess('least-squares-by-hand', kind, lr, steps);
      const trained = await graphIn(path);
      for (const id of ['w', 'b']) {
        expect(valueIn(trained, id)).toBe(expected.values.get(nodeId(id)));
      }
      expect(stdout).toContain(`step ${String(steps)}  J = `);
      expect(stdout).toMatch(/wrote .*least-squares-by-hand\.graph\n$/);
    },
  );

  it('prints the loss every K steps, then a before/after table; other nodes and layout are kept', async () => {
    const path = await copyExample('least-squares-by-hand');
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
    expect(text).toContain('"position": { "x": 0, "y": 420 }');
  });

  it('writes to --out and leaves the input untouched, with no temporary file left behind', async () => {
    const path = await copyExample('least-squares-by-hand');
    const before = await readFile(path, 'utf8');
    const out = join(folder, 'trained.graph');
    const { code } = await cli(['train', path, '--steps', '50', '--lr', '0.02', '--out', out]);
    expect(code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(valueIn(await graphIn(out), 'w')).not.toBe(0);
    expect((await readdir(folder)).sort()).toEqual([
      'least-squares-by-hand.graph',
      'trained.graph',
    ]);
  });

  it('stops on divergence, says so on stderr, writes the last good values and exits 1', async () => {
    const path = await copyExample('least-squares-by-hand');
    const { code, stdout, stderr } = await cli(['train', path, '--steps', '1000', '--lr', '0.5']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Training diverged at step \d+/);
    expect(stdout).toContain('the last good values');
    const expected = await trainInProcess('least-squares-by-hand', 'sgd', 0.5, 1000);
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

/** One JSON object on stdout, as `--json` promises. */
const jsonOf = (stdout: string) => {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as {
    steps: number;
    loss: number;
    testLoss: number | null;
    accuracy: number | null;
    testAccuracy: number | null;
  };
};

const flatParams = async (path: string, id: string): Promise<Record<string, unknown>> =>
  (await graphIn(path)).nodes.find((node) => node.id === id)!.params as Record<string, unknown>;

describe('chainrule train on datasets', () => {
  it('learns the gallery’s spiral: ≥ 90 % test accuracy with a fixed seed, reported by --json', async () => {
    const path = await copyExample('spiral');
    const out = join(folder, 'trained.graph');
    const started = Date.now();
    const { code, stdout, stderr } = await cli([
      'train',
      path,
      '--seed',
      '1',
      '--json',
      '--out',
      out,
    ]);
    const seconds = (Date.now() - started) / 1000;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = jsonOf(stdout);
    console.log(`spiral: ${JSON.stringify(report)} in ${seconds.toFixed(1)} s`);
    expect(report.steps).toBe(800);
    expect(report.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.testLoss).toBeLessThan(report.loss * 10);
    // The trained weights are saved into the instances' params; the rest of the file is kept.
    const before = await flatParams(path, 'h1_1');
    const after = await flatParams(out, 'h1_1');
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after['w1']).not.toBe(before['w1']);
    const again = await cli([
      'train',
      out,
      '--steps',
      '0',
      '--json',
      '--out',
      join(folder, 'same.graph'),
    ]);
    expect(jsonOf(again.stdout).testAccuracy).toBe(report.testAccuracy);
  }, 180_000);

  it('fits the noisy line: w and b near 2 and 1, test loss reported, no accuracy for regression', async () => {
    const path = await copyExample('linear-regression');
    const { code, stdout } = await cli(['train', path, '--json']);
    expect(code).toBe(0);
    const report = jsonOf(stdout);
    expect(report).toMatchObject({ steps: 300, accuracy: null, testAccuracy: null });
    // Noise of standard deviation 0.3: the mean squared error of the true line is about 0.09.
    expect(report.loss).toBeGreaterThan(0.03);
    expect(report.loss).toBeLessThan(0.2);
    expect(report.testLoss).toBeLessThan(0.3);
    expect(valueIn(await graphIn(path), 'w')).toBeCloseTo(2, 0);
    expect(valueIn(await graphIn(path), 'b')).toBeCloseTo(1, 0);
  });

  it('prints train and test loss and accuracy every K steps without --json', async () => {
    const path = await copyExample('logistic-regression');
    const { code, stdout } = await cli(['train', path, '--steps', '20', '--every', '10']);
    expect(code).toBe(0);
    expect(stdout).toContain('full batch of 150 samples (50 held out for testing)');
    const lines = stdout.split('\n').filter((line) => line.startsWith('step'));
    expect(lines.map((line) => line.match(/^step +(\d+)/)![1])).toEqual(['0', '10', '20']);
    expect(lines[2]).toMatch(/J = \S+ {2}test \S+ {2}accuracy \d+\.\d% {2}test accuracy \d+\.\d%$/);
  });

  it('mini-batches are the same for the same --seed and differ for another', async () => {
    const run = async (seed: string, name: string) => {
      const path = await copyExample('xor');
      const out = join(folder, name);
      const { code, stdout } = await cli([
        'train',
        path,
        '--steps',
        '30',
        '--batch',
        '16',
        '--seed',
        seed,
        '--json',
        '--out',
        out,
      ]);
      expect(code).toBe(0);
      return { report: jsonOf(stdout), text: await readFile(out, 'utf8') };
    };
    const first = await run('4', 'a.graph');
    const same = await run('4', 'b.graph');
    const other = await run('5', 'c.graph');
    expect(same.text).toBe(first.text);
    expect(same.report).toEqual(first.report);
    expect(other.text).not.toBe(first.text);
  });

  it('reads a CSV beside the file, relative to its folder, and names the line of a bad row', async () => {
    const path = join(folder, 'fit.graph');
    const document = lineDocument({ kind: 'file', path: 'data/points.csv' }, 0, {
      training: { learningRate: 0.1, steps: 200 },
    });
    await writeFile(path, document);
    await mkdir(join(folder, 'data'));
    await writeFile(join(folder, 'data', 'points.csv'), 'x,y\n1,3\n2,6\n-1,-3\n');
    const { code, stderr } = await cli(['train', path, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(valueIn(await graphIn(path), 'w')).toBeCloseTo(3, 6);

    await writeFile(join(folder, 'data', 'points.csv'), 'x,y\n1,3\n2\n');
    const bad = await cli(['train', path, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `chainrule: ${path}: dataset "d": data/points.csv: line 3: this row has 1 value, but the header has 2 columns ("x", "y")\n`,
    );
    await rm(join(folder, 'data'), { recursive: true });
    const missing = await cli(['train', path, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `chainrule: ${path}: dataset "d": cannot read "data/points.csv": no such file\n`,
    );
  });

  it('--json on a graph without data: the loss, and null for what needs a test split or labels', async () => {
    const path = await copyExample('least-squares-by-hand');
    const { code, stdout } = await cli(['train', path, '--steps', '50', '--lr', '0.02', '--json']);
    expect(code).toBe(0);
    const report = jsonOf(stdout);
    expect(report).toMatchObject({ steps: 50, testLoss: null, accuracy: null, testAccuracy: null });
    expect(report.loss).toBeGreaterThan(0);
  });

  it('refuses --batch on a graph without data', async () => {
    const path = await copyExample('fan-out');
    const { code, stderr } = await cli([
      'train',
      path,
      '--steps',
      '1',
      '--lr',
      '0.1',
      '--batch',
      '4',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--batch needs a file with datasets/);
  });
});
