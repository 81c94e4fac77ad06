import { describeOnnx, ExportError, exportGraph, type ExportTarget } from '@chainrule/export';
import { quoteText, type GraphSpec } from '@chainrule/graph-runtime';

/** The targets in the order the dialog offers them, with their names for people. */
export const exportChoices: readonly { readonly target: ExportTarget; readonly label: string }[] = [
  { target: 'numpy', label: 'NumPy' },
  { target: 'pytorch', label: 'PyTorch' },
  { target: 'typescript', label: 'TypeScript' },
  { target: 'onnx', label: 'ONNX' },
];

/** What the Export dialog shows for one target: the code and the file to save, or why not. */
export type ExportPreview =
  | {
      readonly ok: true;
      /** The source (for ONNX: a listing of the model's nodes; the model itself is binary). */
      readonly code: string;
      /** What Copy puts on the clipboard: the code (ONNX: the listing). */
      readonly copyText: string;
      readonly fileName: string;
      readonly mimeType: string;
      readonly data: string | Uint8Array;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

const SUFFIX: Record<ExportTarget, string> = {
  numpy: '_numpy.py',
  pytorch: '_pytorch.py',
  typescript: '.ts',
  onnx: '.onnx',
};

/** `seed.graph` → `seed`; a name without letters or digits → `graph`. */
const baseName = (fileName: string): string => {
  const base = fileName.replace(/\.graph$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_');
  return /[A-Za-z0-9]/.test(base) ? base : 'graph';
};

/**
 * Exports the document's graph for the dialog, with `@chainrule/export` (the CLI's exporter).
 * A refusal becomes the list of problems, each naming its node.
 * @example exportPreview(doc.graph, 'numpy', { title: 'Seed example', fileName: 'seed.graph' })
 */
export const exportPreview = (
  graph: GraphSpec,
  target: ExportTarget,
  names: { readonly title: string; readonly fileName: string },
): ExportPreview => {
  try {
    const result = exportGraph(graph, { to: target, title: names.title });
    const fileName = `${baseName(names.fileName)}${SUFFIX[target]}`;
    if (result.kind === 'text') {
      return {
        ok: true,
        code: result.text,
        copyText: result.text,
        fileName,
        mimeType: result.mimeType,
        data: result.text,
      };
    }
    const listing = describeOnnx(result.bytes);
    return {
      ok: true,
      code: listing,
      copyText: listing,
      fileName,
      mimeType: result.mimeType,
      data: result.bytes,
    };
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    return {
      ok: false,
      problems: error.problems.map((problem) =>
        problem.node === undefined
          ? problem.message
          : `${quoteText(problem.node)}: ${problem.message}`,
      ),
    };
  }
};
