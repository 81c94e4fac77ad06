import type { EditorDocument } from './editorDocument';
import { symbolName } from './editorDocument';

/** Every name a node of the document goes by (ids and shown names), so a new name is unique. */
export const takenNames = (doc: EditorDocument): Set<string> => {
  const taken = new Set<string>();
  for (const node of doc.graph.nodes) {
    taken.add(node.id);
    taken.add(symbolName(node));
  }
  return taken;
};

/** The box a node occupies on the canvas (the largest node: a source with its slider). */
export const NODE_FOOTPRINT = { width: 172, height: 100 } as const;
