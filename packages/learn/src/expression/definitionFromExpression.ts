import type {
  CompositeDefinition,
  GraphNode,
  NodeId,
  OpRegistry,
  Position,
} from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import { expressionToGraph, type ExpressionError } from './expressionToGraph';
import { tokenizeLine } from './lexer';
import { expressionConstants, expressionFunctions } from './vocabulary';

/** What {@link definitionFromExpression} returns: a definition or the first error. @public */
export type DefinitionResult =
  | { readonly ok: true; readonly value: CompositeDefinition }
  | { readonly ok: false; readonly error: ExpressionError };

const NAME = /^[A-Za-z_\u00c0-\u024f\u0370-\u03ff][A-Za-z0-9_\u00c0-\u024f\u0370-\u03ff]*$/;
/** `name(ports; parameters) =` at the start of the first line. */
const HEADER = /^(\s*)([^\s(]+)\s*\(([^)]*)\)\s*=/;

class DefinitionFailure extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

const fail = (line: number, column: number, length: number, message: string): never => {
  throw new DefinitionFailure({ line, column, length: Math.max(1, length), message });
};

/** One name of the header's list, with its 1-based column. */
interface Listed {
  readonly name: string;
  readonly column: number;
}

/** Splits `x1, x2` (starting at 1-based `column`) into names, refusing anything else. */
const namesIn = (text: string, column: number, what: string): Listed[] => {
  const listed: Listed[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const start = part.length - part.trimStart().length;
    const name = part.trim();
    const at = column + offset + start;
    offset += part.length + 1;
    if (name === '') {
      if (text.trim() === '') return [];
      fail(1, at, 1, `Expected a name in the ${what} list, like (x1, x2; w1, w2, b).`);
    }
    if (!NAME.test(name)) {
      fail(1, at, name.length, `${name} is not a name: use letters, digits and _.`);
    }
    if (expressionFunctions.has(name) || expressionConstants.has(name)) {
      fail(1, at, name.length, `${name} is a function or a constant; choose another ${what} name.`);
    }
    listed.push({ name, column: at });
  }
  return listed;
};

/** The name of the output node: `y`, else the first of `out`, `out2`, ... the text does not use. */
const outputName = (text: string): string => {
  const used = new Set<string>();
  for (const line of text.split('\n')) {
    const lexed = tokenizeLine(line);
    if (lexed.ok) for (const token of lexed.tokens) if (token.kind === 'name') used.add(token.text);
  }
  if (!used.has('y')) return 'y';
  let k = 1;
  while (used.has(k === 1 ? 'out' : `out${k}`)) k++;
  return k === 1 ? 'out' : `out${k}`;
};

/** Where a name is first written in the body (for "not declared" errors). */
const firstUse = (lines: readonly string[], name: string): { line: number; column: number } => {
  for (let index = 0; index < lines.length; index++) {
    const lexed = tokenizeLine(lines[index]!);
    if (!lexed.ok) continue;
    const token = lexed.tokens.find(
      (candidate) => candidate.kind === 'name' && candidate.text === name,
    );
    if (token !== undefined) return { line: index + 1, column: token.column };
  }
  return { line: 1, column: 1 };
};

const build = (text: string, registry: OpRegistry): CompositeDefinition => {
  const lines = text.split('\n');
  const header = HEADER.exec(lines[0] ?? '');
  if (header === null) {
    fail(
      1,
      1,
      (lines[0] ?? '').length,
      'Write a definition as name(inputs; parameters) = expression, like softplus(x) = log(1 + exp(x)).',
    );
  }
  const [whole, indent, name, list] = header as unknown as [string, string, string, string];
  const nameColumn = indent.length + 1;
  if (!NAME.test(name)) {
    fail(1, nameColumn, name.length, `${name} is not a name: use letters, digits and _.`);
  }
  if (registry.get(name) !== undefined || expressionFunctions.has(name)) {
    fail(
      1,
      nameColumn,
      name.length,
      `${name} is already an op; choose another name for the definition.`,
    );
  }
  const listColumn = whole.indexOf('(') + 2;
  const semicolon = list.indexOf(';');
  if (semicolon >= 0 && list.indexOf(';', semicolon + 1) >= 0) {
    fail(
      1,
      listColumn + list.indexOf(';', semicolon + 1),
      1,
      'Use one ";" between the inputs and the parameters.',
    );
  }
  const inputs = namesIn(semicolon < 0 ? list : list.slice(0, semicolon), listColumn, 'input');
  const parameters =
    semicolon < 0
      ? []
      : namesIn(list.slice(semicolon + 1), listColumn + semicolon + 1, 'parameter');
  const seen = new Set<string>();
  for (const port of [...inputs, ...parameters]) {
    if (seen.has(port.name))
      fail(1, port.column, port.name.length, `${port.name} is listed twice.`);
    seen.add(port.name);
  }
  if (lines[0]!.slice(whole.length).trim() === '') {
    fail(
      1,
      whole.length + 1,
      1,
      `Nothing after '=': write what ${name} computes, like log(1 + exp(x)).`,
    );
  }
  // The header becomes `y =` padded to the same width, so every column the parser reports
  // still points at the character the person typed.
  const output = outputName(text);
  const assignment = `${output} =`;
  const body = [
    `${assignment.padEnd(whole.length, ' ')}${lines[0]!.slice(whole.length)}`,
    ...lines.slice(1),
  ];
  const parsed = expressionToGraph(body.join('\n'), { registry });
  if (!parsed.ok) throw new DefinitionFailure(parsed.error);
  const { graph, names, positions } = parsed.value;
  if (parsed.value.inputs.includes(nodeId(output))) {
    fail(
      1,
      whole.length + 1,
      lines[0]!.length - whole.length,
      `${name} computes nothing from its inputs: write an expression of them.`,
    );
  }
  for (const input of parsed.value.inputs) {
    if (!seen.has(input)) {
      const at = firstUse(lines, input);
      fail(
        at.line,
        at.column,
        input.length,
        `${input} is not an input or a parameter of ${name}; list it in ${name}(…; …) or set it with ${input} = a number.`,
      );
    }
  }
  const outputNode = names.get(output)!;
  const nodes: GraphNode[] = [...graph.nodes];
  const layout: Record<string, Position> = Object.create(null) as Record<string, Position>;
  for (const [id, position] of positions) layout[id] = position;
  const valueOf = (id: string): number => {
    const value = nodes.find((node) => node.id === id)?.params?.['value'];
    return typeof value === 'number' ? value : 0;
  };
  // Ports the body never uses still exist: an instance has every port it declares.
  inputs.concat(parameters).forEach((port, k) => {
    if (graph.nodes.some((node) => node.id === port.name)) return;
    nodes.unshift({ id: nodeId(port.name), op: 'input', params: { value: 0 }, label: port.name });
    layout[port.name] = { x: -180, y: 100 * k };
  });
  // Inputs and parameters are plain `input` nodes; a computed name cannot be one.
  for (const port of [...inputs, ...parameters]) {
    const node = nodes.find((candidate) => candidate.id === port.name)!;
    if (node.op !== 'input') {
      const at = firstUse(lines.slice(1), port.name);
      fail(
        at.line + 1,
        at.column,
        port.name.length,
        `${port.name} is an input of ${name}; it cannot also be computed.`,
      );
    }
  }
  const definition: { -readonly [K in keyof CompositeDefinition]: CompositeDefinition[K] } = {
    name,
    inputs: inputs.map((port) => port.name),
    outputs: [{ name: output, node: outputNode as NodeId }],
    graph: { nodes, edges: graph.edges },
    layout: { positions: layout },
    expression: text,
  };
  if (parameters.length > 0) {
    definition.parameters = parameters.map((port) => ({
      name: port.name,
      default: valueOf(port.name),
    }));
  }
  return definition;
};

/**
 * Reads a composite definition written as an expression:
 * `softplus(x) = log(1 + exp(x))`, or with parameters after a semicolon,
 * `neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2 + b)`. Further lines may name intermediate
 * values (`z = w1*x1 + b`) or set a parameter's default (`w1 = 0.5`; otherwise 0). The body is
 * read by {@link expressionToGraph}, so its errors (line, column, length, a sentence) are the
 * expression box's; the header adds its own: a name that is already an op, a port listed twice,
 * a name the body uses that is neither an input nor a parameter.
 *
 * The definition's inputs and parameters are inner `input` nodes named as written; its one output
 * is `y` (or `out` when `y` is taken). Never evaluates text as code.
 * @example
 * const result = definitionFromExpression('softplus(x) = log(1 + exp(x))', standardRegistry);
 * if (result.ok) document = { ...document, definitions: [...definitions, result.value] };
 * @public
 */
export const definitionFromExpression = (text: string, registry: OpRegistry): DefinitionResult => {
  try {
    return { ok: true, value: build(text, registry) };
  } catch (error) {
    if (error instanceof DefinitionFailure) return { ok: false, error: error.detail };
    throw error;
  }
};
