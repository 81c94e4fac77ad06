import type { CompositeDefinition } from '@chainrule/graph-runtime';
import { builtinComposites } from '@chainrule/learn';
import type { EditorDocument } from '../document/editorDocument';
import { definitionNamed, definitionsOf } from './model';

/** The drag-and-drop payload type of a library item (JSON of a {@link LibraryItem}). */
export const COMPOSITE_DRAG_TYPE = 'application/x-chainrule-composite';

/** What a library item adds: a built-in (at a size) or one of the document's definitions. */
export type LibraryItem =
  | { readonly kind: 'builtin'; readonly id: string; readonly size: number }
  | { readonly kind: 'definition'; readonly name: string };

/**
 * The definition a dropped library item stands for, or `null` when the payload is not one
 * (text from elsewhere, a definition an undo removed).
 */
export const libraryDefinition = (
  payload: string,
  doc: EditorDocument,
): CompositeDefinition | null => {
  let item: Partial<LibraryItem> & { id?: unknown; size?: unknown; name?: unknown };
  try {
    item = JSON.parse(payload) as typeof item;
  } catch {
    return null;
  }
  if (item.kind === 'definition' && typeof item.name === 'string')
    return definitionNamed(definitionsOf(doc), item.name) ?? null;
  if (item.kind === 'builtin') {
    const builtin = builtinComposites.find((candidate) => candidate.id === item.id);
    if (!builtin) return null;
    const size = typeof item.size === 'number' ? item.size : builtin.defaultSize;
    try {
      return builtin.definition(builtin.sized ? size : undefined);
    } catch {
      return null; // a size out of range
    }
  }
  return null;
};
