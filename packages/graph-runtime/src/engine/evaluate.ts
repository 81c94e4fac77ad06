import type { NodeId } from '../graph/ids';
import type { GraphSpec } from '../graph/types';
import type { OpRegistry } from '../ops';
import { createRuntime } from './runtime';
import type { RuntimeSnapshot } from './types';

/**
 * Evaluates a graph once — every value, and every gradient of its output — and returns the
 * snapshot. A convenience over {@link createRuntime} for scripts and the CLI. `options.feed`
 * gives the data nodes their per-sample values first ({@link Runtime.feed}): varying nodes then
 * show the batch mean and their `batch` summary.
 * @throws GraphValidationError when the graph is not valid.
 * @example evaluate(standardRegistry, seed).nodes.get(nodeId('J'))?.value // { kind: 'ok', value: 33 }
 * @public
 */
export const evaluate = (
  registry: OpRegistry,
  graph: GraphSpec,
  options: { readonly feed?: Readonly<Record<NodeId, ArrayLike<number>>> } = {},
): RuntimeSnapshot => {
  const runtime = createRuntime({ registry, graph });
  try {
    if (options.feed !== undefined) runtime.feed(options.feed);
    return runtime.snapshot();
  } finally {
    runtime.dispose();
  }
};
