import { useEditor, useEditorState, useViewSettings } from '../EditorContext';
import { symbolName } from '../document/editorDocument';
import { examples, exampleTitle } from '../examples';
import { useCanvasExtensions } from '../canvas/extensions';
import { ExportButton } from '../export/ExportDialog';

const Toggle = ({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) => (
  <label className="toggle">
    <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
    {label}
  </label>
);

/**
 * The top bar: the document's name with its unsaved marker, file commands, undo/redo, which
 * node is the output J, and the view toggles.
 */
export const TopBar = () => {
  const { actions, view } = useEditor();
  const { Toolbar } = useCanvasExtensions();
  const state = useEditorState();
  const settings = useViewSettings();
  const output = state.doc.graph.output
    ? state.doc.graph.nodes.find((node) => node.id === state.doc.graph.output)
    : undefined;
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true" title="Chainrule">
        ∂
      </div>
      <div
        className="doc-name"
        data-testid="document-name"
        title={state.doc.description ?? state.file.name}
      >
        {state.file.name}
        {state.dirty && (
          <span
            className="dirty-marker"
            data-testid="dirty-marker"
            title="Unsaved changes"
            aria-label="unsaved changes"
          >
            ●
          </span>
        )}
      </div>
      <div className="button-row" role="group" aria-label="File">
        <button type="button" onClick={() => void actions.newDocument()} title={`New (${mod}N)`}>
          New
        </button>
        <button type="button" onClick={() => void actions.openDocument()} title={`Open (${mod}O)`}>
          Open…
        </button>
        <button type="button" onClick={() => void actions.save()} title={`Save (${mod}S)`}>
          Save
        </button>
        <button type="button" onClick={() => void actions.saveAs()} title="Save As…">
          Save As…
        </button>
        <ExportButton />
        <select
          aria-label="Open an example"
          value=""
          onChange={(event) => {
            if (event.target.value) void actions.openExample(event.target.value);
          }}
        >
          <option value="">Examples…</option>
          {examples.map((example) => (
            <option key={example.id} value={example.id}>
              {exampleTitle(example.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row" role="group" aria-label="History">
        <button
          type="button"
          onClick={actions.undo}
          disabled={!state.canUndo}
          title={state.undoLabel ? `Undo ${state.undoLabel} (${mod}Z)` : 'Nothing to undo'}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={actions.redo}
          disabled={!state.canRedo}
          title={state.redoLabel ? `Redo ${state.redoLabel} (${mod}Shift+Z)` : 'Nothing to redo'}
        >
          ↷ Redo
        </button>
      </div>
      {Toolbar && <Toolbar />}
      <div className="output-hint" data-testid="output-hint">
        {output ? (
          <>
            <span className="output-badge">J</span> = {symbolName(output)}
          </>
        ) : (
          'No output J'
        )}
      </div>
      <div className="button-row toggles" role="group" aria-label="View">
        <Toggle
          label="Edge labels"
          checked={settings.edgeLabels}
          onChange={(edgeLabels) => view.update({ edgeLabels })}
        />
        <Toggle
          label="Minimap"
          checked={settings.minimap}
          onChange={(minimap) => view.update({ minimap })}
        />
        <Toggle
          label="Snap"
          checked={settings.snapToGrid}
          onChange={(snapToGrid) => view.update({ snapToGrid })}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          onClick={() => view.update({ shortcutsOpen: true })}
        >
          ?
        </button>
      </div>
    </header>
  );
};
