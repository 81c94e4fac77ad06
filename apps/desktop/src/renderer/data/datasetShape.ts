import type { DatasetSpec, GraphNode } from '@chainrule/graph-runtime';

/** The op of a dataset node in a document (flattened to one `data` node per column). */
export const DATASET_OP = 'dataset';

/** Height of a dataset node's header and summary line; each column adds a row. Sized, like an
 *  op node's box, for the larger text of a zoomed-out canvas (names and values stay ≥ 11 px). */
const DATASET_HEAD = 56;
/** One column's row, with its output handle. */
export const DATASET_ROW = 30;

/** Which dataset a dataset node outputs (its `dataset` param). */
export const datasetIdOf = (node: GraphNode): string | null => {
  const id = (node.params as Record<string, unknown> | undefined)?.['dataset'];
  return typeof id === 'string' ? id : null;
};

/** The dataset a node outputs, if the document has it. */
export const datasetOf = (
  node: GraphNode,
  datasets: readonly DatasetSpec[] | undefined,
): DatasetSpec | undefined => {
  const id = datasetIdOf(node);
  return id === null ? undefined : datasets?.find((d) => d.id === id);
};

/**
 * A dataset node's fixed box: a header, a summary line and one row per column. Its output
 * handles (one per column, id = the column name, which edges name as `sourcePort`) sit at
 * the right end of their rows.
 */
export const datasetShape = (
  node: GraphNode,
  datasets: readonly DatasetSpec[] | undefined,
): {
  readonly columns: readonly string[];
  readonly height: number;
  readonly handleY: (i: number) => number;
} => {
  const columns = datasetOf(node, datasets)?.columns ?? [];
  return {
    columns,
    height: DATASET_HEAD + Math.max(1, columns.length) * DATASET_ROW + 6,
    handleY: (i) => DATASET_HEAD + i * DATASET_ROW + DATASET_ROW / 2,
  };
};

/** A short description of where a dataset's rows come from. */
export const describeSource = (spec: DatasetSpec): string => {
  const { source } = spec;
  const test =
    spec.split && spec.split.test > 0 ? ` · ${Math.round(spec.split.test * 100)}% test` : '';
  if (source.kind === 'generate') return `${source.generator} · ${source.size} points${test}`;
  if (source.kind === 'inline') return `imported · ${source.rows.length} rows${test}`;
  return `${source.path}${test}`;
};
