import {
  autoLayout,
  edgeId,
  findCycle,
  nodeId,
  topologicalIndexOrder,
} from '@chainrule/graph-runtime';
import type {
  GraphEdge,
  GraphNode,
  GraphSpec,
  NodeId,
  OpRegistry,
  Position,
} from '@chainrule/graph-runtime';
import { tokenizeLine } from './lexer';
import { intermediateNames, isLiteralSquare } from './naming';
import type { Token } from './lexer';
import { Precedence, expressionConstants, expressionFunctions, infixOperators } from './vocabulary';
import type { ExpressionFunction } from './vocabulary';

/**
 * Where and why an expression could not be read. `line` and `column` are 1-based and point at
 * the first character of the offending token (or just past the end of the line when something
 * is missing there); `length` is how many characters to underline.
 * @public
 */
export interface ExpressionError {
  readonly line: number;
  readonly column: number;
  readonly length: number;
  /** A sentence a person understands, e.g. `Unknown function "sigmod". Did you mean sigmoid?`. */
  readonly message: string;
}

/** The graph an expression describes. @public */
export interface ExpressionGraph {
  /** The graph, with `output` set to the suggested J (or `null` when nothing is computed). */
  readonly graph: GraphSpec;
  /** The suggested output J: the unnamed expression, else the last name nothing else uses. */
  readonly output: NodeId | null;
  /** Every name written in the text (inputs and named intermediates) and its node. */
  readonly names: ReadonlyMap<string, NodeId>;
  /** The `input` nodes, in order of first appearance. */
  readonly inputs: readonly NodeId[];
  /** A left-to-right placement for every node (the runtime's `autoLayout`). */
  readonly positions: ReadonlyMap<NodeId, Position>;
}

/** The result of {@link expressionToGraph}: a graph or the first error. @public */
export type ExpressionResult =
  | { readonly ok: true; readonly value: ExpressionGraph }
  | { readonly ok: false; readonly error: ExpressionError };

/** Options for {@link expressionToGraph}. @public */
export interface ExpressionOptions {
  /** When given, a function whose op the registry lacks is reported as unknown. */
  readonly registry?: OpRegistry;
  /** The value of an input no `name = number` line sets. Default 0. */
  readonly defaultInputValue?: number;
}

type Operand =
  | { readonly kind: 'draft'; readonly index: number }
  | {
      readonly kind: 'name';
      readonly name: string;
      readonly line: number;
      readonly column: number;
    };

/** A node under construction; ids are chosen once every name is known. */
interface Draft {
  readonly op: string;
  readonly ports: readonly string[];
  readonly args: readonly Operand[];
  readonly value?: number;
  label?: string;
  name?: string;
}

type Assignment =
  | {
      readonly kind: 'value';
      readonly value: number;
      readonly line: number;
      readonly column: number;
    }
  | {
      readonly kind: 'expr';
      readonly operand: Operand;
      readonly line: number;
      readonly column: number;
    };

type StackEntry =
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly precedence: number;
      readonly rightAssociative: boolean;
    }
  | { readonly kind: 'negate' }
  | { readonly kind: 'open'; readonly column: number }
  | {
      readonly kind: 'call';
      readonly fn: ExpressionFunction;
      readonly column: number;
      argCount: number;
    };

class ExpressionFailure extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

const fail = (line: number, column: number, length: number, message: string): never => {
  throw new ExpressionFailure({ line, column, length, message });
};

const describe = (token: Token): string => {
  switch (token.kind) {
    case 'number':
      return `the number ${token.text}`;
    case 'name':
      return `the name ${token.text}`;
    default:
      return `'${token.text}'`;
  }
};

const functionList = (): string => [...expressionFunctions.keys()].join(', ');

/** The closest known function name, for "did you mean" hints (edit distance ≤ 2). */
const closestFunction = (name: string): string | null => {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of expressionFunctions.keys()) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
};

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Parses one expression (the tokens after `name =`, or a whole bare line) with an explicit
 * operator stack (shunting-yard), so nesting depth never grows the call stack.
 */
const parseTokens = (
  tokens: readonly Token[],
  line: number,
  lineLength: number,
  drafts: Draft[],
  registry: OpRegistry | undefined,
): Operand => {
  const output: Operand[] = [];
  const stack: StackEntry[] = [];
  const push = (draft: Draft): void => {
    drafts.push(draft);
    output.push({ kind: 'draft', index: drafts.length - 1 });
  };
  const reduce = (entry: StackEntry): void => {
    if (entry.kind === 'binary') {
      const b = output.pop()!;
      const a = output.pop()!;
      const exponent = entry.op === 'pow' && b.kind === 'draft' ? drafts[b.index]! : null;
      if (
        exponent &&
        b.kind === 'draft' &&
        b.index === drafts.length - 1 &&
        isLiteralSquare(exponent)
      ) {
        drafts.pop();
        push({ op: 'square', ports: ['x'], args: [a] });
        return;
      }
      push({ op: entry.op, ports: ['a', 'b'], args: [a, b] });
    } else if (entry.kind === 'negate') {
      const x = output.pop()!;
      push({ op: 'neg', ports: ['x'], args: [x] });
    }
  };

  let expectOperand = true;
  let previous: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'equals') {
      fail(
        line,
        token.column,
        1,
        "'=' can only follow a name at the start of a line, like u = b*c.",
      );
    }
    if (expectOperand) {
      switch (token.kind) {
        case 'number':
          push({ op: 'const', ports: [], args: [], value: token.value, label: token.text });
          expectOperand = false;
          break;
        case 'name': {
          const next = tokens[i + 1];
          if (next?.kind === 'open') {
            const fn = expressionFunctions.get(token.text);
            if (fn === undefined || (registry !== undefined && registry.get(fn.op) === undefined)) {
              if (expressionConstants.has(token.text)) {
                fail(
                  line,
                  token.column,
                  token.text.length,
                  `${token.text} is a constant, not a function.`,
                );
              }
              const hint = closestFunction(token.text);
              fail(
                line,
                token.column,
                token.text.length,
                `Unknown function "${token.text}".${hint === null ? '' : ` Did you mean ${hint}?`} Functions: ${functionList()}.`,
              );
            }
            if (tokens[i + 2]?.kind === 'close') {
              fail(
                line,
                token.column,
                token.text.length,
                `${token.text} needs ${plural(fn!.ports.length, 'argument')}, like ${token.text}(${fn!.ports.join(', ')}).`,
              );
            }
            stack.push({ kind: 'call', fn: fn!, column: token.column, argCount: 1 });
            i++;
            previous = next;
            continue;
          }
          const constant = expressionConstants.get(token.text);
          if (constant !== undefined) {
            push({ op: 'const', ports: [], args: [], value: constant, label: token.text });
          } else if (expressionFunctions.has(token.text)) {
            fail(
              line,
              token.column,
              token.text.length,
              `${token.text} is a function: call it with parentheses, like ${token.text}(x).`,
            );
          } else {
            output.push({ kind: 'name', name: token.text, line, column: token.column });
          }
          expectOperand = false;
          break;
        }
        case 'operator':
          if (token.op === 'sub') stack.push({ kind: 'negate' });
          else if (token.op !== 'add') {
            fail(
              line,
              token.column,
              token.text.length,
              previous === undefined
                ? `Expected a value before '${token.text}'.`
                : `Expected a value between ${describe(previous)} and '${token.text}'.`,
            );
          }
          // A unary plus changes nothing, so it leaves no node.
          break;
        case 'open':
          stack.push({ kind: 'open', column: token.column });
          break;
        case 'close':
          fail(
            line,
            token.column,
            1,
            previous?.kind === 'open'
              ? 'Empty parentheses: put a value inside them.'
              : `Expected a value before ')'.`,
          );
          break;
        case 'comma':
          fail(line, token.column, 1, "Expected a value before ','.");
          break;
      }
    } else {
      switch (token.kind) {
        case 'operator': {
          const info = infixOperators.get(token.op)!;
          for (;;) {
            const top = stack[stack.length - 1];
            if (top === undefined || top.kind === 'open' || top.kind === 'call') break;
            const topPrecedence = top.kind === 'negate' ? Precedence.negation : top.precedence;
            if (
              topPrecedence > info.precedence ||
              (topPrecedence === info.precedence && !info.rightAssociative)
            ) {
              reduce(stack.pop()!);
            } else break;
          }
          stack.push({ kind: 'binary', op: token.op, ...info });
          expectOperand = true;
          break;
        }
        case 'close': {
          let top = stack.pop();
          while (top !== undefined && top.kind !== 'open' && top.kind !== 'call') {
            reduce(top);
            top = stack.pop();
          }
          if (top === undefined) fail(line, token.column, 1, "This ')' has no matching '('.");
          if (top!.kind === 'call') {
            const { fn, argCount, column } = top as Extract<StackEntry, { kind: 'call' }>;
            if (argCount !== fn.ports.length) {
              fail(
                line,
                column,
                fn.name.length,
                `${fn.name} takes ${plural(fn.ports.length, 'argument')}, like ${fn.name}(${fn.ports.join(', ')}), but got ${argCount}.`,
              );
            }
            const args = output.splice(output.length - argCount, argCount);
            push({ op: fn.op, ports: fn.ports, args });
          }
          break;
        }
        case 'comma': {
          let top = stack[stack.length - 1];
          while (top !== undefined && top.kind !== 'open' && top.kind !== 'call') {
            reduce(stack.pop()!);
            top = stack[stack.length - 1];
          }
          if (top?.kind !== 'call') {
            fail(
              line,
              token.column,
              1,
              "A comma separates a function's arguments, like max(a, b); there is no function call here.",
            );
          }
          const call = top as Extract<StackEntry, { kind: 'call' }>;
          call.argCount++;
          if (call.argCount > call.fn.ports.length) {
            fail(
              line,
              token.column,
              1,
              `${call.fn.name} takes ${plural(call.fn.ports.length, 'argument')}, like ${call.fn.name}(${call.fn.ports.join(', ')}); this comma starts one too many.`,
            );
          }
          expectOperand = true;
          break;
        }
        default: {
          const before = previous!;
          fail(
            line,
            token.column,
            token.text.length,
            `Missing an operator between ${describe(before)} and ${describe(token)}. To multiply, write ${before.text}*${token.text}.`,
          );
        }
      }
    }
    previous = token;
  }
  if (expectOperand) {
    fail(
      line,
      lineLength + 1,
      1,
      previous === undefined
        ? 'Expected a value here.'
        : `The line ends where a value was expected, after ${describe(previous)}.`,
    );
  }
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.kind === 'open' || top.kind === 'call') {
      fail(
        line,
        top.kind === 'call' ? top.column + top.fn.name.length : top.column,
        1,
        "This '(' is never closed: add a ')'.",
      );
    }
    reduce(top);
  }
  return output[0]!;
};

const isValueAssignment = (rest: readonly Token[]): number | null => {
  const [first, second] = rest;
  if (rest.length === 1 && first?.kind === 'number') return first.value;
  if (
    rest.length === 2 &&
    first?.kind === 'operator' &&
    (first.op === 'sub' || first.op === 'add') &&
    second?.kind === 'number'
  ) {
    return first.op === 'sub' ? -second.value : second.value;
  }
  return null;
};

/**
 * Turns an expression into a graph. Accepts one line (`J = 3*(a + b*c)`, or just
 * `3*(a + b*c)`) or several (`u = b*c`, `v = a + u`, `J = 3*v`, in any order), where a line
 * `a = 5` sets input a's value. Functions are the op library's (`exp log sqrt abs sin cos tanh
 * sigmoid relu square neg max min pow`), `^` (or `**`) is right-associative power, unary minus
 * is `neg` and binds looser than `^` (`-2^2` = -4), `pi` and `e` are constants, numbers become
 * `const` nodes, names never assigned become `input` nodes, and `#` starts a comment.
 *
 * Named values keep their names as node ids and labels; an unnamed final expression becomes J.
 * Never evaluates text as code; the parser is an explicit-stack operator-precedence parser, so
 * deeply nested input cannot overflow the call stack.
 * @example
 * const result = expressionToGraph('J = 3*(a + b*c)\na = 5\nb = 3\nc = 2');
 * if (result.ok) createRuntime({ registry: standardRegistry, graph: result.value.graph });
 * else console.log(result.error.line, result.error.column, result.error.message);
 * @public
 */
export const expressionToGraph = (
  source: string,
  options: ExpressionOptions = {},
): ExpressionResult => {
  try {
    return { ok: true, value: build(source, options) };
  } catch (error) {
    if (error instanceof ExpressionFailure) return { ok: false, error: error.detail };
    throw error;
  }
};

const build = (source: string, options: ExpressionOptions): ExpressionGraph => {
  const lines = source.split('\n');
  const drafts: Draft[] = [];
  const assignments = new Map<string, Assignment>();
  const assignmentOrder: string[] = [];
  const referenced = new Set<string>();
  let bare: { operand: Operand; line: number } | null = null;

  lines.forEach((text, lineIndex) => {
    const line = lineIndex + 1;
    const lexed = tokenizeLine(text);
    if (!lexed.ok) fail(line, lexed.error.column, lexed.error.length, lexed.error.message);
    const tokens = (lexed as { tokens: Token[] }).tokens;
    if (tokens.length === 0) return;
    const [first, second] = tokens;
    const before = drafts.length;
    if (first!.kind === 'name' && second?.kind === 'equals') {
      const name = first!.text;
      if (expressionFunctions.has(name)) {
        fail(
          line,
          first!.column,
          name.length,
          `${name} is a function name; choose another name for this value.`,
        );
      }
      if (expressionConstants.has(name)) {
        fail(
          line,
          first!.column,
          name.length,
          `${name} is the constant ${expressionConstants.get(name)}; choose another name.`,
        );
      }
      const earlier = assignments.get(name);
      if (earlier !== undefined) {
        fail(
          line,
          first!.column,
          name.length,
          `${name} is already set on line ${earlier.line}; each name can be set once.`,
        );
      }
      const rest = tokens.slice(2);
      if (rest.length === 0) {
        fail(
          line,
          text.length + 1,
          1,
          `Nothing after '=': write a value or an expression, like ${name} = b*c.`,
        );
      }
      const value = isValueAssignment(rest);
      if (value !== null) {
        assignments.set(name, { kind: 'value', value, line, column: first!.column });
      } else {
        const operand = parseTokens(rest, line, text.length, drafts, options.registry);
        assignments.set(name, { kind: 'expr', operand, line, column: first!.column });
      }
      assignmentOrder.push(name);
    } else {
      const operand = parseTokens(tokens, line, text.length, drafts, options.registry);
      if (bare !== null) {
        fail(
          line,
          first!.column,
          1,
          `Only one line can be an unnamed expression (line ${bare.line} already is); name this one, like y = ...`,
        );
      }
      bare = { operand, line };
    }
    for (let index = before; index < drafts.length; index++) {
      for (const arg of drafts[index]!.args) if (arg.kind === 'name') referenced.add(arg.name);
    }
    // `u = v` uses v even though it creates no node.
    const assigned = assignments.get(first!.text);
    if (bare?.line !== line && assigned?.kind === 'expr' && assigned.operand.kind === 'name') {
      referenced.add(assigned.operand.name);
    }
  });

  if (drafts.length === 0 && assignments.size === 0 && bare === null) {
    fail(1, 1, 1, 'Type an expression, like J = 3*(a + b*c).');
  }

  // Inputs: every name never given an expression, in order of first appearance.
  const inputIndex = new Map<string, number>();
  const inputNames: string[] = [];
  const inputFor = (name: string): number => {
    let index = inputIndex.get(name);
    if (index === undefined) {
      const assigned = assignments.get(name);
      drafts.push({
        op: 'input',
        ports: [],
        args: [],
        value: assigned?.kind === 'value' ? assigned.value : (options.defaultInputValue ?? 0),
        label: name,
        name,
      });
      index = drafts.length - 1;
      inputIndex.set(name, index);
      inputNames.push(name);
    }
    return index;
  };

  for (const name of assignmentOrder) {
    const assigned = assignments.get(name)!;
    if (assigned.kind === 'expr' && assigned.operand.kind === 'draft') {
      const draft = drafts[assigned.operand.index]!;
      draft.name = name;
      draft.label = name;
    }
  }

  // A name resolves to a node, following `u = v` aliases without recursion.
  const resolve = (operand: Operand): number => {
    let current = operand;
    const seen: string[] = [];
    while (current.kind === 'name') {
      const name = current.name;
      if (seen.includes(name)) {
        const assigned = assignments.get(seen[0]!)!;
        fail(
          assigned.line,
          assigned.column,
          seen[0]!.length,
          `${seen[0]} is defined in terms of itself: ${[...seen, name].join(' → ')}.`,
        );
      }
      seen.push(name);
      const assigned = assignments.get(name);
      if (assigned === undefined || assigned.kind === 'value') return inputFor(name);
      current = assigned.operand;
    }
    return current.index;
  };

  // Value-only names are inputs even when no expression uses them yet.
  for (const name of assignmentOrder) {
    if (assignments.get(name)!.kind === 'value') inputFor(name);
  }
  // Resolve each name from itself first, so a cycle is reported from its earliest line.
  for (const name of assignmentOrder) resolve({ kind: 'name', name, line: 0, column: 0 });
  // Resolving may append input drafts; they have no args, so the growing loop covers them.
  const sources: number[][] = [];
  for (let index = 0; index < drafts.length; index++) {
    sources.push(drafts[index]!.args.map(resolve));
  }

  let outputIndex: number | null = null;
  if (bare !== null) {
    outputIndex = resolve((bare as { operand: Operand }).operand);
  } else {
    const expressions = assignmentOrder.filter((name) => assignments.get(name)!.kind === 'expr');
    const sinks = expressions.filter((name) => !referenced.has(name));
    const chosen = sinks[sinks.length - 1] ?? expressions[expressions.length - 1];
    if (chosen !== undefined)
      outputIndex = resolve({ kind: 'name', name: chosen, line: 0, column: 0 });
  }
  for (const name of assignmentOrder) {
    const assigned = assignments.get(name)!;
    if (assigned.kind === 'expr') resolve(assigned.operand);
  }

  for (let index = sources.length; index < drafts.length; index++) sources.push([]);
  // Order nodes topologically (Kahn); leftovers mean a cycle through named values.
  const order = topologicalDrafts(drafts, sources, assignments);

  // Ids: names as written; everything else `<op><n>`, skipping ids a name already took.
  const taken = new Set<string>();
  for (const draft of drafts) if (draft.name !== undefined) taken.add(draft.name);
  if (outputIndex !== null && drafts[outputIndex]!.name === undefined) {
    let outputName = 'J';
    for (let k = 2; taken.has(outputName); k++) outputName = k === 2 ? 'out' : `out${k - 1}`;
    drafts[outputIndex]!.name = outputName;
    drafts[outputIndex]!.label = outputName;
    taken.add(outputName);
  }
  // Unnamed intermediates are labelled u, v, w, … in the order they are computed.
  const nextName = intermediateNames(taken);
  for (const index of order) {
    const draft = drafts[index]!;
    if (draft.name === undefined && draft.op !== 'const' && draft.op !== 'input')
      draft.label = nextName();
  }
  const counters = new Map<string, number>();
  const ids: NodeId[] = drafts.map((draft) => {
    if (draft.name !== undefined) return nodeId(draft.name);
    let count = counters.get(draft.op) ?? 0;
    let id: string;
    do {
      count++;
      id = `${draft.op}${count}`;
    } while (taken.has(id));
    counters.set(draft.op, count);
    taken.add(id);
    return nodeId(id);
  });

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const index of order) {
    const draft = drafts[index]!;
    nodes.push({
      id: ids[index]!,
      op: draft.op,
      ...(draft.value === undefined ? {} : { params: { value: draft.value } }),
      ...(draft.label === undefined ? {} : { label: draft.label }),
    });
    sources[index]!.forEach((source, port) => {
      edges.push({
        id: edgeId(`e${edges.length + 1}`),
        source: ids[source]!,
        target: ids[index]!,
        targetPort: draft.ports[port]!,
      });
    });
  }
  const output = outputIndex === null ? null : ids[outputIndex]!;
  const graph: GraphSpec = { nodes, edges, output };
  const names = new Map<string, NodeId>();
  for (const name of assignmentOrder) {
    names.set(name, ids[resolve({ kind: 'name', name, line: 0, column: 0 })]!);
  }
  for (const name of inputNames) names.set(name, ids[inputIndex.get(name)!]!);
  return {
    graph,
    output,
    names,
    inputs: inputNames.map((name) => ids[inputIndex.get(name)!]!),
    positions: positionsOf(graph),
  };
};

/** The one layered layout, as a map. */
const positionsOf = (graph: GraphSpec): Map<NodeId, Position> => {
  const placed = autoLayout(graph);
  return new Map(graph.nodes.map((node) => [node.id, placed[node.id]!]));
};

const topologicalDrafts = (
  drafts: readonly Draft[],
  sources: readonly (readonly number[])[],
  assignments: ReadonlyMap<string, Assignment>,
): number[] => {
  // Inputs first in order of appearance, then the rest in the order they were written: the one
  // topological sort takes sources in index order, so it runs on that ranking of the drafts.
  const ranked: number[] = [];
  for (let index = 0; index < drafts.length; index++)
    if (drafts[index]!.op === 'input') ranked.push(index);
  for (let index = 0; index < drafts.length; index++)
    if (drafts[index]!.op !== 'input') ranked.push(index);
  const rankOf = new Int32Array(drafts.length);
  ranked.forEach((index, rank) => (rankOf[index] = rank));
  const edgeSources: number[] = [];
  const edgeTargets: number[] = [];
  sources.forEach((list, target) => {
    for (const source of list) {
      edgeSources.push(rankOf[source]!);
      edgeTargets.push(rankOf[target]!);
    }
  });
  const ranks = topologicalIndexOrder(drafts.length, edgeSources, edgeTargets);
  const order = Array.from(ranks.order.subarray(0, ranks.placed), (rank) => ranked[rank]!);
  if (ranks.placed === drafts.length) return order;

  // Name the cycle with the one cycle search (over draft indices as ids), read as "uses":
  // u → v means u uses v, the reverse of the edges' direction.
  const feeds = sources.flatMap((list, target) =>
    list.map((source) => ({ source: nodeId(String(source)), target: nodeId(String(target)) })),
  );
  const cycle = findCycle(
    drafts.map((_, index) => nodeId(String(index))),
    feeds,
  )!;
  const uses = cycle.slice(0, -1).reverse().map(Number);
  // Start at the earliest named draft, so the message does not depend on where the search began.
  let first = -1;
  uses.forEach((index, at) => {
    if (drafts[index]!.name !== undefined && (first < 0 || index < uses[first]!)) first = at;
  });
  const loop = [...uses.slice(first), ...uses.slice(0, first)];
  const named = loop.map((index) => drafts[index]!.name).filter((name) => name !== undefined);
  const start = named[0]!;
  const assigned = assignments.get(start)!;
  return fail(
    assigned.line,
    assigned.column,
    start.length,
    `${start} is defined in terms of itself: ${[...named, start].join(' → ')}.`,
  );
};
