import { useEffect, useRef } from 'react';
import { useEditor } from '../EditorContext';

const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['/ or double-click the canvas', 'Quick add an op at the pointer'],
  ['Enter in quick add', 'Add the highlighted op (wired from the selected node)'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + C / X / V', 'Copy / cut / paste nodes (edges between them too)'],
  ['Ctrl/⌘ + D', 'Duplicate the selection'],
  ['Ctrl/⌘ + A', 'Select everything'],
  ['Shift + drag', 'Box-select'],
  ['Shift + click', 'Add to the selection'],
  ['Ctrl/⌘ + F', 'Find a node by name and jump to it'],
  ['Enter in the palette search', 'Add the first match at a free spot in view'],
  ['Tab / Shift + Tab', 'Move between nodes and edges on the canvas'],
  ['Enter / Space on a node', 'Select it'],
  ['Arrow keys', 'Move the selected nodes (Shift: further)'],
  ['Shift + F10 or the Menu key', 'Context menu of the focused node, edge or canvas'],
  ['Right-click', 'Context menu (delete, duplicate, output, rename, disconnect, add here)'],
  ['Inspector → Inputs', 'Pick what feeds each input port (connect without a mouse)'],
  ['Escape', 'Close a menu, the find bar or quick add'],
  ['↑ / ↓ in a value', 'Step by 1 (Shift ×10, Alt ×0.1)'],
  ['Esc in a value', 'Put back the value it had before you typed'],
  ['Ctrl/⌘ + S / Shift + S / O', 'Save / save as / open (in a value field too)'],
];

/** The keyboard shortcuts, in a modal dialog. */
export const ShortcutsDialog = () => {
  const { view } = useEditor();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={() => view.update({ shortcutsOpen: false })}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" autoFocus onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
};
