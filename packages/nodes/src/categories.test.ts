import { describe, expect, it } from 'vitest';
import { groupOpsByCategory, opCategories, standardRegistry } from '@chainrule/nodes';

describe('palette categories', () => {
  it('list every op exactly once, sources first, each under a human heading', () => {
    const groups = groupOpsByCategory(standardRegistry.list());
    expect(groups.map((g) => g.id)).toEqual(opCategories.map((c) => c.id));
    expect(groups[0]?.ops.map((op) => op.id)).toEqual(['input', 'const']);
    const listed = groups.flatMap((g) => g.ops.map((op) => op.id));
    expect([...listed].sort()).toEqual(
      standardRegistry
        .list()
        .map((op) => op.id)
        .sort(),
    );
    for (const group of groups) expect(group.label).toMatch(/^[A-Z]/);
  });

  it('leave out categories with no ops', () => {
    const onlySources = standardRegistry.list().filter((op) => op.kind === 'source' && !op.varying);
    expect(groupOpsByCategory(onlySources).map((g) => g.label)).toEqual(['Sources']);
  });
});
