import { describe, expect, it } from 'vitest';
import { parseGraphDocument, serializeGraphDocument } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { trainableParameters } from '@chainrule/learn';

const text = `{
  "format": "chainrule.graph",
  "version": 1,
  "output": "J",
  "nodes": [
    { "id": "x", "op": "input", "params": { "value": 2, "fixed": 1 } },
    { "id": "w", "op": "input", "params": { "value": 0.5 } },
    { "id": "J", "op": "mul" }
  ],
  "edges": [
    { "id": "e1", "source": "x", "target": "J", "targetPort": "a" },
    { "id": "e2", "source": "w", "target": "J", "targetPort": "b" }
  ]
}`;

describe('a fixed input', () => {
  it('stays fixed through load, save and reload, so training never moves it', () => {
    const first = parseGraphDocument(text, standardRegistry);
    if (!first.ok) throw new Error(first.errors.map((error) => error.message).join('\n'));
    expect(first.warnings).toEqual([]);
    const saved = serializeGraphDocument(first.document);
    expect(saved).toContain('"fixed": 1');
    const second = parseGraphDocument(saved, standardRegistry);
    if (!second.ok) throw new Error('reload failed');
    expect(trainableParameters(second.document.graph, standardRegistry)).toEqual(['w']);
  });
});
