import type { CompositeDefinition, GraphNode } from '@chainrule/graph-runtime';
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { EditorDocument } from '../document/editorDocument';
import { definitionNamed } from './model';

/** Width of an instance node: room for a port's name, value and gradient on one row. */
export const INSTANCE_WIDTH = 236;
/** Height of the header of an instance node. */
export const INSTANCE_HEADER = 30;
/** Height of one port row (inputs, then outputs, then parameters). */
export const INSTANCE_ROW = 22;
const INSTANCE_PADDING = 6;
/** The box of an input port node inside an opened instance (an op node's size). */
const PORT_NODE = { width: 172, height: 92 };
const HANDLE = 10;

/** The rows of an instance node, top to bottom. */
export interface InstanceRow {
  readonly side: 'input' | 'output' | 'parameter';
  readonly port: string;
}

/** The rows an instance of `definition` draws: inputs, outputs, then parameters. */
export const instanceRows = (definition: CompositeDefinition): InstanceRow[] => [
  ...definition.inputs.map((port) => ({ side: 'input' as const, port })),
  ...definition.outputs.map((output) => ({ side: 'output' as const, port: output.name })),
  ...(definition.parameters ?? []).map((p) => ({ side: 'parameter' as const, port: p.name })),
];

/**
 * The handle id of an output of `definition`: `out` when it has one output (edges out of it
 * then name no `sourcePort`), the output's name when it has several.
 */
export const outputHandleId = (definition: CompositeDefinition, output: string): string =>
  definition.outputs.length === 1 ? 'out' : output;

const box = (width: number, height: number, handles: NodeHandle[]) => ({
  width,
  height,
  measured: { width, height },
  handles,
});

/** An instance node's fixed box and handles: each port's handle on its own row. */
export const instanceSize = (definition: CompositeDefinition) => {
  const rows = instanceRows(definition);
  const height = INSTANCE_HEADER + rows.length * INSTANCE_ROW + INSTANCE_PADDING;
  const handles: NodeHandle[] = [];
  rows.forEach((row, index) => {
    if (row.side === 'parameter') return;
    const y = INSTANCE_HEADER + index * INSTANCE_ROW + INSTANCE_ROW / 2 - HANDLE / 2;
    handles.push(
      row.side === 'input'
        ? {
            id: row.port,
            type: 'target',
            position: Position.Left,
            x: -HANDLE / 2,
            y,
            width: HANDLE,
            height: HANDLE,
          }
        : {
            id: outputHandleId(definition, row.port),
            type: 'source',
            position: Position.Right,
            x: INSTANCE_WIDTH - HANDLE / 2,
            y,
            width: HANDLE,
            height: HANDLE,
          },
    );
  });
  return box(INSTANCE_WIDTH, height, handles);
};

const PORT_SIZE = box(PORT_NODE.width, PORT_NODE.height, [
  {
    id: 'out',
    type: 'source',
    position: Position.Right,
    x: PORT_NODE.width - HANDLE / 2,
    y: PORT_NODE.height / 2 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  },
]);

/** How the canvas draws a node that is not a plain op node. */
export interface CompositeNodeShape {
  readonly type: 'instance' | 'port';
  readonly definition: CompositeDefinition | undefined;
  readonly size: ReturnType<typeof box>;
}

/**
 * For one document (the top level, or an opened instance's view), a lookup saying which nodes
 * are composite instances and which are the opened definition's input ports, with their boxes.
 */
export const compositeNodeShape = (
  doc: EditorDocument,
): ((node: GraphNode) => CompositeNodeShape | null) => {
  const definitions = doc.definitions ?? [];
  const ports = new Set(doc.opened?.inputs ?? []);
  if (definitions.length === 0 && ports.size === 0) return () => null;
  return (node) => {
    if (ports.has(node.id) && node.op === 'input')
      return { type: 'port', definition: doc.opened, size: PORT_SIZE };
    const definition = definitionNamed(definitions, node.op);
    return definition ? { type: 'instance', definition, size: instanceSize(definition) } : null;
  };
};
