import type { OpRegistry, Runtime } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';
import { downloadFile } from '../host/download';
import type { PictureNumbers } from './canvasPicture';
import { canvasPicture } from './canvasPicture';
import { canvasSvg } from './canvasSvg';

/** The picture formats the canvas exports to. */
export type PictureFormat = 'png' | 'svg';

/** Reads numbers from a runtime, `undefined` for an id it does not hold (yet). */
export const runtimeNumbers = (runtime: Runtime): PictureNumbers => {
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  return {
    value: (id) => attempt(() => runtime.node(id as never).value()),
    grad: (id) => attempt(() => runtime.node(id as never).grad()),
    edge: (id) => attempt(() => runtime.edge(id as never).gradient()),
  };
};

/** `seed.graph` → `seed.png`. */
export const pictureFileName = (documentName: string, format: PictureFormat): string =>
  `${documentName.replace(/\.graph$/i, '') || 'canvas'}.${format}`;

/**
 * Renders SVG text to PNG bytes in the page: the SVG becomes a `blob:` image (allowed by the
 * CSP's `img-src`), drawn on a canvas at `scale` (2 = crisp when printed). No `foreignObject`, so
 * the canvas is never tainted.
 */
export const svgToPng = async (svg: string, scale = 2): Promise<Blob> => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
};

/**
 * Exports what the canvas shows (every node with its value and gradient, every edge with its
 * chain-rule label) as a PNG or SVG file, through a download: the browser's, or the Save dialog
 * in Electron.
 */
export const exportCanvasPicture = async (
  format: PictureFormat,
  source: { doc: EditorDocument; fileName: string; registry: OpRegistry; runtime: Runtime },
): Promise<void> => {
  const picture = canvasPicture(source.doc, source.registry, runtimeNumbers(source.runtime));
  const svg = canvasSvg(picture, { title: source.doc.name ?? source.fileName });
  const name = pictureFileName(source.fileName, format);
  if (format === 'svg') downloadFile(name, svg, 'image/svg+xml');
  else downloadFile(name, await svgToPng(svg), 'image/png');
};
