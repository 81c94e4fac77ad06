import './canvasExport.css';
import { useCallback, useEffect } from 'react';
import { useEditor } from '../EditorContext';
import type { PictureFormat } from './exportCanvas';
import { exportCanvasPicture } from './exportCanvas';

/**
 * The canvas's Picture PNG / SVG buttons (top right, as in React Flow's "download image"
 * example), and File › Export Canvas as PNG/SVG in Electron: the canvas with every value and
 * gradient, as a handout.
 */
export const CanvasExportButton = () => {
  const { host, session, view } = useEditor();

  const run = useCallback(
    (format: PictureFormat): void => {
      const { doc, file } = session.store.getState();
      exportCanvasPicture(format, {
        doc,
        fileName: file.name,
        registry: session.registry,
        runtime: session.getRuntime(),
      }).catch((error: unknown) =>
        view.notify({
          tone: 'error',
          message: `Could not export the canvas: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    },
    [session, view],
  );

  useEffect(
    () =>
      host.onCommand((command) => {
        if (command === 'export-canvas-png') run('png');
        if (command === 'export-canvas-svg') run('svg');
      }),
    [host, run],
  );

  return (
    <div
      className="button-row picture-export"
      role="group"
      aria-label="Export the canvas as a picture"
      title="The canvas with its values and gradients, as a handout"
    >
      <span className="picture-export-label" aria-hidden="true">
        Picture
      </span>
      <button type="button" onClick={() => run('png')} aria-label="Export the canvas as PNG">
        PNG
      </button>
      <button type="button" onClick={() => run('svg')} aria-label="Export the canvas as SVG">
        SVG
      </button>
    </div>
  );
};
