import type { GraphNode, NodeId, Runtime } from '@chainrule/graph-runtime';
import { useEffect, useState } from 'react';
import { useEditor } from '../EditorContext';
import type { EditorDocument } from '../document/editorDocument';
import { symbolName } from '../document/editorDocument';
import { formatNumber } from '../format/formatNumber';
import { derivative } from '../inspector/chainRule';

/** How long the canvas waits for edits to settle before it speaks (typing a value is many edits). */
const SETTLE_MS = 450;

/** The node an edit changed (a value, a name, an op), if it changed one node in place. */
const changedNode = (before: EditorDocument, after: EditorDocument): GraphNode | null => {
  if (before.graph.nodes === after.graph.nodes) return null;
  const old = new Map(before.graph.nodes.map((node) => [node.id as string, node]));
  for (const node of after.graph.nodes) {
    const previous = old.get(node.id);
    if (previous !== undefined && previous !== node) return node;
  }
  return null;
};

/**
 * What the canvas says after an edit: what was done, the output J, and the gradient of the node
 * concerned (the one changed, else the one selected): "Set b. J = 39, dJ/db = 6".
 */
export const announcement = (
  runtime: Runtime,
  doc: EditorDocument,
  what: string | null,
  focus: GraphNode | null,
): string => {
  const parts: string[] = [];
  const output = doc.graph.output ?? null;
  if (output !== null && runtime.hasNode(output)) {
    const value = runtime.node(output).value();
    parts.push(value.kind === 'ok' ? `J = ${formatNumber(value.value)}` : `J: ${value.message}`);
    if (focus && focus.id !== output && runtime.hasNode(focus.id)) {
      const gradient = runtime.node(focus.id).grad();
      if (gradient.kind === 'ok')
        parts.push(`${derivative('J', symbolName(focus))} = ${formatNumber(gradient.value)}`);
    }
  } else if (doc.graph.nodes.length > 0) parts.push('no output J chosen');
  const numbers = parts.join(', ');
  return what ? `${what}. ${numbers}` : numbers;
};

/**
 * A polite live region over the canvas: after each edit settles, a screen reader hears what
 * changed and the numbers that matter ("Set b. J = 39, dJ/db = 6").
 */
export const Announcer = () => {
  const { session } = useEditor();
  const [message, setMessage] = useState('');
  useEffect(() => {
    let last = session.store.getState().doc;
    let focus: NodeId | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = session.store.subscribe(() => {
      const state = session.store.getState();
      if (state.doc === last) return;
      const changed = changedNode(last, state.doc);
      if (changed) focus = changed.id;
      last = state.doc;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = session.store.getState();
        const selected = now.selection.nodes.size === 1 ? [...now.selection.nodes][0]! : null;
        const id = focus ?? selected;
        focus = null;
        const node = id === null ? null : (now.doc.graph.nodes.find((n) => n.id === id) ?? null);
        setMessage(announcement(session.getRuntime(), now.doc, now.undoLabel, node));
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [session]);
  return (
    <div className="visually-hidden" role="status" data-testid="canvas-announcer">
      {message}
    </div>
  );
};
