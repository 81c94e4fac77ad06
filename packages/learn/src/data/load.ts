import type { DatasetSpec, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { formatCsvError, parseCsv } from './csv';
import { generateDataset, type DataTable } from './generators';
import { splitRows } from './split';

/** A dataset's columns by name, one number per sample. @public */
export type DataColumns = Readonly<Record<string, Float64Array>>;

/** A loaded dataset: its columns for the training and the test split. @public */
export interface LoadedDataset {
  readonly id: string;
  readonly columns: readonly string[];
  readonly train: DataColumns;
  /** Empty columns (length 0) when the dataset has no split. */
  readonly test: DataColumns;
}

/** What {@link loadDatasetColumns} returns: the dataset, or why it cannot be loaded. @public */
export type LoadDatasetResult =
  ({ readonly ok: true } & LoadedDataset) | { readonly ok: false; readonly message: string };

/** How {@link loadDatasetColumns} reads a `file` source (a CSV beside the `.graph` file). @public */
export interface LoadDatasetOptions {
  /**
   * Reads a path relative to the `.graph` file's folder (the CLI: from disk; the app: through
   * its host). Absent: a `file` dataset cannot be loaded, and the message says so.
   */
  readonly readText?: (path: string) => string | Promise<string>;
}

const toColumns = (
  columns: readonly string[],
  rows: readonly (readonly number[])[],
): DataColumns => {
  const result = Object.create(null) as Record<string, Float64Array>;
  columns.forEach((name, index) => {
    const values = new Float64Array(rows.length);
    rows.forEach((row, k) => (values[k] = row[index]!));
    result[name] = values;
  });
  return result;
};

/**
 * The dataset from its rows: picks the spec's columns from `table` (a CSV may carry more) and
 * splits the rows by the spec's `split` (no split: every row trains, the test columns are empty).
 * @example datasetFromTable(spec, generateDataset('xor', { size: 100, noise: 0, seed: 1 }))
 * @public
 */
export const datasetFromTable = (spec: DatasetSpec, table: DataTable): LoadDatasetResult => {
  const missing = spec.columns.filter((name) => !table.columns.includes(name));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `the data has no ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((name) => JSON.stringify(name)).join(', ')} (it has ${table.columns.map((name) => JSON.stringify(name)).join(', ')})`,
    };
  }
  const picks = spec.columns.map((name) => table.columns.indexOf(name));
  const rows = table.rows.map((row) => picks.map((index) => row[index]!));
  const parts = spec.split ? splitRows(rows, spec.split) : { train: rows, test: [] };
  return {
    ok: true,
    id: spec.id,
    columns: spec.columns,
    train: toColumns(spec.columns, parts.train),
    test: toColumns(spec.columns, parts.test),
  };
};

/**
 * Loads a dataset synchronously when it needs no file: generated or inline. A `file` dataset
 * needs its CSV text (`csvText`).
 * @public
 */
export const loadDatasetSync = (spec: DatasetSpec, csvText?: string): LoadDatasetResult => {
  const label = `dataset ${JSON.stringify(spec.id)}`;
  const source = spec.source;
  switch (source.kind) {
    case 'generate':
      return datasetFromTable(spec, generateDataset(source.generator, source));
    case 'inline':
      return datasetFromTable(spec, { columns: spec.columns, rows: source.rows });
    case 'file': {
      if (csvText === undefined) {
        return {
          ok: false,
          message: `${label}: its file ${JSON.stringify(source.path)} has not been read`,
        };
      }
      const csv = parseCsv(csvText);
      if (!csv.ok) {
        return {
          ok: false,
          message: `${label}: ${source.path}: ${csv.errors.map(formatCsvError).join('; ')}`,
        };
      }
      const loaded = datasetFromTable(spec, csv);
      return loaded.ok
        ? loaded
        : { ok: false, message: `${label}: ${source.path}: ${loaded.message}` };
    }
  }
};

/**
 * Loads a dataset's columns, split into train and test: generates it, reads its inline rows, or
 * reads its CSV file through `options.readText` (relative to the `.graph` file). Never throws: a
 * file that cannot be read or parsed is `{ ok: false, message }` naming the dataset and the file.
 * @example
 * const data = await loadDatasetColumns(spec, { readText: (p) => readFile(join(dir, p), 'utf8') });
 * if (data.ok) runtime.feed({ 'data/x': data.train['x']! });
 * @public
 */
export const loadDatasetColumns = async (
  spec: DatasetSpec,
  options: LoadDatasetOptions = {},
): Promise<LoadDatasetResult> => {
  if (spec.source.kind !== 'file') return loadDatasetSync(spec);
  const path = spec.source.path;
  if (options.readText === undefined) {
    return {
      ok: false,
      message: `dataset ${JSON.stringify(spec.id)} is read from the file ${JSON.stringify(path)} beside the .graph file, which cannot be read here; import the CSV into the document instead`,
    };
  }
  let text: string;
  try {
    text = await options.readText(path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `dataset ${JSON.stringify(spec.id)}: cannot read ${JSON.stringify(path)}: ${why}`,
    };
  }
  return loadDatasetSync(spec, text);
};

/** Flat data nodes of a graph: op `data` with params `{ dataset, column }`. @public */
export interface DataNode {
  readonly id: NodeId;
  readonly dataset: string;
  readonly column: string;
}

/**
 * The graph's data nodes (op `data`, params `{ dataset, column }`), in graph order.
 * @example dataNodes(flat.graph) // [{ id: 'data/x1', dataset: 'points', column: 'x1' }, …]
 * @public
 */
export const dataNodes = (graph: GraphSpec): DataNode[] =>
  graph.nodes.flatMap((node) => {
    if (node.op !== 'data') return [];
    const dataset = node.params?.['dataset'];
    const column = node.params?.['column'];
    return typeof dataset === 'string' && typeof column === 'string'
      ? [{ id: node.id, dataset, column }]
      : [];
  });
