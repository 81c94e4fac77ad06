import type { OpRegistry } from '@chainrule/graph-runtime';
import {
  autoLayout,
  formatDocumentIssue,
  parseGraphDocument,
  serializeGraphDocument,
} from '@chainrule/graph-runtime';
import type { Viewport } from './DocumentStore';
import type { EditorDocument, XY } from './editorDocument';
import { idTable, positionOf } from './editorDocument';

/** A `.graph` text read into the editor, or the loader's messages (with locations). */
export type ReadResult =
  | { readonly ok: true; readonly doc: EditorDocument; readonly viewport: Viewport | null }
  | { readonly ok: false; readonly message: string };

/** How many of the loader's errors to show; the rest are counted. */
const SHOWN_ERRORS = 5;

/**
 * Reads `.graph` text with the format's own parser, so every message (and its line and column)
 * is the loader's. Nodes without a position are placed by the format's auto layout.
 */
export const readGraphText = (text: string, registry: OpRegistry): ReadResult => {
  const result = parseGraphDocument(text, registry);
  if (!result.ok) {
    const shown = result.errors.slice(0, SHOWN_ERRORS).map(formatDocumentIssue);
    const more = result.errors.length - shown.length;
    return {
      ok: false,
      message: [...shown, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n'),
    };
  }
  const { document } = result;
  const given = document.layout.positions;
  const missing = document.graph.nodes.some((node) => !positionOf(given, node.id));
  const placed = missing ? autoLayout(document.graph) : idTable<XY>();
  const positions = idTable<XY>();
  for (const node of document.graph.nodes) {
    const at = positionOf(given, node.id) ?? positionOf(placed, node.id) ?? { x: 0, y: 0 };
    positions[node.id] = { x: at.x, y: at.y };
  }
  return {
    ok: true,
    doc: {
      graph: document.graph,
      positions,
      ...(document.name !== undefined ? { name: document.name } : {}),
      ...(document.description !== undefined ? { description: document.description } : {}),
      ...(document.definitions !== undefined ? { definitions: document.definitions } : {}),
      ...(document.datasets !== undefined ? { datasets: document.datasets } : {}),
      ...(document.training !== undefined ? { training: document.training } : {}),
    },
    viewport: document.layout.viewport ?? null,
  };
};

/** Writes the editor's document as `.graph` text with the format's serializer. */
export const writeGraphText = (doc: EditorDocument, viewport: Viewport | null): string =>
  serializeGraphDocument({
    ...(doc.name !== undefined ? { name: doc.name } : {}),
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    graph: doc.graph,
    ...(doc.datasets !== undefined ? { datasets: doc.datasets } : {}),
    ...(doc.training !== undefined ? { training: doc.training } : {}),
    layout: { positions: doc.positions, ...(viewport ? { viewport } : {}) },
    ...(doc.definitions !== undefined && doc.definitions.length > 0
      ? { definitions: doc.definitions }
      : {}),
  });
