import type { GraphNode, NodeId, OpDefinition } from '@chainrule/graph-runtime';
import { findPath } from '@chainrule/graph-runtime';
import { useId, useMemo, useRef } from 'react';
import { useEditor } from '../EditorContext';
import { connect } from '../document/connect';
import type { EditorDocument } from '../document/editorDocument';
import { displayName, edgeIntoPort, removeElements } from '../document/editorDocument';

let gestures = 0;
const NOT_CONNECTED = '';

/**
 * Each input port of the selected node with a "source" picker: the keyboard's way to connect
 * two nodes (and the mouse's, for far-apart nodes). The picker offers only nodes that would not
 * close a cycle; choosing one replaces what fed the port, "not connected" disconnects it. Arrowing
 * through the choices is one undo step per visit of the field.
 */
export const PortSources = ({
  node,
  op,
  doc,
}: {
  node: GraphNode;
  op: OpDefinition;
  doc: EditorDocument;
}) => {
  const { session } = useEditor();
  const baseId = useId();
  const gesture = useRef<string | null>(null);
  // Candidates: every node except this one and those downstream of it (feeding it would close a
  // cycle). The one path search, asked for a node that does not exist, walks everything
  // downstream once.
  const candidates = useMemo(() => {
    const successors = new Map<NodeId, NodeId[]>();
    for (const edge of doc.graph.edges) {
      const list = successors.get(edge.source);
      if (list) list.push(edge.target);
      else successors.set(edge.source, [edge.target]);
    }
    const downstream = new Set<NodeId>();
    findPath<NodeId | null>(node.id, null, (at, visit) => {
      downstream.add(at!);
      successors.get(at!)?.forEach(visit);
    });
    return doc.graph.nodes
      .filter((candidate) => !downstream.has(candidate.id))
      .map((candidate) => ({ id: candidate.id, name: displayName(candidate) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [doc.graph.nodes, doc.graph.edges, node.id]);
  if (op.inputs.length === 0) return null;

  const choose = (port: string, source: string): void => {
    gesture.current ??= `source:${node.id}:${port}:${++gestures}`;
    session.store.edit(
      source === NOT_CONNECTED ? 'Disconnect' : 'Connect',
      (current) => {
        if (source === NOT_CONNECTED) {
          const edge = edgeIntoPort(current, node.id, port);
          return edge ? removeElements(current, [], [edge.id]) : current;
        }
        const result = connect(
          current,
          session.registry,
          { source: source as NodeId, target: node.id, targetPort: port },
          { replace: true },
        );
        return result.kind === 'connected' ? result.doc : current;
      },
      { coalesce: gesture.current },
    );
  };

  return (
    <fieldset className="port-sources">
      <legend>Inputs</legend>
      {op.inputs.map((port) => {
        const edge = edgeIntoPort(doc, node.id, port);
        const id = `${baseId}-${port}`;
        return (
          <div key={port} className="port-source">
            <label htmlFor={id}>
              <span className="formula">{port}</span> ←
            </label>
            <select
              id={id}
              aria-label={`Source of ${port}`}
              value={edge?.source ?? NOT_CONNECTED}
              onChange={(event) => choose(port, event.target.value)}
              onBlur={() => {
                gesture.current = null;
                session.store.seal();
              }}
            >
              <option value={NOT_CONNECTED}>not connected</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name === candidate.id
                    ? candidate.name
                    : `${candidate.name} (${candidate.id})`}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
};
