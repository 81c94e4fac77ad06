import type { GraphNode, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { sourceValueOf } from '@chainrule/graph-runtime';
import { Precedence, expressionConstants, expressionFunctions } from '../expression/vocabulary';

/** Options for {@link nodeFormula}. @public */
export interface FormulaOptions {
  /**
   * `inputs` (default) writes the node in terms of the graph's sources, expanding every
   * intermediate node; `direct` writes only the node's own op over its inputs' names
   * (`u = b*c` rather than the whole tree), as the player does.
   */
  readonly expand?: 'inputs' | 'direct';
  /**
   * A sub-formula whose text grows past this many characters is written as its node's name
   * instead, and that node is listed in {@link NodeFormula.references}. Keeps formulas of deep
   * or heavily shared graphs (where full expansion grows exponentially) readable and cheap.
   * Default 400.
   */
  readonly maxLength?: number;
}

/** A node's formula as copyable text and as LaTeX for KaTeX. @public */
export interface NodeFormula {
  /** Plain text in the expression language, e.g. `3*(a + b*c)`; parses back to the same values. */
  readonly text: string;
  /** LaTeX, e.g. `3 \cdot \left(a + b \cdot c\right)`. */
  readonly latex: string;
  /**
   * Intermediate nodes written by name because expanding them would exceed `maxLength`, in
   * topological order; empty when the formula is fully expanded. Show their own formulas
   * beside this one ("where u = …").
   */
  readonly references: readonly NodeId[];
}

/** One rendered sub-formula with what its consumer needs to decide on parentheses. */
interface Rendered {
  readonly text: string;
  readonly textPrecedence: number;
  readonly latex: string;
  readonly latexPrecedence: number;
  /** Safe as the base of a LaTeX power without parentheses. */
  readonly latexBase: boolean;
  /** Starts with a minus sign: never written bare right of an operator (`a - -b`). */
  readonly negative: boolean;
}

const atom = (text: string, latex: string): Rendered => ({
  text,
  textPrecedence: Precedence.atom,
  latex,
  latexPrecedence: Precedence.atom,
  latexBase: true,
  negative: false,
});

const wrapText = (r: Rendered, min: number, allowNegative = true): string =>
  r.textPrecedence >= min && (allowNegative || !r.negative) ? r.text : `(${r.text})`;
const wrapLatex = (r: Rendered, min: number, allowNegative = true): string =>
  r.latexPrecedence >= min && (allowNegative || !r.negative)
    ? r.latex
    : `\\left(${r.latex}\\right)`;

const greek = new Set(
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(
    ' ',
  ),
);

const latexWord = (word: string): string =>
  greek.has(word) ? `\\${word}` : word.length === 1 ? word : `\\mathrm{${word}}`;

const escapeText = (text: string): string =>
  text.replace(/[\\{}_#$%&^~]/g, (ch) =>
    ch === '\\'
      ? '\\textbackslash{}'
      : ch === '^'
        ? '\\textasciicircum{}'
        : ch === '~'
          ? '\\textasciitilde{}'
          : `\\${ch}`,
  );

/**
 * A name as LaTeX: `w1` and `w_1` → `w_{1}`, `alpha` → `\alpha`, `loss` → `\mathrm{loss}`,
 * anything else as upright text.
 * @example latexName('w1'); // 'w_{1}'
 * @public
 */
export const latexName = (name: string): string => {
  const indexed = /^([A-Za-z]+)_?([0-9]+)$/.exec(name);
  if (indexed !== null) return `${latexWord(indexed[1]!)}_{${indexed[2]}}`;
  const subscripted = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (subscripted !== null) return `${latexWord(subscripted[1]!)}_{${latexWord(subscripted[2]!)}}`;
  if (/^[A-Za-z]+$/.test(name)) return latexWord(name);
  return `\\text{${escapeText(name)}}`;
};

const latexNumber = (value: number): string => {
  const text = String(Math.abs(value));
  const [mantissa, exponent] = text.split('e');
  const body = exponent === undefined ? text : `${mantissa} \\times 10^{${Number(exponent)}}`;
  return value < 0 || Object.is(value, -0) ? `-${body}` : body;
};

const renderConst = (node: GraphNode): Rendered => {
  const value = sourceValueOf(node.params) ?? Number.NaN;
  for (const [name, constant] of expressionConstants) {
    if (value === constant) return atom(name, name === 'pi' ? '\\pi' : 'e');
  }
  if (value < 0 || Object.is(value, -0)) {
    return {
      text: Object.is(value, -0) ? '-0' : String(value),
      textPrecedence: Precedence.negation,
      latex: latexNumber(value),
      latexPrecedence: Precedence.negation,
      latexBase: false,
      negative: true,
    };
  }
  return atom(String(value), latexNumber(value));
};

const latexFunction: Readonly<Record<string, string>> = {
  log: '\\ln',
  sin: '\\sin',
  cos: '\\cos',
  tanh: '\\tanh',
  sigmoid: '\\sigma',
  max: '\\max',
  min: '\\min',
};

const call = (name: string, latexHead: string, args: readonly Rendered[]): Rendered => ({
  text: `${name}(${args.map((a) => a.text).join(', ')})`,
  textPrecedence: Precedence.atom,
  latex: `${latexHead}\\left(${args.map((a) => a.latex).join(', ')}\\right)`,
  latexPrecedence: Precedence.atom,
  latexBase: false,
  negative: false,
});

const infix = (
  symbol: string,
  latexSymbol: string,
  precedence: number,
  [a, b]: readonly Rendered[],
): Rendered => ({
  text: `${wrapText(a!, precedence)}${symbol}${wrapText(b!, precedence + 1, false)}`,
  textPrecedence: precedence,
  latex: `${wrapLatex(a!, precedence)}${latexSymbol}${wrapLatex(b!, precedence + 1, false)}`,
  latexPrecedence: precedence,
  latexBase: false,
  negative: a!.negative && a!.textPrecedence >= precedence,
});

const power = (base: Rendered, exponentText: string, exponentLatex: string): Rendered => ({
  text: `${wrapText(base, Precedence.atom)}^${exponentText}`,
  textPrecedence: Precedence.power,
  latex: `${base.latexBase && base.latexPrecedence >= Precedence.atom ? base.latex : `\\left(${base.latex}\\right)`}^{${exponentLatex}}`,
  latexPrecedence: Precedence.power,
  latexBase: false,
  negative: false,
});

/** Renders one op over its rendered inputs (in port order). */
const renderOp = (op: string, args: readonly Rendered[]): Rendered => {
  switch (op) {
    case 'add':
      return infix(' + ', ' + ', Precedence.sum, args);
    case 'sub':
      return infix(' - ', ' - ', Precedence.sum, args);
    case 'mul':
      return infix('*', ' \\cdot ', Precedence.product, args);
    case 'div': {
      const [a, b] = args;
      return {
        text: `${wrapText(a!, Precedence.product)}/${wrapText(b!, Precedence.negation + 1, false)}`,
        textPrecedence: Precedence.product,
        latex: `\\frac{${a!.latex}}{${b!.latex}}`,
        latexPrecedence: Precedence.atom,
        latexBase: false,
        negative: a!.negative && a!.textPrecedence >= Precedence.product,
      };
    }
    case 'pow': {
      const [a, b] = args;
      return power(a!, wrapText(b!, Precedence.power, false), b!.latex);
    }
    case 'square':
      return power(args[0]!, '2', '2');
    case 'neg': {
      const [x] = args;
      return {
        text: `-${wrapText(x!, Precedence.power, false)}`,
        textPrecedence: Precedence.negation,
        latex: `-${wrapLatex(x!, Precedence.power, false)}`,
        latexPrecedence: Precedence.negation,
        latexBase: false,
        negative: true,
      };
    }
    case 'sqrt':
      return { ...call('sqrt', '', args), latex: `\\sqrt{${args[0]!.latex}}` };
    case 'exp':
      return {
        ...call('exp', '', args),
        latex: `e^{${args[0]!.latex}}`,
        latexPrecedence: Precedence.power,
      };
    case 'abs':
      return {
        ...call('abs', '', args),
        latex: `\\left|${args[0]!.latex}\\right|`,
        latexBase: true,
      };
    default:
      return call(
        op,
        latexFunction[op] ??
          (expressionFunctions.has(op)
            ? `\\operatorname{${op}}`
            : `\\operatorname{${escapeText(op)}}`),
        args,
      );
  }
};

const missing = atom('?', '?');

/**
 * The formula of one node: in terms of the graph's inputs (default), or of its direct inputs'
 * names. Parentheses are the fewest that keep the graph's structure (`a - (b - c)` keeps its
 * parentheses, `(a*b)*c` is `a*b*c`), so the text parses back to the same graph shape, except
 * `square(x)`, written `x^2`. Walks the graph iteratively (deep chains are fine) and falls back
 * to names for sub-formulas longer than `maxLength` (see {@link NodeFormula.references}).
 * Unconnected ports read `?`.
 * @example nodeFormula(seedGraph, nodeId('J')).text; // '3*(a + b*c)'
 * @public
 */
export const nodeFormula = (
  graph: GraphSpec,
  id: NodeId,
  options: FormulaOptions = {},
): NodeFormula => {
  const maxLength = options.maxLength ?? 400;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const inputsOf = new Map<NodeId, Map<string, NodeId>>();
  for (const edge of graph.edges) {
    let ports = inputsOf.get(edge.target);
    if (ports === undefined) inputsOf.set(edge.target, (ports = new Map()));
    ports.set(edge.targetPort, edge.source);
  }
  const nameOf = (nodeIdValue: NodeId): string => byId.get(nodeIdValue)?.label ?? nodeIdValue;
  const asName = (nodeIdValue: NodeId): Rendered => {
    const node = byId.get(nodeIdValue);
    return node?.op === 'const'
      ? renderConst(node)
      : atom(nameOf(nodeIdValue), latexName(nameOf(nodeIdValue)));
  };
  const portsOf = (node: GraphNode): readonly string[] => {
    const fn = expressionFunctions.get(node.op);
    if (fn !== undefined) return fn.ports;
    if (['add', 'sub', 'mul', 'div', 'pow'].includes(node.op)) return ['a', 'b'];
    // Unknown ops: whatever ports are connected, in name order.
    return [...(inputsOf.get(node.id)?.keys() ?? [])].sort();
  };
  const argsOf = (node: GraphNode, lookup: (source: NodeId) => Rendered): Rendered[] =>
    portsOf(node).map((port) => {
      const source = inputsOf.get(node.id)?.get(port);
      return source === undefined ? missing : lookup(source);
    });

  const target = byId.get(id);
  if (target === undefined) throw new Error(`No node "${id}" in this graph`);
  const renderSource = (node: GraphNode): Rendered =>
    node.op === 'const' ? renderConst(node) : atom(nameOf(node.id), latexName(nameOf(node.id)));

  if (options.expand === 'direct' || portsOf(target).length === 0) {
    const rendered =
      portsOf(target).length === 0 && !inputsOf.has(target.id)
        ? renderSource(target)
        : renderOp(target.op, argsOf(target, asName));
    return { text: rendered.text, latex: rendered.latex, references: [] };
  }

  // Post-order over the target's ancestors with an explicit stack. A source still in progress
  // when its consumer renders means a cycle (an invalid graph): it is cut by writing the name.
  const rendered = new Map<NodeId, Rendered>();
  const usable = new Map<NodeId, Rendered>();
  const inProgress = new Set<NodeId>();
  const references: NodeId[] = [];
  const stack: NodeId[] = [id];
  while (stack.length > 0) {
    const current = stack[stack.length - 1]!;
    if (usable.has(current)) {
      stack.pop();
      continue;
    }
    const node = byId.get(current);
    if (node === undefined) {
      stack.pop();
      usable.set(current, missing);
      continue;
    }
    if (!inProgress.has(current)) {
      inProgress.add(current);
      for (const port of portsOf(node)) {
        const source = inputsOf.get(current)?.get(port);
        if (source !== undefined && !usable.has(source) && !inProgress.has(source)) {
          stack.push(source);
        }
      }
      continue;
    }
    stack.pop();
    inProgress.delete(current);
    const result =
      portsOf(node).length === 0 && !inputsOf.has(current)
        ? renderSource(node)
        : renderOp(
            node.op,
            argsOf(node, (source) => usable.get(source) ?? asName(source)),
          );
    rendered.set(current, result);
    if (current !== id && result.text.length > maxLength) {
      references.push(current);
      usable.set(current, asName(current));
    } else usable.set(current, result);
  }
  const final = rendered.get(id)!;
  return { text: final.text, latex: final.latex, references };
};
