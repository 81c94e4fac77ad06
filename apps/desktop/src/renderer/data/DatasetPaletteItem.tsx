import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../EditorContext';
import { addDatasetNode } from './datasetEdits';

/**
 * The palette's Data group: a Dataset node (generated XOR points to start with; the inspector
 * switches the generator or imports a CSV), added at the centre of the view and selected.
 */
export const DatasetPaletteItem = () => {
  const { session } = useEditor();
  const flow = useReactFlow();
  const add = () => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const { doc, id } = addDatasetNode(session.store.getState().doc, {
      x: centre.x - 86,
      y: centre.y - 60,
    });
    session.store.edit('Add dataset', () => doc, {
      select: { nodes: new Set([id]), edges: new Set() },
    });
  };
  return (
    <section className="palette-group" aria-label="Data">
      <h3>Data</h3>
      <ul>
        <li>
          <button
            type="button"
            className="palette-item"
            data-op="dataset"
            title="A dataset: generated points (circle, XOR, gaussians, spiral, moons, a noisy line) or an imported CSV. Each column is an output."
            aria-label="Add Dataset (dataset)"
            onClick={add}
          >
            <span className="palette-symbol" aria-hidden="true">
              ▦
            </span>
            <span className="palette-label">Dataset</span>
            <span className="palette-id">dataset</span>
          </button>
        </li>
      </ul>
    </section>
  );
};
