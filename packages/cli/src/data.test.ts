import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineDocument } from './__tests__/lineDocument';
import { runCli } from './testing';

const example = (name: string) =>
  readFileSync(new URL(`../../../examples/${name}.graph`, import.meta.url), 'utf8');

/** ŷ = w·x over four inline points (x, y = 3x), J = mean (ŷ − y)², w at 1. */
const LINE = lineDocument(
  {
    kind: 'inline',
    rows: [
      [1, 3],
      [2, 6],
      [-1, -3],
      [4, 12],
    ],
  },
  1,
);

describe('eval and gradcheck on files with datasets: over the whole training split', () => {
  it('eval: J over every sample, per-sample nodes as their batch mean with a summary', async () => {
    const { code, stdout } = await runCli(['eval', 'line.graph', '--json'], {
      files: { 'line.graph': LINE },
    });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { nodes: Record<string, { value: number; grad?: number }> };
    // err = (w − 3)·x = −2x: J = mean(4x²) = 4·(1 + 4 + 1 + 16)/4 = 22; dJ/dw = mean(2·err·x) = −22.
    expect(json.nodes['J']).toMatchObject({ value: 22, grad: 1 });
    expect(json.nodes['w']).toMatchObject({ value: 1, grad: -22 });
    expect(json.nodes['data/x']).toMatchObject({
      value: 1.5,
      batch: { count: 4, mean: 1.5, min: -1, max: 4 },
    });
  });

  it('gradcheck: every parameter of the spiral network against central differences over the batch', async () => {
    const { code, stdout } = await runCli(
      ['gradcheck', 'spiral.graph', '--json', '--sources-only'],
      {
        files: { 'spiral.graph': example('spiral') },
      },
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      ok: boolean;
      nodes: Record<string, { skipped?: true; reason?: string; analytic?: number }>;
    };
    expect(json.ok).toBe(true);
    expect(json.nodes['data/x1']).toEqual({
      skipped: true,
      reason: 'it holds one value per sample',
    });
    const checked = Object.keys(json.nodes).filter((id) => json.nodes[id]!.skipped !== true);
    expect(checked).toContain('h1_1/w1');
    expect(checked).toContain('out/b');
    expect(checked.length).toBeGreaterThanOrEqual(8 * 3 + 8 * 9 + 9);
  });

  it('a dataset that cannot be read stops eval with its reason, exit 2', async () => {
    const text = lineDocument({ kind: 'file', path: 'gone.csv' }, 1);
    const { code, stderr } = await runCli(['eval', 'line.graph'], {
      files: { 'line.graph': text },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'chainrule: line.graph: dataset "d": cannot read "gone.csv": no such file\n',
    );
  });

  it.each(['numpy', 'pytorch', 'typescript'])(
    'export to %s refuses a graph with datasets, naming each data and reduction node',
    async (target) => {
      const { code, stdout, stderr } = await runCli(
        ['export', 'linear-regression.graph', '--to', target],
        { files: { 'linear-regression.graph': example('linear-regression') } },
      );
      expect(code).toBe(1);
      expect(stdout).toBe('');
      for (const id of ['data/x', 'data/y', 'J']) expect(stderr).toContain(`node "${id}"`);
      expect(stderr).toContain('exporting datasets and batches is not supported yet');
    },
  );
});
