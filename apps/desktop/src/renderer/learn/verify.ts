import type { GraphNode, GraphSpec, NodeId, OpRegistry, Runtime } from '@chainrule/graph-runtime';
import { createRuntime } from '@chainrule/graph-runtime';

/** Options of {@link checkEveryGradient}. */
export interface CheckOptions {
  /** Relative step: a node is nudged by ±eps·max(1, |value|). Default 1e-5. */
  readonly eps?: number;
  /** Largest accepted relative error. Default 1e-4. */
  readonly tolerance?: number;
}

/** One node's gradient from the engine against its finite difference. */
export type GradientCheckEntry =
  | {
      readonly id: NodeId;
      readonly kind: 'checked';
      /** dJ/d(node) as the engine computed it by backpropagation. */
      readonly analytic: number;
      /** (J(u + h) − J(u − h)) / 2h with the graph cut at u. */
      readonly numeric: number;
      /** |analytic − numeric| / max(1, |analytic|, |numeric|), as the engine's gradcheck. */
      readonly relativeError: number;
      readonly ok: boolean;
    }
  | { readonly id: NodeId; readonly kind: 'skipped'; readonly message: string };

/** The result of {@link checkEveryGradient}: one entry per node, in graph order. */
export interface GradientCheckReport {
  readonly output: NodeId;
  readonly entries: readonly GradientCheckEntry[];
  /** Every checked gradient agrees (skipped ones do not count against it). */
  readonly ok: boolean;
}

const readOk = (runtime: Runtime, id: NodeId): number | null => {
  const state = runtime.node(id).value();
  return state.kind === 'ok' ? state.value : null;
};

/**
 * The graph cut at `at`: `at` becomes an `input` holding `value`, the edges into it are dropped
 * and everything else stays, so J depends on `at` only through what `at` feeds. Differencing J
 * in this graph measures dJ/d(at) as backpropagation defines it, for any node, not just inputs.
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

/**
 * "Check gradients": compares the engine's dJ/d(node) of every node with a central finite
 * difference. For an intermediate node u the graph is cut at u ({@link cutGraphAt}) so u is an
 * input holding its current value; for a source the cut changes nothing. Because every node is
 * checked on its own, a wrong local derivative shows up on exactly the nodes upstream of the
 * faulty edge, which says where the mistake is.
 *
 * Costs one runtime per node (each O(graph)), so it is for the graphs a person builds, not for
 * 100,000-node benchmarks.
 * @throws Error when the graph has no output or J has no value.
 * @example checkEveryGradient(standardRegistry, seed).ok // true
 */
export const checkEveryGradient = (
  registry: OpRegistry,
  graph: GraphSpec,
  options: CheckOptions = {},
): GradientCheckReport => {
  const eps = options.eps ?? 1e-5;
  const tolerance = options.tolerance ?? 1e-4;
  const output = graph.output ?? null;
  if (output === null) throw new Error('Choose an output J first: gradients are dJ/d(node).');
  const live = createRuntime({ registry, graph });
  const entries: GradientCheckEntry[] = [];
  try {
    if (readOk(live, output) === null) {
      throw new Error(`J has no value, so there is nothing to difference.`);
    }
    for (const node of graph.nodes) {
      const value = live.node(node.id).value();
      const grad = live.node(node.id).grad();
      if (value.kind !== 'ok') {
        entries.push({ id: node.id, kind: 'skipped', message: value.message });
        continue;
      }
      if (grad.kind !== 'ok') {
        const message = grad.kind === 'unavailable' ? grad.message : 'no output J';
        entries.push({ id: node.id, kind: 'skipped', message });
        continue;
      }
      const cut = createRuntime({ registry, graph: cutGraphAt(graph, node.id, value.value) });
      try {
        const h = eps * Math.max(1, Math.abs(value.value));
        cut.setValue(node.id, value.value + h);
        const up = readOk(cut, output);
        cut.setValue(node.id, value.value - h);
        const down = readOk(cut, output);
        if (up === null || down === null) {
          entries.push({
            id: node.id,
            kind: 'skipped',
            message:
              'J has no value a step away from here (a domain edge), so it cannot be differenced.',
          });
          continue;
        }
        const numeric = (up - down) / (2 * h);
        const relativeError =
          Math.abs(grad.value - numeric) / Math.max(1, Math.abs(grad.value), Math.abs(numeric));
        entries.push({
          id: node.id,
          kind: 'checked',
          analytic: grad.value,
          numeric,
          relativeError,
          ok: relativeError <= tolerance,
        });
      } finally {
        cut.dispose();
      }
    }
  } finally {
    live.dispose();
  }
  return {
    output,
    entries,
    ok: entries.every((entry) => entry.kind === 'skipped' || entry.ok),
  };
};

/** What nudging one input by Δ does to J: the linear prediction beside the real change. */
export interface NudgeResult {
  readonly id: NodeId;
  readonly delta: number;
  readonly valueBefore: number;
  readonly jBefore: number;
  readonly jAfter: number;
  /** dJ/dx at the starting point. */
  readonly gradient: number;
  /** dJ/dx · Δ: what the gradient predicts J will change by. */
  readonly predicted: number;
  /** J(x + Δ) − J(x), as the engine computes it. */
  readonly actual: number;
}

/** Why a nudge could not be computed. */
export type NudgeOutcome =
  | { readonly ok: true; readonly result: NudgeResult }
  | { readonly ok: false; readonly message: string };

/**
 * Nudges source `id` by `delta` in a scratch copy of the graph and reports the predicted change
 * dJ/dx·Δ beside the actual change in J. Both numbers come from the engine: the gradient from
 * backpropagation at x, J(x + Δ) from a forward pass. The document is not touched.
 * @example nudge(standardRegistry, seed, nodeId('b'), 0.1) // predicted 0.6, actual 0.6
 */
export const nudge = (
  registry: OpRegistry,
  graph: GraphSpec,
  id: NodeId,
  delta: number,
): NudgeOutcome => {
  const output = graph.output ?? null;
  if (output === null) return { ok: false, message: 'Choose an output J first.' };
  if (!Number.isFinite(delta)) return { ok: false, message: 'Δ must be a number.' };
  const runtime = createRuntime({ registry, graph });
  try {
    const x = readOk(runtime, id);
    const jBefore = readOk(runtime, output);
    const grad = runtime.node(id).grad();
    if (x === null || jBefore === null) {
      return { ok: false, message: 'J has no value here, so there is nothing to compare.' };
    }
    if (grad.kind !== 'ok') {
      return {
        ok: false,
        message: grad.kind === 'unavailable' ? grad.message : 'No gradient without an output J.',
      };
    }
    runtime.setValue(id, x + delta);
    const jAfter = readOk(runtime, output);
    if (jAfter === null) {
      const state = runtime.node(output).value();
      const why = state.kind === 'ok' ? '' : `: ${state.message}`;
      return { ok: false, message: `J has no value after the nudge${why}` };
    }
    return {
      ok: true,
      result: {
        id,
        delta,
        valueBefore: x,
        jBefore,
        jAfter,
        gradient: grad.value,
        predicted: grad.value * delta,
        actual: jAfter - jBefore,
      },
    };
  } finally {
    runtime.dispose();
  }
};
