import { createRuntime, gradcheck } from '@chainrule/graph-runtime';
import type {
  GradcheckOptions,
  GradcheckResult,
  GraphSpec,
  NodeId,
  OpRegistry,
  Runtime,
} from '@chainrule/graph-runtime';
import { formatNumber } from '../format/formatNumber';

/** Options of {@link checkGradients}: the library's gradcheck options, every node by default. @public */
export type CheckGradientsOptions = GradcheckOptions;

/** A result, or one sentence on why there is none: what the Verify panel shows. @public */
export type VerifyOutcome<Result> =
  { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly message: string };

/** What "Check gradients" shows: the report, or why there is none. @public */
export type CheckGradientsOutcome = VerifyOutcome<GradcheckResult>;

/**
 * The app's "Check gradients": the library's {@link gradcheck} over every node, intermediates
 * included (`nodes: 'all'`), so a wrong local derivative shows up on exactly the nodes upstream
 * of the faulty edge. The same function, step and tolerance as `chainrule gradcheck`, so the two
 * give the same verdict. Never throws: a graph without an output, or with no value for J, gets a
 * sentence instead.
 * @example checkGradients(standardRegistry, seed) // { ok: true, result: { ok: true, … } }
 * @public
 */
export const checkGradients = (
  registry: OpRegistry,
  graph: GraphSpec,
  options: CheckGradientsOptions = {},
): CheckGradientsOutcome => {
  const output = options.output ?? graph.output ?? null;
  if (output === null) {
    return { ok: false, message: 'Choose an output J first: gradients are dJ/d(node).' };
  }
  const live = createRuntime({ registry, graph: { ...graph, output } });
  try {
    // A graph with data is checked over the batch it is fed (`options.feed`).
    if (options.feed !== undefined) live.feed(options.feed);
    const j = live.node(output).value();
    if (j.kind !== 'ok') {
      return {
        ok: false,
        message: `J has no value (${j.message}), so there is nothing to difference.`,
      };
    }
  } finally {
    live.dispose();
  }
  return { ok: true, result: gradcheck(registry, graph, { nodes: 'all', ...options, output }) };
};

/** What nudging one input by Δ does to J: the linear prediction beside the real change. @public */
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

/** A nudge, or why it could not be computed. @public */
export type NudgeOutcome = VerifyOutcome<NudgeResult>;

const readValue = (runtime: Runtime, id: NodeId): number | null => {
  const state = runtime.node(id).value();
  return state.kind === 'ok' ? state.value : null;
};

/**
 * The nudge panel's logic: nudges source `id` by `delta` in a scratch runtime and reports the
 * predicted change dJ/dx·Δ beside the actual change in J. Both numbers come from the engine: the
 * gradient from backpropagation at x, J(x + Δ) from a forward pass. Never throws: a Δ that is
 * not a number, an x + Δ past the largest double, or a J without value get a sentence.
 * @example nudge(standardRegistry, seed, nodeId('b'), 0.1) // predicted 0.6, actual 0.6
 * @public
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
    const x = readValue(runtime, id);
    const jBefore = readValue(runtime, output);
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
    if (!Number.isFinite(x + delta)) {
      return {
        ok: false,
        message: `${formatNumber(x)} + ${formatNumber(delta)} overflows the largest number; try a smaller Δ.`,
      };
    }
    runtime.setValue(id, x + delta);
    const jAfter = readValue(runtime, output);
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
