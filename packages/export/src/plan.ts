import {
  createRuntime,
  quoteText,
  listItems,
  sourceValueOf,
  topologicalOrder,
  type GraphSpec,
  type NodeId,
  type OpRegistry,
} from '@chainrule/graph-runtime';
import type { Expr } from './expr';
import { gradientName, sanitizeNames } from './names';
import {
  batchOpRefusals,
  functionOpExports,
  sourceOpExports,
  type ExportTarget,
  type OpExport,
} from './ops';

interface PlanNodeBase {
  readonly id: NodeId;
  /** The identifier used in every target. */
  readonly name: string;
  /** The engine's value at export time (for a source: its `params.value`). */
  readonly value: number;
  readonly label?: string;
}

/** An `input` node: a graph input, with a gradient. @public */
export interface InputPlanNode extends PlanNodeBase {
  readonly kind: 'input';
}

/** A `const` node. @public */
export interface ConstPlanNode extends PlanNodeBase {
  readonly kind: 'const';
}

/** A function node: an op applied to the nodes feeding its ports. @public */
export interface FunctionPlanNode extends PlanNodeBase {
  readonly kind: 'function';
  readonly op: string;
  readonly exports: OpExport;
  /** The name feeding each port, in the op's port order. */
  readonly args: readonly string[];
  /** The op's port names, in order (what the op's expressions call them). */
  readonly ports: readonly string[];
}

/** One node of the export, in topological order. @public */
export type PlanNode = InputPlanNode | ConstPlanNode | FunctionPlanNode;

/** One chain-rule step of the reverse pass: `dJ_d<source> (+)= dJ_d<target> · local`. @public */
export interface BackwardStep {
  /** The node receiving the gradient (an edge's source). */
  readonly source: string;
  /** The node passing it back (the edge's target). */
  readonly target: string;
  /** ∂target/∂source, in terms of the target's ports and `out`. */
  readonly local: Expr;
  /** The target's port the edge enters. */
  readonly port: string;
  /** The first step into `source`: `=` rather than `+=`. */
  readonly first: boolean;
}

/**
 * Everything a target needs, in order: the nodes J depends on (plus every input, since each one
 * gets a gradient, 0 when it does not influence J), the output, and the reverse pass.
 * @public
 */
export interface ExportPlan {
  readonly title: string;
  readonly nodes: readonly PlanNode[];
  /** Every `input` node, in the file's order: the keys of `grads`. */
  readonly inputs: readonly InputPlanNode[];
  readonly output: PlanNode;
  /** The chain-rule steps in reverse topological order of their target. */
  readonly backward: readonly BackwardStep[];
  /** Node names that receive a gradient from the reverse pass (the rest of the inputs get 0). */
  readonly reached: ReadonlySet<string>;
  /** What the engine computes at export time: J and dJ/d(input), keyed by input id. */
  readonly expected: { readonly output: number; readonly grads: Readonly<Record<string, number>> };
}

/** A problem that stops an export, naming the node when there is one. @public */
export interface ExportProblem {
  readonly node?: NodeId;
  readonly message: string;
}

/**
 * Thrown when a graph cannot be exported exactly: no output, a node in error at its current
 * inputs, an undefined gradient, or an op a target cannot express. Lists every problem found.
 * @public
 */
export class ExportError extends Error {
  readonly problems: readonly ExportProblem[];
  constructor(problems: readonly ExportProblem[]) {
    super(
      `cannot export: ${listItems(
        problems.map((problem) =>
          problem.node === undefined
            ? problem.message
            : `${quoteText(problem.node)}: ${problem.message}`,
        ),
        '; ',
      )}`,
    );
    this.name = 'ExportError';
    this.problems = problems;
  }
}

/** Options for {@link planExport}. @public */
export interface PlanOptions {
  readonly registry: OpRegistry;
  /** Checked against each op's refusals. */
  readonly target: ExportTarget;
  /** A title for comments and the ONNX graph name. */
  readonly title?: string;
}

/**
 * Builds the export plan of a graph at its current inputs, checked by the engine: the export is
 * refused (an {@link ExportError}) when the graph has no output, when J or a gradient cannot be
 * computed there (a domain error, an unconnected port, an infinite slope), or when the target
 * cannot express an op exactly.
 * @public
 */
export const planExport = (graph: GraphSpec, options: PlanOptions): ExportPlan => {
  const { registry, target } = options;
  const outputId = graph.output ?? null;
  if (outputId === null) {
    throw new ExportError([{ message: 'the graph has no output J: choose one first' }]);
  }
  const order = topologicalOrder(graph);
  const byId = new Map(graph.nodes.map((node) => [node.id, node] as const));
  const incoming = new Map<NodeId, Map<string, NodeId>>();
  for (const edge of graph.edges) {
    let ports = incoming.get(edge.target);
    if (!ports) incoming.set(edge.target, (ports = new Map()));
    ports.set(edge.targetPort, edge.source);
  }
  // J's cone: everything J depends on, found by walking edges backwards (iteratively).
  const cone = new Set<NodeId>([outputId]);
  const stack: NodeId[] = [outputId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const source of incoming.get(id)?.values() ?? []) {
      if (!cone.has(source)) {
        cone.add(source);
        stack.push(source);
      }
    }
  }

  const problems: ExportProblem[] = [];
  // Datasets and batches: refused before the engine runs (their data is not in the graph).
  for (const node of graph.nodes) {
    const refusal = batchOpRefusals[node.op];
    if (refusal !== undefined)
      problems.push({ node: node.id, message: `cannot export: ${refusal}` });
  }
  if (problems.length > 0) throw new ExportError(problems);
  const gradientProblems: ExportProblem[] = [];
  const runtime = createRuntime({ registry, graph });
  const values = new Map<NodeId, number>();
  const expectedGrads: Record<string, number> = {};
  let expectedOutput = Number.NaN;
  try {
    for (const id of order) {
      const node = byId.get(id)!;
      const isInput = sourceOpExports[node.op] === 'input';
      if (!cone.has(id) && !isInput) continue;
      const value = runtime.node(id).value();
      const grad = runtime.node(id).grad();
      if (value.kind !== 'ok') {
        // Root causes only: a node blocked by an upstream error is named by that error.
        if (value.kind === 'error' || value.cause === undefined) {
          problems.push({
            node: id,
            message: `has no value at its current inputs: ${value.message}`,
          });
        }
        continue;
      }
      values.set(id, value.value);
      if (grad.kind === 'unavailable') {
        gradientProblems.push({
          node: id,
          message: `its gradient is undefined here: ${grad.message}`,
        });
      } else if (grad.kind === 'ok' && isInput) {
        expectedGrads[id] = grad.value;
      }
      if (id === outputId) expectedOutput = value.value;
    }
    // An undefined gradient is the same sentence on every node upstream of its cause: name it
    // once, at the node nearest J; and not at all when J itself has no value.
    if (problems.length === 0) {
      const seen = new Set<string>();
      for (let index = gradientProblems.length - 1; index >= 0; index--) {
        const problem = gradientProblems[index]!;
        if (!seen.has(problem.message)) problems.push(problem);
        seen.add(problem.message);
      }
    }
    // The engine takes 0 · ∞ as 0: a zero gradient passes nothing back through an infinite
    // slope (sqrt at 0, say), and shows that slope as 0. Every target would compute NaN there,
    // so the export refuses, reading the slope from the op's own local derivative.
    for (const id of order) {
      const node = byId.get(id)!;
      const op = registry.get(node.op);
      const out = values.get(id);
      if (!cone.has(id) || !op || op.kind !== 'function' || out === undefined) continue;
      // With a non-zero gradient arriving, the engine itself says the gradient is undefined
      // (reported above); only a zero one crosses the infinite slope silently.
      const arriving = runtime.node(id).grad();
      if (arriving.kind !== 'ok' || arriving.value !== 0) continue;
      const args = op.inputs.map((port) =>
        values.get(incoming.get(id)?.get(port) ?? ('' as NodeId)),
      );
      if (args.some((value) => value === undefined)) continue;
      const numbers = [...(args as number[]), out];
      op.derivatives.forEach((derivative, port) => {
        if (Number.isFinite(derivative.fn(...numbers))) return;
        const why =
          derivative.undefinedAt?.(...numbers) ?? `∂${node.op}/∂${op.inputs[port]!} is not finite`;
        problems.push({
          node: id,
          message: `${why}; the gradient arriving here is 0 and Chainrule passes 0 back (0 · ∞ taken as 0), which ${target} would compute as NaN`,
        });
      });
    }
  } finally {
    runtime.dispose();
  }

  const names = sanitizeNames(order.filter((id) => cone.has(id) || byId.get(id)!.op === 'input'));
  const nodes: PlanNode[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const name = names.get(id);
    if (name === undefined) continue;
    const label = node.label !== undefined && node.label !== id ? { label: node.label } : {};
    const source = sourceOpExports[node.op];
    if (source) {
      const value = sourceValueOf(node.params) ?? 0;
      nodes.push(
        source === 'input'
          ? { kind: 'input', id, name, value, ...label }
          : { kind: 'const', id, name, value, ...label },
      );
      continue;
    }
    const op = registry.get(node.op);
    const exports = functionOpExports[node.op];
    if (!op || !exports) {
      problems.push({ node: id, message: `the op "${node.op}" has no export mapping` });
      continue;
    }
    const refusal = exports.refusals?.[target];
    if (refusal !== undefined) {
      problems.push({
        node: id,
        message: `${target} cannot express ${node.op} exactly: ${refusal}`,
      });
      continue;
    }
    const ports = incoming.get(id);
    const args = op.inputs.map((port) => {
      const from = ports?.get(port);
      return from === undefined ? '' : names.get(from)!;
    });
    if (args.includes('')) continue; // reported above: the node is blocked by an unconnected port
    nodes.push({
      kind: 'function',
      id,
      name,
      op: node.op,
      exports,
      args,
      ports: op.inputs,
      value: values.get(id) ?? Number.NaN,
      ...label,
    });
  }
  if (problems.length > 0) throw new ExportError(problems);

  // The reverse pass: targets in reverse topological order, each passing dJ/d(target) back
  // along its incoming edges in port order.
  const backward: BackwardStep[] = [];
  const reached = new Set<string>();
  const outputNode = nodes.find((node) => node.id === outputId)!;
  reached.add(outputNode.name);
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!;
    if (node.kind !== 'function' || !cone.has(node.id)) continue;
    node.args.forEach((source, port) => {
      backward.push({
        source,
        target: node.name,
        local: node.exports.derivatives[port]!,
        port: node.ports[port]!,
        first: !reached.has(source),
      });
      reached.add(source);
    });
  }
  const inputs = nodes.filter((node): node is InputPlanNode => node.kind === 'input');
  return {
    title: options.title ?? 'graph',
    nodes,
    inputs,
    output: outputNode,
    backward,
    reached,
    expected: { output: expectedOutput, grads: expectedGrads },
  };
};

/** The gradient variable of the output node, always 1. */
export const seedName = (plan: ExportPlan): string => gradientName(plan.output.name);
