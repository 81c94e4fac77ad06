import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { examples } from '@chainrule/learn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextFile } from '../io';
import { runCli } from '../testing';

const NET = examples.find((example) => example.id === 'two-layer-network.graph')!.text;
const files = { 'net.graph': NET };

type EvalJson = {
  output: string;
  nodes: Record<string, { value?: number; grad?: number; error?: string }>;
  edges: Record<string, { local?: number; grad?: number }>;
  instances?: Record<
    string,
    { op: string; inputs: Record<string, string>; outputs: Record<string, string> }
  >;
};

const evalJson = async (name: string, text: string): Promise<EvalJson> => {
  const result = await runCli(['eval', name, '--json'], { files: { [name]: text } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as EvalJson;
};

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'chainrule-flatten-cli-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('chainrule flatten', () => {
  it('writes a plain graph with no composites that evaluates to the same numbers', async () => {
    const result = await runCli(['flatten', 'net.graph'], { files });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('"definitions"');
    expect(result.stdout).not.toContain('"neuron2"');
    const parsed = parseGraphDocument(result.stdout, standardRegistry);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    expect(parsed.ok && parsed.document.graph.nodes.some((node) => node.id === 'h1/mul1')).toBe(
      true,
    );
    const before = await evalJson('net.graph', NET);
    const after = await evalJson('flat.graph', result.stdout);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.edges).toEqual(before.edges);
  });

  it('writes --out atomically to a real file, and refuses a broken file with its location', async () => {
    const source = join(folder, 'net.graph');
    const out = join(folder, 'flat.graph');
    await writeFile(source, NET);
    const result = await runCli(['flatten', source, '--out', out], { readFile: readTextFile });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wrote .*flat\.graph \(\d+ nodes, no composites\)\n$/);
    expect(await readFile(out, 'utf8')).toContain('"id": "o/y"');
    const broken = NET.replace('"targetPort": "p"', '"targetPort": "q"');
    const refused = await runCli(['flatten', 'b.graph'], { files: { 'b.graph': broken } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^chainrule: b\.graph: edges\[6\]\.targetPort \(line \d+, column \d+\): /,
    );
  });
});

describe('eval, gradcheck, train and export accept composites', () => {
  it('eval --json reports inner nodes under their paths, and what carries each instance port', async () => {
    const json = await evalJson('net.graph', NET);
    expect(Object.keys(json.nodes)).toContain('h2/mul1');
    expect(json.output).toBe('L/y');
    expect(json.instances?.['h1']).toEqual({
      op: 'neuron2',
      inputs: { x1: 'x1', x2: 'x2' },
      outputs: { y: 'h1/y' },
    });
    expect(json.instances?.['o']?.inputs).toEqual({ x1: 'h1/y', x2: 'h2/y' });
    // --set reaches an instance's parameter by its path.
    const set = await runCli(['eval', 'net.graph', '--json', '--set', 'o/b=2'], { files });
    expect(JSON.parse(set.stdout).nodes['o/b'].value).toBe(2);
  });

  it('gradcheck checks every inner node and agrees', async () => {
    const result = await runCli(['gradcheck', 'net.graph', '--json'], { files });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('h1/w1');
  });

  it('train trains every instance its own weights and saves them into the instances', async () => {
    const source = join(folder, 'net.graph');
    await writeFile(source, NET);
    const result = await runCli(['train', source, '--steps', '200', '--lr', '0.5'], {
      readFile: readTextFile,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const saved = await readFile(source, 'utf8');
    const parsed = parseGraphDocument(saved, standardRegistry);
    if (!parsed.ok) throw new Error('the trained file must load');
    const h1 = parsed.document.graph.nodes.find((node) => node.id === 'h1')!;
    expect(Object.keys(h1.params ?? {}).sort()).toEqual(['b', 'w1', 'w2']);
    expect(h1.params?.['w1']).not.toBe(0.5);
    expect(parsed.document.definitions?.map((definition) => definition.name)).toEqual([
      'neuron2',
      'mse',
    ]);
    const after = await evalJson('trained.graph', saved);
    expect(after.nodes['L/y']!.value).toBeLessThan(1e-6);
  });

  it('train says which trained parameters of nested instances it cannot save', async () => {
    // Wrap the whole network's first neuron in a definition "pair" holding an instance of neuron2.
    const nested = NET.replace(
      '{ "id": "h1", "op": "neuron2", "label": "h1", "params": { "b": 0.1, "w1": 0.5, "w2": -0.4 }',
      '{ "id": "h1", "op": "wrap", "label": "h1"',
    ).replace(
      '  "definitions": [\n',
      `  "definitions": [
    {
      "name": "wrap",
      "inputs": ["x1", "x2"],
      "outputs": [{ "name": "y", "node": "n" }],
      "graph": {
        "nodes": [
          { "id": "x1", "op": "input", "params": { "value": 0 } },
          { "id": "x2", "op": "input", "params": { "value": 0 } },
          { "id": "n", "op": "neuron2", "params": { "w1": 0.5, "w2": -0.4, "b": 0.1 } }
        ],
        "edges": [
          { "id": "a", "source": "x1", "target": "n", "targetPort": "x1" },
          { "id": "b", "source": "x2", "target": "n", "targetPort": "x2" }
        ]
      }
    },
`,
    );
    const source = join(folder, 'nested.graph');
    await writeFile(source, nested);
    const result = await runCli(['train', source, '--steps', '5', '--lr', '0.1'], {
      readFile: readTextFile,
    });
    expect(result.code).toBe(0);
    // The definition holds them for every instance of "wrap": they are named, not written.
    expect(result.stderr).toContain('not saved: h1/n/w1, h1/n/w2, h1/n/b');
    const saved = await readFile(source, 'utf8');
    expect(saved).toContain(
      '{ "id": "n", "op": "neuron2", "params": { "b": 0.1, "w1": 0.5, "w2": -0.4 }',
    );
  });

  it('export flattens first', async () => {
    const result = await runCli(['export', 'net.graph', '--to', 'typescript'], { files });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });
});
