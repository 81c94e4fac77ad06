import { evaluate, flattenDocument, nodeId } from '@chainrule/graph-runtime';
import type { CompositeDefinition, GraphDocument, GraphSpec } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';

// Test-only helper: one instance of a definition, fed by input nodes, flattened and evaluated.

/**
 * J = `definition` applied to `inputs` (one per input port, in order) with the instance's
 * `params`, and the flat graph that computed it.
 */
export const applyDefinition = (
  definition: CompositeDefinition,
  inputs: readonly number[],
  params: Record<string, number> = {},
): { J: number; graph: GraphSpec } => {
  const doc: GraphDocument = {
    graph: {
      nodes: [
        ...inputs.map((value, k) => ({ id: nodeId(`i${k}`), op: 'input', params: { value } })),
        { id: nodeId('f'), op: definition.name, params },
      ],
      edges: definition.inputs.map((port, k) => ({
        id: `e${k}` as never,
        source: nodeId(`i${k}`),
        target: nodeId('f'),
        targetPort: port,
      })),
      output: nodeId('f'),
    },
    layout: { positions: {} },
    definitions: [definition],
  };
  const flat = flattenDocument(doc, { registry: standardRegistry });
  if (!flat.ok) throw new Error(JSON.stringify(flat.errors));
  const J = evaluate(standardRegistry, flat.graph).nodes.get(flat.graph.output!)!.value;
  if (J.kind !== 'ok') throw new Error(`J is ${J.kind}`);
  return { J: J.value, graph: flat.graph };
};
