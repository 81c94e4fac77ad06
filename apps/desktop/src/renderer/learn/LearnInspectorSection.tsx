import type { GraphNode } from '@chainrule/graph-runtime';
import { useId } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import { findNode, setParams, symbolName } from '../document/editorDocument';
import { isFixed, withFixed } from './fixedParam';
import { FormulaView } from './FormulaView';

/**
 * Learning mode's part of the inspector: the node's formula in terms of the inputs, typeset,
 * with Copy as text; and, for an `input`, whether training may change it.
 */
export const LearnInspectorSection = ({ node }: { node: GraphNode }) => {
  const { session } = useEditor();
  const graph = useEditorSelector((state) => state.doc.graph);
  const fixedId = useId();
  const op = session.registry.get(node.op);
  const name = symbolName(node);
  return (
    <div className="learn-inspector">
      {/* A source is its own formula ("b = b"): nothing to say about it. */}
      {op?.kind !== 'source' && (
        <>
          <h3>Formula in terms of the inputs</h3>
          <FormulaView graph={graph} id={node.id} name={name} />
        </>
      )}
      {op?.trainable === true && (
        <div className="learn-fixed">
          <input
            id={fixedId}
            type="checkbox"
            checked={isFixed(node)}
            onChange={(event) =>
              session.store.edit(event.target.checked ? `Fix ${name}` : `Train ${name}`, (doc) => {
                const current = findNode(doc, node.id);
                return current
                  ? setParams(doc, node.id, withFixed(current, event.target.checked))
                  : doc;
              })
            }
          />
          <label htmlFor={fixedId}>
            Fixed: training leaves {name} alone (data, not a parameter)
          </label>
        </div>
      )}
    </div>
  );
};
