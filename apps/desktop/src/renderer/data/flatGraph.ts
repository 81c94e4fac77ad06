import type { GraphSpec } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';
import type { EditorSession } from '../session/editorSession';

/**
 * The flat graph the canvas's runtime evaluates for `doc`: what the data views evaluate too,
 * so their ids (`data/x1`, `h1/w1`) are the runtime's.
 */
export const flatGraphOf = (doc: EditorDocument, _session: EditorSession): GraphSpec => doc.graph;
