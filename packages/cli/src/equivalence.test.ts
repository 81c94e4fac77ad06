import { examples } from '@chainrule/learn';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

type Entry = Record<string, number | string>;
type EvalJson = { nodes: Record<string, Entry>; edges: Record<string, Entry> };

const evalJson = async (name: string, text: string): Promise<EvalJson> => {
  const { stdout } = await runCli(['eval', name, '--json'], { files: { [name]: text } });
  return JSON.parse(stdout) as EvalJson;
};

/** Every number of `actual` within 1e-12 of `expected` (relative above 1), same keys and texts. */
const expectClose = (
  actual: Record<string, Entry>,
  expected: Record<string, Entry>,
  what: string,
) => {
  expect(Object.keys(actual), what).toEqual(Object.keys(expected));
  for (const [id, entry] of Object.entries(expected)) {
    expect(Object.keys(actual[id]!), `${what} ${id}`).toEqual(Object.keys(entry));
    for (const [field, value] of Object.entries(entry)) {
      const other = actual[id]![field];
      if (typeof value === 'number') {
        expect(Math.abs((other as number) - value), `${what} ${id}.${field}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(value)),
        );
      } else expect(other, `${what} ${id}.${field}`).toBe(value);
    }
  }
};

describe('every example equals `chainrule flatten` followed by `chainrule eval`', () => {
  it.each(examples.map((example) => [example.id, example.text] as const))(
    '%s: every value and gradient within 1e-12',
    async (id, text) => {
      const flattened = await runCli(['flatten', id], { files: { [id]: text } });
      expect(flattened.code).toBe(0);
      expect(flattened.stdout).not.toContain('"definitions"');
      const direct = await evalJson(id, text);
      const viaFlat = await evalJson('flat.graph', flattened.stdout);
      expect(Object.keys(direct.nodes).length).toBeGreaterThan(0);
      expectClose(viaFlat.nodes, direct.nodes, 'node');
      expectClose(viaFlat.edges, direct.edges, 'edge');
    },
  );
});
