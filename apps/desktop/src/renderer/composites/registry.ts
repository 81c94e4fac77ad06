import type { CompositeDefinition, OpDefinition, OpRegistry } from '@chainrule/graph-runtime';

const views = new WeakMap<CompositeDefinition, OpDefinition>();

const refuseToEvaluate = (name: string) => (): never => {
  throw new Error(`${name} is a composite: the engine runs its flattened nodes, never the op`);
};

/**
 * A definition seen as an op: its input ports as the op's inputs, its parameters as the op's
 * params. What the editor needs to draw, connect and paste an instance; never evaluated.
 */
export const compositeOpView = (definition: CompositeDefinition): OpDefinition => {
  let view = views.get(definition);
  if (view) return view;
  const fail = refuseToEvaluate(definition.name);
  view = {
    id: definition.name,
    label: definition.label ?? definition.name,
    symbol: '⊞',
    category: 'arithmetic',
    description:
      definition.description ??
      `Composite ${definition.name}: ${definition.inputs.length} input${definition.inputs.length === 1 ? '' : 's'}, ${definition.outputs.length} output${definition.outputs.length === 1 ? '' : 's'}.`,
    inputs: definition.inputs,
    params: (definition.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      kind: 'number' as const,
      default: parameter.default,
    })),
    kind: 'function',
    formula: definition.expression ?? `${definition.name}(${definition.inputs.join(', ')})`,
    forward: fail,
    derivatives: definition.inputs.map(() => ({ formula: '', fn: fail })),
  };
  views.set(definition, view);
  return view;
};

/**
 * The ops of an open document: the engine's, then its definitions as {@link compositeOpView}s.
 * `list()` is the engine's alone (the library panel lists definitions). Reads the definitions
 * afresh on each lookup, so it follows edits, undo and opened files.
 */
export const documentRegistry = (
  engine: OpRegistry,
  definitions: () => readonly CompositeDefinition[] | undefined,
): OpRegistry => ({
  get(id) {
    const op = engine.get(id);
    if (op) return op;
    const definition = definitions()?.find((candidate) => candidate.name === id);
    return definition ? compositeOpView(definition) : undefined;
  },
  list: () => engine.list(),
});
