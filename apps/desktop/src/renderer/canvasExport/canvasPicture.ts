import type { EdgeGradient, NodeGradient, NodeValue, OpRegistry } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';
import { symbolName } from '../document/editorDocument';
import { compactEdgeText } from '../canvas/edgeLabel';
import { FUNCTION_NODE_HEIGHT, NODE_WIDTH, SOURCE_NODE_HEIGHT } from '../canvas/flowElements';
import { formatNumber } from '../format/formatNumber';

/** One node of a canvas picture: its box, its name, its value and its gradient, as text. */
export interface PictureNode {
  readonly id: string;
  readonly name: string;
  /** What the node computes, e.g. `mul` or `input`. */
  readonly op: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** `33`, or the problem (`log needs x > 0, got -1`). */
  readonly value: string;
  readonly valueOk: boolean;
  /** `dJ/da = 3`, or `null` when there is no gradient to show. */
  readonly gradient: string | null;
  readonly isOutput: boolean;
}

/** One edge of a canvas picture: from the source's output to the target's port, with its label. */
export interface PictureEdge {
  readonly id: string;
  readonly from: { readonly x: number; readonly y: number };
  readonly to: { readonly x: number; readonly y: number };
  /** The compact label, `×2 → 6`. */
  readonly label: string;
  readonly tone: 'positive' | 'negative' | 'zero' | 'none';
}

/** Everything a picture of the canvas shows. */
export interface CanvasPicture {
  readonly nodes: readonly PictureNode[];
  readonly edges: readonly PictureEdge[];
}

/** The numbers a picture needs, from the runtime (`undefined` for ids it does not hold). */
export interface PictureNumbers {
  value(id: string): NodeValue | undefined;
  grad(id: string): NodeGradient | undefined;
  edge(id: string): EdgeGradient | undefined;
}

const gradientText = (name: string, output: string, grad: NodeGradient | undefined) => {
  if (grad === undefined || grad.kind === 'none') return null;
  const head = `d${output}/d${name.length <= 3 ? name : `(${name})`}`;
  return grad.kind === 'ok' ? `${head} = ${formatNumber(grad.value)}` : `${head} = —`;
};

/**
 * What the canvas shows, laid out as on screen (the document's positions, the canvas's fixed
 * node boxes and handle places), with the engine's values and gradients as text: the data of a
 * picture, written out by {@link canvasSvg}.
 * @example const picture = canvasPicture(doc, registry, numbersOf(runtime));
 */
export const canvasPicture = (
  doc: EditorDocument,
  registry: OpRegistry,
  numbers: PictureNumbers,
): CanvasPicture => {
  const output = doc.graph.output ?? null;
  const outputName = (() => {
    const node = doc.graph.nodes.find((n) => n.id === output);
    return node ? symbolName(node) : 'J';
  })();
  const boxes = new Map<string, PictureNode>();
  const nodes = doc.graph.nodes.map((node, index): PictureNode => {
    const op = registry.get(node.op);
    const position = doc.positions[node.id] ?? { x: index * 200, y: 0 };
    const value = numbers.value(node.id);
    const name = symbolName(node);
    const box: PictureNode = {
      id: node.id,
      name,
      op: node.op,
      x: position.x,
      y: position.y,
      width: NODE_WIDTH,
      height: op?.kind === 'source' ? SOURCE_NODE_HEIGHT : FUNCTION_NODE_HEIGHT,
      value:
        value === undefined ? '' : value.kind === 'ok' ? formatNumber(value.value) : value.message,
      valueOk: value?.kind === 'ok',
      gradient: output === null ? null : gradientText(name, outputName, numbers.grad(node.id)),
      isOutput: node.id === output,
    };
    boxes.set(node.id, box);
    return box;
  });
  const edges: PictureEdge[] = [];
  for (const edge of doc.graph.edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target) continue;
    const ports = registry.get(doc.graph.nodes.find((n) => n.id === edge.target)!.op)?.inputs ?? [];
    const port = Math.max(0, ports.indexOf(edge.targetPort));
    const gradient = numbers.edge(edge.id);
    const tone =
      gradient?.kind !== 'ok'
        ? 'none'
        : gradient.contribution === 0
          ? 'zero'
          : gradient.contribution > 0
            ? 'positive'
            : 'negative';
    edges.push({
      id: edge.id,
      from: { x: source.x + source.width, y: source.y + source.height / 2 },
      to: {
        x: target.x,
        y: target.y + ((port + 1) / (Math.max(1, ports.length) + 1)) * target.height,
      },
      label: gradient === undefined ? '' : compactEdgeText(gradient),
      tone,
    });
  }
  return { nodes, edges };
};
