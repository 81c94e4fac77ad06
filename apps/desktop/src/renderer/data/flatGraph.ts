import type { CompositeDefinition, GraphSpec, OpRegistry } from '@chainrule/graph-runtime';
import { flattenDocument } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';

const flattened = new WeakMap<EditorDocument, GraphSpec | null>();

/**
 * The flat graph the engine evaluates for `doc` (composite instances expanded, a dataset node
 * turned into one `data` node per column, `data/x1`), or null when the document cannot be
 * flattened (the session shows why). Cached per document object: documents are immutable.
 */
export const flatGraphOf = (doc: EditorDocument, registry: OpRegistry): GraphSpec | null => {
  const cached = flattened.get(doc);
  if (cached !== undefined) return cached;
  const definitions = (doc as { readonly definitions?: readonly CompositeDefinition[] })
    .definitions;
  const result = flattenDocument(
    {
      graph: doc.graph,
      layout: { positions: {} },
      ...(definitions ? { definitions } : {}),
      ...(doc.datasets ? { datasets: doc.datasets } : {}),
    },
    { registry },
  );
  const graph = result.ok ? result.graph : null;
  flattened.set(doc, graph);
  return graph;
};
