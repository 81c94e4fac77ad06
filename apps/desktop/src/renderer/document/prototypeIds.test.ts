import { nodeId } from '@chainrule/graph-runtime';
import type { GraphNode } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { connect } from './connect';
import { readGraphText, writeGraphText } from './documentText';
import type { EditorDocument } from './editorDocument';
import { addNode, emptyDocument, moveNodes, positionOf, removeElements } from './editorDocument';
import { extractFragment, insertFragment, parseFragment } from './fragment';

/**
 * Ids the format allows that are also names on Object.prototype. In a plain `{}` table,
 * `table['__proto__'] = at` replaces the prototype instead of storing a position, and
 * `table['toString']` finds a function: positions got lost on save and on delete.
 */
const awkward = ['__proto__', 'constructor', 'toString'] as const;

const build = (): EditorDocument => {
  let doc = emptyDocument();
  awkward.forEach((id, k) => {
    const node: GraphNode = { id: nodeId(id), op: 'input', params: { value: k } };
    doc = addNode(doc, node, { x: 100 * k, y: 10 + k });
  });
  return addNode(doc, { id: nodeId('hasOwnProperty'), op: 'neg' }, { x: 400, y: 40 });
};

describe('node ids such as __proto__, constructor and toString', () => {
  it('keep their positions through save → reopen', () => {
    const doc = build();
    const read = readGraphText(writeGraphText(doc, null), standardRegistry);
    if (!read.ok) throw new Error(read.message);
    awkward.forEach((id, k) => {
      expect(positionOf(read.doc.positions, id), id).toEqual({ x: 100 * k, y: 10 + k });
    });
    expect(Object.keys(read.doc.positions).sort()).toEqual([...awkward, 'hasOwnProperty'].sort());
    expect(writeGraphText(read.doc, null)).toBe(writeGraphText(doc, null));
  });

  it('are placed by the auto layout when a file has no positions for them', () => {
    const text = writeGraphText({ ...build(), positions: Object.create(null) }, null);
    const read = readGraphText(text, standardRegistry);
    if (!read.ok) throw new Error(read.message);
    for (const id of awkward) expect(Object.hasOwn(read.doc.positions, id), id).toBe(true);
  });

  it('move, delete and connect like any other id', () => {
    let doc = moveNodes(build(), new Map([[nodeId('__proto__'), { x: 7, y: 8 }]]));
    expect(positionOf(doc.positions, '__proto__')).toEqual({ x: 7, y: 8 });
    const wired = connect(doc, standardRegistry, {
      source: nodeId('constructor'),
      target: nodeId('hasOwnProperty'),
      targetPort: 'x',
    });
    expect(wired.kind).toBe('connected');
    if (wired.kind === 'connected') doc = wired.doc;
    doc = removeElements(doc, [nodeId('__proto__'), nodeId('constructor')]);
    expect(doc.graph.nodes.map((node) => node.id)).toEqual(['toString', 'hasOwnProperty']);
    expect(Object.keys(doc.positions).sort()).toEqual(['hasOwnProperty', 'toString']);
    expect(positionOf(doc.positions, '__proto__')).toBeUndefined();
    expect(Object.getPrototypeOf(doc.positions)).toBeNull();
    const read = readGraphText(writeGraphText(doc, null), standardRegistry);
    if (!read.ok) throw new Error(read.message);
    expect(positionOf(read.doc.positions, 'toString')).toEqual({ x: 200, y: 12 });
  });

  it('survive copy and paste through clipboard JSON', () => {
    const doc = build();
    const fragment = parseFragment(
      JSON.stringify(
        extractFragment(
          doc,
          awkward.map((id) => nodeId(id)),
        ),
      ),
    );
    expect(fragment).not.toBeNull();
    expect(positionOf(fragment!.positions, '__proto__')).toEqual({ x: 0, y: 10 });
    const pasted = insertFragment(emptyDocument(), fragment!, { x: 0, y: 0 });
    expect(pasted.nodeIds).toHaveLength(3);
    for (const id of pasted.nodeIds) expect(positionOf(pasted.doc.positions, id)).toBeDefined();
  });
});
