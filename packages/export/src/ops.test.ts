import { describe, expect, it } from 'vitest';
import { standardRegistry } from '@chainrule/nodes';
import { batchOpRefusals, exportTargets, functionOpExports, sourceOpExports } from './ops';

describe('every op of the registry has an export mapping', () => {
  it.each(standardRegistry.list().map((op) => [op.id, op] as const))('%s', (_id, op) => {
    const refusal = batchOpRefusals[op.id];
    if (refusal !== undefined) {
      // Batch ops are refused by every target, saying why.
      expect(refusal.length, `${op.id} refusal`).toBeGreaterThan(10);
      return;
    }
    if (op.kind === 'source') {
      expect(sourceOpExports[op.id], `source op ${op.id} needs a mapping`).toBeDefined();
      return;
    }
    const mapping = functionOpExports[op.id];
    expect(
      mapping,
      `op ${op.id} has no export mapping in packages/export/src/ops.ts`,
    ).toBeDefined();
    // One local derivative per port, like the op itself.
    expect(mapping!.derivatives).toHaveLength(op.inputs.length);
    // A refusal must say why, for a known target.
    for (const [target, reason] of Object.entries(mapping!.refusals ?? {})) {
      expect(exportTargets).toContain(target);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('maps no op the registry does not have', () => {
    for (const id of [
      ...Object.keys(functionOpExports),
      ...Object.keys(sourceOpExports),
      ...Object.keys(batchOpRefusals),
    ]) {
      expect(standardRegistry.get(id), id).toBeDefined();
    }
  });
});
