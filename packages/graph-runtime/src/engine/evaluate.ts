import type { GraphSpec } from '../graph/types';
import type { OpRegistry } from '../ops';
import { createRuntime } from './runtime';
import type { RuntimeSnapshot } from './types';

/**
 * Evaluates a graph once — every value, and every gradient of its output — and returns the
 * snapshot. A convenience over {@link createRuntime} for scripts and the CLI.
 * @throws GraphValidationError when the graph is not valid.
 * @example evaluate(standardRegistry, seed).nodes.get(nodeId('J'))?.value // { kind: 'ok', value: 33 }
 * @public
 */
export const evaluate = (registry: OpRegistry, graph: GraphSpec): RuntimeSnapshot => {
  const runtime = createRuntime({ registry, graph });
  try {
    return runtime.snapshot();
  } finally {
    runtime.dispose();
  }
};
