import { readFileSync } from 'node:fs';
import { parseGraphDocument, serializeGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

/** docs/graph-format.md is the format's specification: its examples must be true. */
const doc = readFileSync(new URL('../../../docs/graph-format.md', import.meta.url), 'utf8');
const SEED = readFileSync(new URL('../../../examples/seed.graph', import.meta.url), 'utf8');

const blocks = (language: string): string[] =>
  [...doc.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map(
    (match) => match[1]!,
  );

describe('docs/graph-format.md', () => {
  const examples = blocks('json');

  it('has json examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((text, index) => [index, text] as const))(
    'example %i loads with no errors and no warnings',
    (_index, text) => {
      const result = parseGraphDocument(text, standardRegistry);
      expect(result.ok ? result.warnings : result.errors).toEqual([]);
    },
  );

  it('shows the first example exactly as the writer saves it', () => {
    const first = examples[0]!;
    const result = parseGraphDocument(first, standardRegistry);
    expect(result.ok && serializeGraphDocument(result.document)).toBe(first);
  });

  it('quotes error lines the CLI really prints for examples/seed.graph', async () => {
    const [printed] = blocks('text');
    const unknownOp = SEED.replace('"op": "add"', '"op": "ad"');
    const truncated = SEED.slice(0, 200);
    const files = { FILE: unknownOp };
    const first = (await runCli(['check', 'FILE'], { files })).stderr;
    const second = (await runCli(['check', 'FILE'], { files: { FILE: truncated } })).stderr;
    expect(printed).toBe(`${first}${second}`);
  });
});
