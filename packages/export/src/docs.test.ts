import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { examplesFolder } from './__tests__/corpus';
import { describeOnnx, exportGraph, exportTargets, type ExportTarget } from './index';

/** docs/export.md shows the seed in every target: it must be what the exporter writes today. */
const docPath = join(examplesFolder, '../docs/export.md');
const BLOCK = /(<!-- export:([a-z]+) -->\n```[a-z]*\n)([\s\S]*?)(^```$)/gm;

const generated = (target: ExportTarget): string => {
  const parsed = parseGraphDocument(
    readFileSync(join(examplesFolder, 'seed.graph'), 'utf8'),
    standardRegistry,
  );
  if (!parsed.ok) throw new Error('the seed does not parse');
  const result = exportGraph(parsed.document.graph, { to: target, title: parsed.document.name });
  return result.kind === 'text' ? result.text : describeOnnx(result.bytes);
};

describe('docs/export.md', () => {
  if (process.env['UPDATE_EXPORT_DOCS']) {
    const text = readFileSync(docPath, 'utf8').replace(
      BLOCK,
      (_all, head: string, target: string, _body, tail: string) =>
        `${head}${generated(target as ExportTarget)}${tail}`,
    );
    writeFileSync(docPath, text);
  }
  const doc = readFileSync(docPath, 'utf8');
  const blocks = new Map([...doc.matchAll(BLOCK)].map((match) => [match[2]!, match[3]!]));

  it.each([...exportTargets])('shows the seed exported to %s exactly as generated', (target) => {
    expect(blocks.get(target), `no block for ${target}`).toBeDefined();
    expect(blocks.get(target)).toBe(generated(target));
  });
});
