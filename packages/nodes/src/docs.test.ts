import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standardRegistry } from '@chainrule/nodes';

const opsDoc = readFileSync(new URL('../../../docs/ops.md', import.meta.url), 'utf8');

/** The cells of an op's table row, split on unescaped pipes, with `\|` turned back into `|`. */
const cellsOf = (id: string): string[] | undefined => {
  const line = opsDoc.split('\n').find((l) => l.startsWith(`| \`${id}\` `));
  return line
    ?.split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.replaceAll('\\|', '|').trim());
};

describe('docs/ops.md', () => {
  it('has a row for every op with its symbol, formula and every local derivative', () => {
    for (const op of standardRegistry.list()) {
      const cells = cellsOf(op.id);
      if (!cells) throw new Error(`docs/ops.md has no row for ${op.id}`);
      expect(cells[1], `${op.id} symbol`).toBe(op.symbol);
      if (op.kind !== 'source') {
        expect(cells[2], `${op.id} formula`).toBe(op.formula);
        const documented = (cells[3] ?? '').split('<br>').map((f) => f.trim());
        expect(documented, `${op.id} derivatives`).toEqual(op.derivatives.map((d) => d.formula));
      }
    }
  });

  it('documents a convention for every op that declares one in its notes', () => {
    for (const op of standardRegistry.list()) {
      if (op.kind !== 'function' || !op.notes?.length) continue;
      expect(cellsOf(op.id)?.[5], `${op.id} has notes but no documented convention`).not.toBe('');
    }
  });
});
