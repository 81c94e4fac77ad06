import { readFileSync, writeFileSync } from 'node:fs';
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

/** docs/cli.md: the overview, then each command's `--help`, exactly as the CLI prints them. */
describe('docs/cli.md', () => {
  const url = new URL('../../../docs/cli.md', import.meta.url);

  it('quotes `chainrule --help` and every command’s --help as printed (UPDATE_CLI_DOCS=1 regenerates it)', async () => {
    const overview = (await runCli(['--help'])).stdout;
    const names = [...overview.matchAll(/^ {2}(\w+) {2,}/gm)].map((match) => match[1]!);
    expect(names).toContain('flatten');
    const sections = [
      '# The `chainrule` command line',
      '',
      "Generated from the CLI's own help by `UPDATE_CLI_DOCS=1 npx vitest run --project cli`;",
      '`packages/cli/src/docs.test.ts` fails when this page and `chainrule --help` differ.',
      'Every command reads format versions 1 and 2: composites are flattened first (inner nodes',
      'appear under their paths, such as `h1/mul1`; see [graph-format.md](graph-format.md)).',
      '',
      '```text',
      overview.trimEnd(),
      '```',
    ];
    for (const name of names) {
      const help = (await runCli([name, '--help'])).stdout;
      sections.push('', `## chainrule ${name}`, '', '```text', help.trimEnd(), '```');
    }
    const expected = `${sections.join('\n')}\n`;
    if (process.env['UPDATE_CLI_DOCS']) writeFileSync(url, expected);
    expect(readFileSync(url, 'utf8')).toBe(expected);
  });
});
