// Public API of @chainrule/export: named exports only.
import type { GraphSpec, OpRegistry } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { planExport } from './plan';
import type { ExportTarget } from './ops';
import { toNumpy } from './targets/numpy';
import { toOnnx, type OnnxExport } from './targets/onnx';
import { toPytorch } from './targets/pytorch';
import { toTypescript } from './targets/typescript';

export { exportTargets, functionOpExports, sourceOpExports, batchOpRefusals } from './ops';
export type { ExportTarget, OpExport, TorchForward } from './ops';
export { planExport, ExportError } from './plan';
export type {
  ExportPlan,
  PlanNode,
  InputPlanNode,
  ConstPlanNode,
  FunctionPlanNode,
  BackwardStep,
  ExportProblem,
  PlanOptions,
} from './plan';
export { sanitizeNames, gradientName, floatLiteral, pythonString, typescriptString } from './names';
export { toNumpy } from './targets/numpy';
export { toPytorch } from './targets/pytorch';
export { toTypescript } from './targets/typescript';
export { toOnnx, describeOnnx, ONNX_OPSET } from './targets/onnx';
export type { OnnxExport } from './targets/onnx';

/** What {@link exportGraph} produces: source text, or an ONNX model's bytes. @public */
export type ExportResult =
  | {
      readonly kind: 'text';
      readonly target: Exclude<ExportTarget, 'onnx'>;
      readonly text: string;
      readonly extension: string;
      readonly mimeType: string;
    }
  | {
      readonly kind: 'binary';
      readonly target: 'onnx';
      readonly bytes: Uint8Array;
      readonly onnx: OnnxExport;
      readonly extension: string;
      readonly mimeType: string;
    };

/** Options for {@link exportGraph}. @public */
export interface ExportOptions {
  readonly to: ExportTarget;
  /** Default: the standard op library. */
  readonly registry?: OpRegistry;
  /** A title for the header comment (e.g. the document's name). */
  readonly title?: string;
}

/**
 * Exports a graph at its current inputs to PyTorch, NumPy, TypeScript or ONNX. The CLI and the
 * app both call this. Every export prints (or, for ONNX, outputs) J and dJ/dinput for every input.
 * @throws ExportError naming each node and reason when the graph cannot be exported exactly.
 * @example exportGraph(document.graph, { to: 'numpy', title: document.name }).text
 * @public
 */
export const exportGraph = (graph: GraphSpec, options: ExportOptions): ExportResult => {
  const plan = planExport(graph, {
    registry: options.registry ?? standardRegistry,
    target: options.to,
    ...(options.title !== undefined ? { title: options.title } : {}),
  });
  switch (options.to) {
    case 'pytorch':
      return text('pytorch', toPytorch(plan), '.py', 'text/x-python');
    case 'numpy':
      return text('numpy', toNumpy(plan), '.py', 'text/x-python');
    case 'typescript':
      return text('typescript', toTypescript(plan), '.ts', 'text/typescript');
    case 'onnx': {
      const onnx = toOnnx(plan);
      return {
        kind: 'binary',
        target: 'onnx',
        bytes: onnx.bytes,
        onnx,
        extension: '.onnx',
        mimeType: 'application/octet-stream',
      };
    }
  }
};

const text = (
  target: Exclude<ExportTarget, 'onnx'>,
  source: string,
  extension: string,
  mimeType: string,
): ExportResult => ({ kind: 'text', target, text: source, extension, mimeType });
