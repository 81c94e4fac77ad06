import { readFileSync, writeFileSync } from 'node:fs';
import { parseGraphDocument, serializeGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';

/**
 * The shipped examples: each passes `chainrule check`, and `chainrule eval --json` prints exactly
 * its golden file. After a deliberate change to the output, regenerate the goldens with
 * `UPDATE_GOLDENS=1 npx vitest run --project cli` and review the diff.
 */
const examples = new URL('../../../examples/', import.meta.url);
const update = process.env['UPDATE_GOLDENS'] === '1';

const cases = [
  { name: 'seed', evalCode: 0, gradcheckCode: 0 },
  { name: 'tanh-neuron', evalCode: 0, gradcheckCode: 0 },
  { name: 'squared-error', evalCode: 0, gradcheckCode: 0 },
  // log(x − 5) at x = 2: eval reports the error (exit 1), and J has no gradient to check.
  { name: 'domain-error', evalCode: 1, gradcheckCode: 1 },
];

describe.each(cases)('examples/$name.graph', ({ name, evalCode, gradcheckCode }) => {
  const file = `${name}.graph`;
  const files = { [file]: readFileSync(new URL(file, examples), 'utf8') };

  it('passes chainrule check', async () => {
    const { code, stdout, stderr } = await runCli(['check', file], { files });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${name}\\.graph: ok \\(`));
  });

  it('is written exactly as the app would save it (load → save is the same text)', () => {
    const text = files[file]!;
    const result = parseGraphDocument(text, standardRegistry);
    expect(result.ok && serializeGraphDocument(result.document)).toBe(text);
  });

  it('prints its golden eval --json', async () => {
    const { code, stdout } = await runCli(['eval', file, '--json'], { files });
    expect(code).toBe(evalCode);
    const golden = new URL(`golden/${name}.json`, examples);
    if (update) writeFileSync(golden, stdout);
    expect(stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it(`gradchecks with exit ${gradcheckCode}`, async () => {
    const { code } = await runCli(['gradcheck', file], { files });
    expect(code).toBe(gradcheckCode);
  });
});
