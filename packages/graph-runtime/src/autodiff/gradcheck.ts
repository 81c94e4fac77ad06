import { createRuntime } from '../engine/runtime';
import type { Runtime } from '../engine/types';
import type { NodeId } from '../graph/ids';
import { quoteText } from '../graph/text';
import type { GraphNode, GraphSpec } from '../graph/types';
import type { OpRegistry } from '../ops';

/** Options for {@link gradcheck}. @public */
export interface GradcheckOptions {
  /** Relative step: each node is nudged by ±eps·max(1, |value|). Default 1e-5. */
  readonly eps?: number;
  /** Largest accepted relative error. Default 1e-4. */
  readonly tolerance?: number;
  /** The output J; defaults to the graph's output. */
  readonly output?: NodeId;
  /**
   * Which nodes to check: `'sources'` (default) every `input` and `const`, on one runtime;
   * `'all'` every node, cutting the graph at each intermediate node ({@link cutGraphAt}), which
   * costs one runtime per node; or a list of ids (intermediate ones are cut the same way).
   */
  readonly nodes?: 'sources' | 'all' | readonly NodeId[];
  /**
   * Per-sample values for the graph's data nodes ({@link Runtime.feed}): J is then checked over
   * that batch, and nodes holding one value per sample are skipped (their gradient is one number
   * per sample; the parameters they depend on are checked).
   */
  readonly feed?: Readonly<Record<NodeId, ArrayLike<number>>>;
}

/** One node's analytic gradient against its central finite difference. @public */
export interface GradcheckChecked {
  readonly id: NodeId;
  readonly kind: 'checked';
  /** dJ/d(node) as the engine computed it by backpropagation. */
  readonly analytic: number;
  /** (J(x + h) − J(x − h)) / 2h. */
  readonly numeric: number;
  /** |analytic − numeric| / max(1, |analytic|, |numeric|). */
  readonly relativeError: number;
  readonly ok: boolean;
}

/**
 * A node that could not be checked, and why: its value or gradient is missing, a step of h
 * overflows the largest double, J has no value a step away (the step crosses a domain edge), or
 * the difference itself overflows. A skipped node neither passes nor fails the check.
 * @public
 */
export interface GradcheckSkipped {
  readonly id: NodeId;
  readonly kind: 'skipped';
  readonly reason: string;
}

/** One entry of {@link GradcheckResult}. @public */
export type GradcheckEntry = GradcheckChecked | GradcheckSkipped;

/** The result of {@link gradcheck}. @public */
export interface GradcheckResult {
  /** Every checked gradient agrees (skipped nodes do not count against it). */
  readonly ok: boolean;
  readonly output: NodeId;
  readonly eps: number;
  readonly tolerance: number;
  /** One entry per checked node, in graph order. */
  readonly nodes: readonly GradcheckEntry[];
}

/**
 * The graph cut at `at`: `at` becomes an `input` holding `value`, the edges into it are dropped
 * and everything else stays, so J depends on `at` only through what `at` feeds. Differencing J
 * in this graph measures dJ/d(at) as backpropagation defines it, for any node, not just sources.
 * @public
 */
export const cutGraphAt = (graph: GraphSpec, at: NodeId, value: number): GraphSpec => ({
  ...graph,
  nodes: graph.nodes.map((node): GraphNode =>
    node.id === at
      ? {
          id: node.id,
          op: 'input',
          params: { value },
          ...(node.label === undefined ? {} : { label: node.label }),
        }
      : node,
  ),
  edges: graph.edges.filter((edge) => edge.target !== at),
});

const readValue = (runtime: Runtime, id: NodeId): number | null => {
  const state = runtime.node(id).value();
  return state.kind === 'ok' ? state.value : null;
};

/**
 * Central difference of J at `id` on a runtime where `id` is a source; puts the value back.
 * Returns the derivative, or why there is none.
 */
const centralDifference = (
  runtime: Runtime,
  id: NodeId,
  output: NodeId,
  x: number,
  h: number,
): number | string => {
  if (!Number.isFinite(x + h) || !Number.isFinite(x - h)) {
    return `a step of ±${h.toExponential(2)} from ${x.toExponential(2)} overflows the largest number, so J cannot be differenced here`;
  }
  runtime.setValue(id, x + h);
  const up = readValue(runtime, output);
  runtime.setValue(id, x - h);
  const down = readValue(runtime, output);
  runtime.setValue(id, x);
  if (up === null || down === null) {
    return 'J has no value a step away from here (the step crosses a domain edge), so it cannot be differenced';
  }
  const numeric = (up - down) / (2 * h);
  if (!Number.isFinite(numeric)) {
    return 'the difference of J a step either side overflows the largest number';
  }
  return numeric;
};

/**
 * The one gradient check of Chainrule: compares the engine's gradient dJ/dx of each chosen node
 * with a central finite difference (J(x + h) − J(x − h)) / 2h, h = eps·max(1, |x|). Sources are
 * nudged on one live runtime; an intermediate node u is checked on the graph cut at u
 * ({@link cutGraphAt}), so a wrong local derivative shows up on exactly the nodes upstream of
 * the faulty edge. Nodes that cannot be differenced are skipped with a reason, never failed and
 * never thrown: the CLI's `gradcheck` and the app's "Check gradients" give the same verdict.
 * @throws Error when the graph has no output or J has no value.
 * @example
 * const result = gradcheck(standardRegistry, seed);
 * result.ok; // true
 * @public
 */
export const gradcheck = (
  registry: OpRegistry,
  graph: GraphSpec,
  options: GradcheckOptions = {},
): GradcheckResult => {
  const eps = options.eps ?? 1e-5;
  const tolerance = options.tolerance ?? 1e-4;
  const output = options.output ?? graph.output ?? null;
  if (output === null) throw new Error('gradcheck needs an output node J');
  const spec: GraphSpec = { ...graph, output };
  const chosen = options.nodes ?? 'sources';
  const wanted = typeof chosen === 'string' ? null : new Set<NodeId>(chosen);
  const live = createRuntime({ registry, graph: spec });
  const feed = options.feed;
  if (feed !== undefined) live.feed(feed);
  try {
    const j0 = live.node(output).value();
    if (j0.kind !== 'ok')
      throw new Error(`the output ${quoteText(output)} has no value: ${j0.message}`);
    const nodes: GradcheckEntry[] = [];
    for (const node of graph.nodes) {
      const isSource = registry.get(node.op)?.kind === 'source';
      if (wanted ? !wanted.has(node.id) : chosen === 'sources' && !isSource) continue;
      const skip = (reason: string): void => {
        nodes.push({ id: node.id, kind: 'skipped', reason });
      };
      if (feed !== undefined && live.isVarying(node.id)) {
        skip('it holds one value per sample');
        continue;
      }
      const state = live.node(node.id).value();
      if (state.kind !== 'ok') {
        skip(state.message);
        continue;
      }
      const gradient = live.node(node.id).grad();
      if (gradient.kind !== 'ok') {
        skip(gradient.kind === 'unavailable' ? gradient.message : 'there is no output J');
        continue;
      }
      const x = state.value;
      const h = eps * Math.max(1, Math.abs(x));
      let numeric: number | string;
      if (isSource) {
        numeric = centralDifference(live, node.id, output, x, h);
      } else {
        const cut = createRuntime({ registry, graph: cutGraphAt(spec, node.id, x) });
        if (feed !== undefined) cut.feed(feed);
        try {
          numeric = centralDifference(cut, node.id, output, x, h);
        } finally {
          cut.dispose();
        }
      }
      if (typeof numeric === 'string') {
        skip(numeric);
        continue;
      }
      const analytic = gradient.value;
      const relativeError =
        Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic), Math.abs(numeric));
      nodes.push({
        id: node.id,
        kind: 'checked',
        analytic,
        numeric,
        relativeError,
        ok: relativeError <= tolerance,
      });
    }
    return {
      ok: nodes.every((entry) => entry.kind === 'skipped' || entry.ok),
      output,
      eps,
      tolerance,
      nodes,
    };
  } finally {
    live.dispose();
  }
};
