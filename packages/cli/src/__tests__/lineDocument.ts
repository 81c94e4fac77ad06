// Test support: a small file that fits ŷ = w·x to a dataset `d` with columns x and y.

/**
 * The text of a `.graph` file: dataset `d` (columns x, y) read from `source`, w at `w`,
 * J = mean (w·x − y)², with extra top-level fields (e.g. `training`).
 */
export const lineDocument = (
  source: Record<string, unknown>,
  w: number,
  extra: Record<string, unknown> = {},
): string =>
  JSON.stringify({
    format: 'chainrule.graph',
    version: 2,
    output: 'J',
    datasets: [{ id: 'd', columns: ['x', 'y'], source }],
    ...extra,
    nodes: [
      { id: 'data', op: 'dataset', params: { dataset: 'd' } },
      { id: 'w', op: 'input', params: { value: w } },
      { id: 'wx', op: 'mul' },
      { id: 'err', op: 'sub' },
      { id: 'sq', op: 'square' },
      { id: 'J', op: 'mean' },
    ],
    edges: [
      { source: 'w', target: 'wx', targetPort: 'a' },
      { source: 'data', sourcePort: 'x', target: 'wx', targetPort: 'b' },
      { source: 'wx', target: 'err', targetPort: 'a' },
      { source: 'data', sourcePort: 'y', target: 'err', targetPort: 'b' },
      { source: 'err', target: 'sq', targetPort: 'x' },
      { source: 'sq', target: 'J', targetPort: 'x' },
    ],
  });
