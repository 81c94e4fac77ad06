import { createRuntime } from '../engine/runtime';
import type { NodeId } from '../graph/ids';
import type { GraphSpec } from '../graph/types';
import type { OpRegistry } from '../ops';

/** Options for {@link gradcheck}. @public */
export interface GradcheckOptions {
  /** Relative step: each source is nudged by ±eps·max(1, |value|). Default 1e-5. */
  readonly eps?: number;
  /** Largest accepted relative error. Default 1e-4. */
  readonly tolerance?: number;
  /** The output J; defaults to the graph's output. */
  readonly output?: NodeId;
}

/** One source node's analytic gradient against its central finite difference. @public */
export interface GradcheckEntry {
  readonly id: NodeId;
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic − numeric| / max(1, |analytic|, |numeric|). */
  readonly relativeError: number;
  readonly ok: boolean;
  /** Why the check could not be made (e.g. J has no value at a nudged point). */
  readonly message?: string;
}

/** The result of {@link gradcheck}. @public */
export interface GradcheckResult {
  readonly ok: boolean;
  readonly output: NodeId;
  readonly eps: number;
  readonly tolerance: number;
  readonly nodes: readonly GradcheckEntry[];
}

/**
 * Compares the engine's gradient dJ/dx of every source node (`input` and `const`) with a central
 * finite difference (J(x + h) − J(x − h)) / 2h, on one live runtime.
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
  const runtime = createRuntime({ registry, graph: { ...graph, output } });
  try {
    const outputHandle = runtime.node(output);
    const readJ = (): number | null => {
      const state = outputHandle.value();
      return state.kind === 'ok' ? state.value : null;
    };
    const j0 = outputHandle.value();
    if (j0.kind !== 'ok')
      throw new Error(`the output ${JSON.stringify(output)} has no value: ${j0.message}`);
    const nodes: GradcheckEntry[] = [];
    for (const node of graph.nodes) {
      if (registry.get(node.op)?.kind !== 'source') continue;
      const state = runtime.node(node.id).value();
      const gradient = runtime.node(node.id).grad();
      if (state.kind !== 'ok' || gradient.kind !== 'ok') continue;
      const x0 = state.value;
      const h = eps * Math.max(1, Math.abs(x0));
      runtime.setValue(node.id, x0 + h);
      const up = readJ();
      runtime.setValue(node.id, x0 - h);
      const down = readJ();
      runtime.setValue(node.id, x0);
      if (up === null || down === null) {
        nodes.push({
          id: node.id,
          analytic: gradient.value,
          numeric: Number.NaN,
          relativeError: Number.POSITIVE_INFINITY,
          ok: false,
          message: 'J has no value at a nudged point (the nudge crosses a domain edge)',
        });
        continue;
      }
      const numeric = (up - down) / (2 * h);
      const relativeError =
        Math.abs(gradient.value - numeric) /
        Math.max(1, Math.abs(gradient.value), Math.abs(numeric));
      nodes.push({
        id: node.id,
        analytic: gradient.value,
        numeric,
        relativeError,
        ok: relativeError <= tolerance,
      });
    }
    return { ok: nodes.every((entry) => entry.ok), output, eps, tolerance, nodes };
  } finally {
    runtime.dispose();
  }
};
