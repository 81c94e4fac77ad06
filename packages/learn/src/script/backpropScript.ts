import { topologicalOrder } from '@chainrule/graph-runtime';
import type {
  EdgeGradient,
  EdgeId,
  GraphEdge,
  GraphNode,
  NodeGradient,
  NodeId,
  NodeValue,
  Runtime,
} from '@chainrule/graph-runtime';
import { expressionFunctions } from '../expression/vocabulary';
import { formatNumber } from '../format/formatNumber';

/** A node lights up with its computation: `u = b·c = 3·2 = 6`. @public */
export interface ForwardStep {
  readonly kind: 'forward';
  readonly node: NodeId;
  /** The name shown for the node (see {@link displayName}). */
  readonly name: string;
  /** The op over its inputs' names, `b·c`; empty for sources. */
  readonly symbolic: string;
  /** The op over its inputs' values, `3·2`; empty for sources or when an input has no value. */
  readonly numeric: string;
  /** The engine's value state for the node. */
  readonly value: NodeValue;
  /** The whole line, e.g. `u = b·c = 3·2 = 6` or `z = log(x) = log(-1): log needs x > 0, got -1`. */
  readonly text: string;
}

/** The backward pass starts: dJ/dJ = 1. @public */
export interface SeedStep {
  readonly kind: 'seed';
  readonly node: NodeId;
  readonly text: string;
}

/** An edge lights up with its chain-rule factor: `dJ/du · ∂u/∂b = 3 · 2 = 6`. @public */
export interface EdgeStep {
  readonly kind: 'edge';
  readonly edge: EdgeId;
  readonly source: NodeId;
  readonly target: NodeId;
  readonly port: string;
  /** The engine's gradient for the edge (upstream dJ/dtarget, local ∂target/∂source, product). */
  readonly gradient: EdgeGradient;
  /** `dJ/du · ∂u/∂b`. */
  readonly symbolic: string;
  readonly text: string;
}

/**
 * A node used by several edges receives its gradient as the sum of their contributions, term
 * by term: `dJ/dx = 2 + 1 = 3`.
 * @public
 */
export interface SumStep {
  readonly kind: 'sum';
  readonly node: NodeId;
  /** The outgoing edges, in the order their steps were played. */
  readonly edges: readonly EdgeId[];
  /** Each edge's contribution (NaN when unavailable), aligned with `edges`. */
  readonly terms: readonly number[];
  /** The engine's gradient for the node. */
  readonly total: NodeGradient;
  readonly text: string;
}

/** One step of the backprop player. @public */
export type BackpropStep = ForwardStep | SeedStep | EdgeStep | SumStep;

/** The ordered steps of the player: the forward pass, then the backward pass. @public */
export interface BackpropScript {
  readonly output: NodeId | null;
  readonly steps: readonly BackpropStep[];
  /** Steps `[0, forwardCount)` are the forward pass; the rest (if any) the backward pass. */
  readonly forwardCount: number;
}

/** Options for {@link createBackpropScript}. @public */
export interface BackpropScriptOptions {
  /** Formats numbers in step texts; default `formatNumber` with four significant digits. */
  readonly format?: (value: number) => string;
  /** Include edges out of `const` nodes in the backward pass (gradients no one trains). Default false. */
  readonly includeConstants?: boolean;
}

/**
 * The name a step shows for a node: its label when the label is a short name (no spaces, no
 * `=`), else its id. The seed's labels read `u = bc`; its ids read `u`.
 * @example displayName({ id: nodeId('u'), op: 'mul', label: 'u = bc' }); // 'u'
 * @public
 */
export const displayName = (node: GraphNode): string =>
  node.label !== undefined && /^[^\s=]{1,24}$/.test(node.label) ? node.label : node.id;

/** The player's steps are short lines: four significant digits. */
const playerFormat = (value: number): string => formatNumber(value, 4);

const binarySymbols: Readonly<Record<string, string>> = {
  add: ' + ',
  sub: ' - ',
  mul: '·',
  div: '/',
  pow: '^',
};

const functionNames: Readonly<Record<string, string>> = { sigmoid: 'σ' };

/** One op over operand texts, as the player writes it; negative numbers get parentheses. */
const writeOp = (op: string, operands: readonly string[], negative: readonly boolean[]): string => {
  const wrapped = operands.map((text, i) =>
    negative[i] && (i > 0 || op === 'pow' || op === 'square') ? `(${text})` : text,
  );
  const symbol = binarySymbols[op];
  if (symbol !== undefined && wrapped.length === 2) return `${wrapped[0]}${symbol}${wrapped[1]}`;
  switch (op) {
    case 'neg':
      return `-${negative[0] ? `(${operands[0]})` : operands[0]}`;
    case 'square':
      return `${wrapped[0]}²`;
    case 'abs':
      return `|${operands[0]}|`;
    default:
      return `${functionNames[op] ?? op}(${operands.join(', ')})`;
  }
};

const portsOf = (op: string, incoming: readonly GraphEdge[]): readonly string[] =>
  expressionFunctions.get(op)?.ports ??
  (op in binarySymbols ? ['a', 'b'] : [...new Set(incoming.map((edge) => edge.targetPort))].sort());

/**
 * Turns what the engine computed into the player's ordered steps: first every node in
 * topological order (`u = b·c = 3·2 = 6`), then, when an output J is chosen, `dJ/dJ = 1` and
 * every edge into J's ancestors in reverse topological order (`dJ/du · ∂u/∂b = 3 · 2 = 6`),
 * with a term-by-term sum (`dJ/dx = 2 + 1 = 3`) where a node feeds several edges. Every
 * number is read from the runtime (values, node gradients, edge gradients); nothing is
 * recomputed here. Pure data: call again after the graph or its values change.
 * @example
 * const script = createBackpropScript(runtime);
 * script.steps.find((s) => s.kind === 'edge' && s.source === 'b')?.text; // 'dJ/du · ∂u/∂b = 3 · 2 = 6'
 * @public
 */
export const createBackpropScript = (
  runtime: Runtime,
  options: BackpropScriptOptions = {},
): BackpropScript => {
  const format = options.format ?? playerFormat;
  const spec = runtime.spec();
  const byId = new Map(spec.nodes.map((node) => [node.id, node]));
  const incoming = new Map<NodeId, GraphEdge[]>();
  const outgoing = new Map<NodeId, GraphEdge[]>();
  for (const node of spec.nodes) {
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of spec.edges) {
    incoming.get(edge.target)?.push(edge);
    outgoing.get(edge.source)?.push(edge);
  }
  const nameOf = (id: NodeId): string => {
    const node = byId.get(id);
    return node === undefined ? id : displayName(node);
  };
  const isConst = (id: NodeId): boolean => byId.get(id)?.op === 'const';
  const inPortOrder = (node: GraphNode): GraphEdge[] => {
    const edges = incoming.get(node.id) ?? [];
    const ports = portsOf(node.op, edges);
    return [...edges].sort((p, q) => ports.indexOf(p.targetPort) - ports.indexOf(q.targetPort));
  };

  const order = topologicalOrder(spec);
  const steps: BackpropStep[] = [];

  for (const id of order) {
    const node = byId.get(id)!;
    const name = nameOf(id);
    const value = runtime.node(id).value();
    const edges = inPortOrder(node);
    if (edges.length === 0 && (node.op === 'input' || node.op === 'const')) {
      const shown = value.kind === 'ok' ? format(value.value) : value.message;
      steps.push({
        kind: 'forward',
        node: id,
        name,
        symbolic: '',
        numeric: '',
        value,
        text: value.kind === 'ok' && shown === name ? shown : `${name} = ${shown}`,
      });
      continue;
    }
    const ports = portsOf(node.op, edges);
    const sourceFor = (port: string) => edges.find((edge) => edge.targetPort === port)?.source;
    const names: string[] = [];
    const numbers: string[] = [];
    const negativeNumbers: boolean[] = [];
    let allValues = true;
    for (const port of ports) {
      const source = sourceFor(port);
      if (source === undefined) {
        names.push('?');
        numbers.push('?');
        negativeNumbers.push(false);
        allValues = false;
        continue;
      }
      const sourceValue = runtime.node(source).value();
      // Constants read as their number even in the symbolic form, as the seed writes 3·v.
      names.push(
        isConst(source) && sourceValue.kind === 'ok' ? format(sourceValue.value) : nameOf(source),
      );
      if (sourceValue.kind === 'ok') {
        numbers.push(format(sourceValue.value));
        negativeNumbers.push(sourceValue.value < 0);
      } else {
        numbers.push('?');
        negativeNumbers.push(false);
        allValues = false;
      }
    }
    const symbolic = writeOp(
      node.op,
      names,
      names.map((text) => text.startsWith('-')),
    );
    const numeric = allValues ? writeOp(node.op, numbers, negativeNumbers) : '';
    const result =
      value.kind === 'ok'
        ? ` = ${format(value.value)}`
        : `${value.kind === 'blocked' ? ' is blocked' : ''}: ${value.message}`;
    steps.push({
      kind: 'forward',
      node: id,
      name,
      symbolic,
      numeric,
      value,
      text: `${name} = ${symbolic}${numeric === '' ? '' : ` = ${numeric}`}${result}`,
    });
  }
  const forwardCount = steps.length;
  const output = runtime.output();
  if (output === null || !byId.has(output)) return { output: null, steps, forwardCount };

  // J's ancestors (J included): only they receive a gradient through the chain rule.
  const cone = new Set<NodeId>([output]);
  const pending = [output];
  while (pending.length > 0) {
    for (const edge of incoming.get(pending.pop()!) ?? []) {
      if (!cone.has(edge.source)) {
        cone.add(edge.source);
        pending.push(edge.source);
      }
    }
  }
  const outputName = nameOf(output);
  steps.push({ kind: 'seed', node: output, text: `d${outputName}/d${outputName} = 1` });

  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    if (!cone.has(id)) continue;
    const name = nameOf(id);
    const feeding = (outgoing.get(id) ?? []).filter((edge) => cone.has(edge.target));
    if (feeding.length > 1 && (options.includeConstants === true || !isConst(id))) {
      const total = runtime.node(id).grad();
      const terms = feeding.map((edge) => {
        const gradient = runtime.edge(edge.id).gradient();
        return gradient.kind === 'ok' ? gradient.contribution : Number.NaN;
      });
      const sum = terms.map((term, k) =>
        Number.isNaN(term) ? '?' : term < 0 && k > 0 ? `(${format(term)})` : format(term),
      );
      const totalText =
        total.kind === 'ok'
          ? format(total.value)
          : total.kind === 'none'
            ? '?'
            : `? (${total.message})`;
      steps.push({
        kind: 'sum',
        node: id,
        edges: feeding.map((edge) => edge.id),
        terms,
        total,
        text: `d${outputName}/d${name} = ${sum.join(' + ')} = ${totalText}`,
      });
    }
    for (const edge of inPortOrder(byId.get(id)!)) {
      if (!cone.has(edge.source)) continue;
      if (options.includeConstants !== true && isConst(edge.source)) continue;
      const gradient = runtime.edge(edge.id).gradient();
      const sourceName = nameOf(edge.source);
      const symbolic = `d${outputName}/d${name} · ∂${name}/∂${sourceName}`;
      const numbers =
        gradient.kind === 'ok'
          ? ` = ${format(gradient.upstream)} · ${gradient.local < 0 ? `(${format(gradient.local)})` : format(gradient.local)} = ${format(gradient.contribution)}`
          : gradient.kind === 'unavailable'
            ? `: ${gradient.message}`
            : '';
      steps.push({
        kind: 'edge',
        edge: edge.id,
        source: edge.source,
        target: id,
        port: edge.targetPort,
        gradient,
        symbolic,
        text: `${symbolic}${numbers}`,
      });
    }
  }
  return { output, steps, forwardCount };
};
