import type {
  CompositeDefinition,
  GraphEdge,
  GraphNode,
  GraphSpec,
  NodeId,
  OpRegistry,
} from '@chainrule/graph-runtime';
import { autoLayout, nodeId, sourceValueOf } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import { idTable, positionOf } from '../document/editorDocument';

/** The definitions of a document (none before format v2). */
export const definitionsOf = (doc: EditorDocument): readonly CompositeDefinition[] =>
  doc.definitions ?? [];

/** The definition called `name`, if the document has one. */
export const definitionNamed = (
  definitions: readonly CompositeDefinition[],
  name: string,
): CompositeDefinition | undefined => definitions.find((definition) => definition.name === name);

/** Whether a node is an instance of one of the document's composites. */
export const isInstance = (
  definitions: readonly CompositeDefinition[],
  node: Pick<GraphNode, 'op'>,
): boolean => definitionNamed(definitions, node.op) !== undefined;

/** The names of a definition's data ports: inner `input` nodes fed from outside. */
export const inputPortNames = (definition: CompositeDefinition): ReadonlySet<string> =>
  new Set(definition.inputs);

/** The names of a definition's parameters: inner `input` nodes each instance sets. */
export const parameterNames = (definition: CompositeDefinition): ReadonlySet<string> =>
  new Set((definition.parameters ?? []).map((parameter) => parameter.name));

/** An instance's value of one parameter: its own, or the definition's default. */
export const parameterValue = (
  definition: CompositeDefinition,
  instance: GraphNode,
  name: string,
): number => {
  const own = instance.params?.[name];
  if (typeof own === 'number' && Number.isFinite(own)) return own;
  return definition.parameters?.find((parameter) => parameter.name === name)?.default ?? 0;
};

/**
 * The output of `definition` an edge out of one of its instances reads: the one its
 * `sourcePort` names, or the only one when it names none.
 */
export const outputOfEdge = (
  definition: CompositeDefinition,
  edge: Pick<GraphEdge, 'sourcePort'>,
): CompositeDefinition['outputs'][number] | undefined =>
  edge.sourcePort === undefined
    ? definition.outputs.length === 1
      ? definition.outputs[0]
      : undefined
    : definition.outputs.find((output) => output.name === edge.sourcePort);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot name a new composite, or `null` when it can. */
export const definitionNameProblem = (
  doc: EditorDocument,
  registry: OpRegistry,
  name: string,
): string | null => {
  if (!NAME.test(name))
    return `“${name}” is not a name: use letters, digits and _, starting with a letter.`;
  if (registry.get(name)) return `“${name}” is already an op; choose another name.`;
  if (definitionNamed(definitionsOf(doc), name))
    return `This document already defines “${name}”; choose another name.`;
  return null;
};

/** `stem`, or `stem2`, `stem3`… : the first that names neither an op nor a definition. */
export const freshDefinitionName = (
  doc: EditorDocument,
  registry: OpRegistry,
  stem: string,
): string => {
  if (definitionNameProblem(doc, registry, stem) === null) return stem;
  for (let n = 2; ; n++)
    if (definitionNameProblem(doc, registry, `${stem}${n}`) === null) return `${stem}${n}`;
};

/**
 * A fresh id for an instance of `name`: `softplus1`, `softplus2`…, or `neuron2_1` when the name
 * ends in a digit (so `neuron2` instance 1 does not read `neuron21`).
 */
export const freshInstanceId = (taken: ReadonlySet<string>, name: string): NodeId => {
  const stem = /\d$/.test(name) ? `${name}_` : name;
  for (let n = 1; ; n++) if (!taken.has(`${stem}${n}`)) return nodeId(`${stem}${n}`);
};

/** A name that is not in `taken`: `wanted` itself, or `wanted_2`, `wanted_3`… */
export const freshName = (taken: ReadonlySet<string>, wanted: string): string => {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}_${n}`)) return `${wanted}_${n}`;
};

const definitionDocuments = new WeakMap<CompositeDefinition, EditorDocument>();

/**
 * A definition's inner graph as an editor document (its layout's positions, or the format's
 * auto layout where it has none). The same object for the same definition, so views and the
 * runtime binding see "unchanged" by identity.
 */
export const definitionDocument = (definition: CompositeDefinition): EditorDocument => {
  let doc = definitionDocuments.get(definition);
  if (doc) return doc;
  const given = definition.layout?.positions ?? idTable<XY>();
  const missing = definition.graph.nodes.some((node) => !positionOf(given, node.id));
  const placed = missing ? autoLayout(definition.graph) : idTable<XY>();
  const positions = idTable<XY>();
  for (const node of definition.graph.nodes) {
    const at = positionOf(given, node.id) ?? positionOf(placed, node.id) ?? { x: 0, y: 0 };
    positions[node.id] = { x: at.x, y: at.y };
  }
  doc = { graph: definition.graph, positions };
  definitionDocuments.set(definition, doc);
  return doc;
};

/** `definition` with its inner graph and positions replaced (itself when neither changed). */
export const withInnerDocument = (
  definition: CompositeDefinition,
  graph: GraphSpec,
  positions: EditorDocument['positions'],
): CompositeDefinition => {
  const current = definitionDocument(definition);
  if (graph === current.graph && positions === current.positions) return definition;
  const next: CompositeDefinition = {
    ...definition,
    graph,
    layout: { ...definition.layout, positions },
  };
  definitionDocuments.set(next, { graph, positions });
  return next;
};

/** The document with the definition of the same name replaced by `next`. */
export const replaceDefinition = (
  doc: EditorDocument,
  next: CompositeDefinition,
): EditorDocument => {
  const definitions = definitionsOf(doc);
  const index = definitions.findIndex((definition) => definition.name === next.name);
  if (index < 0 || definitions[index] === next) return doc;
  return { ...doc, definitions: definitions.map((d, i) => (i === index ? next : d)) };
};

/** The value an inner source node shows: its `params.value`, 0 when it has none. */
export const innerValue = (node: GraphNode): number => sourceValueOf(node.params) ?? 0;
