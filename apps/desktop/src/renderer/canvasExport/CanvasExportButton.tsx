import './canvasExport.css';
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../EditorContext';
import type { PictureFormat } from './exportCanvas';
import { exportCanvasPicture } from './exportCanvas';

/**
 * The top bar's "Picture" menu, and File › Export Canvas as PNG/SVG in Electron: the canvas with
 * every value and gradient, as a handout.
 */
export const CanvasExportButton = () => {
  const { host, session, view } = useEditor();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  const run = (format: PictureFormat): void => {
    setOpen(false);
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
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(
    () =>
      host.onCommand((command) => {
        if (command === 'export-canvas-png') runRef.current('png');
        if (command === 'export-canvas-svg') runRef.current('svg');
      }),
    [host],
  );
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  return (
    <div className="picture-export" ref={menu}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Export the canvas with its values and gradients as a picture"
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        Picture…
      </button>
      {open && (
        <div className="picture-export-menu" role="menu" aria-label="Export the canvas as">
          <button type="button" role="menuitem" autoFocus onClick={() => run('png')}>
            PNG image
          </button>
          <button type="button" role="menuitem" onClick={() => run('svg')}>
            SVG drawing
          </button>
        </div>
      )}
    </div>
  );
};
