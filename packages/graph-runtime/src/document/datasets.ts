import { appendPath, ownField, type JsonObject, type JsonValue } from './json';
// parse.ts calls this file and this file borrows parse.ts's two message helpers: a cycle of
// function references only, never used while either module is being evaluated.
import { describe, quote } from './parse';

/**
 * The generators a dataset can name, in the order a picker lists them, with the columns each
 * produces. Labels are 0 and 1; coordinates are about −1 … 1. `line` is regression data
 * (x, y = 2x + 1 plus noise).
 * @public
 */
export const datasetGenerators = {
  circle: ['x1', 'x2', 'y'],
  xor: ['x1', 'x2', 'y'],
  gaussians: ['x1', 'x2', 'y'],
  spiral: ['x1', 'x2', 'y'],
  moons: ['x1', 'x2', 'y'],
  line: ['x', 'y'],
} as const satisfies Record<string, readonly string[]>;

/** A generator's name: `circle`, `xor`, `gaussians`, `spiral`, `moons` or `line`. @public */
export type DatasetGenerator = keyof typeof datasetGenerators;

/** The largest dataset a generator makes (points). @public */
export const MAX_GENERATED_SIZE = 100_000;

/** Where a dataset's rows come from. @public */
export type DatasetSource =
  | {
      readonly kind: 'generate';
      readonly generator: DatasetGenerator;
      /** How many points, 1 … {@link MAX_GENERATED_SIZE}. */
      readonly size: number;
      /** Standard deviation of the Gaussian noise added to the coordinates (≥ 0). */
      readonly noise: number;
      /** The same seed gives the same points everywhere. */
      readonly seed: number;
    }
  /** Imported CSV, saved inside the file: one array of numbers per row, in `columns` order. */
  | { readonly kind: 'inline'; readonly rows: readonly (readonly number[])[] }
  /** A CSV file with a header, beside the `.graph` file: a relative path with `/`, no `..`. */
  | { readonly kind: 'file'; readonly path: string };

/**
 * A dataset of a document: named columns of numbers, generated, saved inline or read from a CSV
 * file beside the document. Dataset nodes (op `dataset`, params `{ dataset: id }`) output its
 * columns.
 * @public
 */
export interface DatasetSpec {
  readonly id: string;
  readonly name?: string;
  /** Column names, e.g. `["x1", "x2", "y"]`; unique, not empty. */
  readonly columns: readonly string[];
  readonly source: DatasetSource;
  /** Hold out `test` (0 ≤ test < 1) of the rows for testing, chosen by a shuffle with `seed`. */
  readonly split?: { readonly test: number; readonly seed: number };
}

/**
 * How a document is trained on its data: what "accuracy" and the decision-boundary view read,
 * and the default optimizer settings of `chainrule train` and the training panel.
 * @public
 */
export interface TrainingSpec {
  readonly task?: 'classification' | 'regression';
  /** Flat id of the model's output (probability or ŷ). */
  readonly prediction?: string;
  /** Flat id of the label column's node, e.g. `data/y`. */
  readonly target?: string;
  /** Flat ids of the feature columns' nodes, e.g. `["data/x1", "data/x2"]`. */
  readonly inputs?: readonly string[];
  readonly optimizer?: 'sgd' | 'momentum' | 'adam';
  readonly learningRate?: number;
  /** Mini-batch size; absent = the whole training split every step. */
  readonly batch?: number;
  readonly steps?: number;
  /** Seed of the mini-batch sampling. */
  readonly seed?: number;
}

/** Where {@link readDatasets} and {@link readTraining} report problems (parse.ts's issue list). @public */
export interface DatasetIssueSink {
  error(code: string, path: string, message: string): void;
  warn(code: string, path: string, message: string): void;
}

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const warnUnknown = (
  object: JsonObject,
  known: readonly string[],
  path: string,
  sink: DatasetIssueSink,
): void => {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      sink.warn(
        'unknown-field',
        appendPath(path, key),
        `unknown field ${quote(key)} is ignored and will not be saved`,
      );
    }
  }
};

/** Reads one field by a predicate; reports a missing required field or a wrong value. */
const field = <T>(
  object: JsonObject,
  key: string,
  path: string,
  sink: DatasetIssueSink,
  rule: { required: boolean; accepts: (value: JsonValue) => value is JsonValue & T; want: string },
): T | undefined | null => {
  const value = ownField(object, key);
  if (value === undefined) {
    if (!rule.required) return undefined;
    sink.error('missing-field', appendPath(path, key), `"${key}" is missing`);
    return null;
  }
  if (rule.accepts(value)) return value;
  sink.error('wrong-type', appendPath(path, key), `must be ${rule.want}, got ${describe(value)}`);
  return null;
};

const isName = (value: JsonValue): value is string => typeof value === 'string' && value !== '';
const isNumber = (value: JsonValue): value is number => typeof value === 'number';
const isWhole = (value: JsonValue): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);
const isPositiveWhole = (value: JsonValue): value is number => isWhole(value) && value >= 1;
const oneOf =
  <T extends string>(options: readonly T[]) =>
  (value: JsonValue): value is T =>
    typeof value === 'string' && (options as readonly string[]).includes(value);

const generatorNames = Object.keys(datasetGenerators) as DatasetGenerator[];
const listed = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/** `a/b.csv` yes; `/etc/x`, `C:\x`, `../x`, `a\b` no: a dataset file sits beside its document. */
const isRelativePath = (path: string): boolean =>
  path !== '' &&
  !path.startsWith('/') &&
  !/^[A-Za-z]:/.test(path) &&
  !path.includes('\\') &&
  !path.includes('\0') &&
  !path.split('/').some((part) => part === '..' || part === '');

const readRows = (
  value: JsonValue | undefined,
  path: string,
  width: number,
  columns: readonly string[],
  sink: DatasetIssueSink,
): number[][] | null => {
  if (!Array.isArray(value) || value.length === 0) {
    sink.error(
      value === undefined ? 'missing-field' : 'wrong-type',
      path,
      `must be a non-empty array of rows like [${columns.map(() => '0').join(', ')}], got ${value === undefined ? 'nothing' : describe(value)}`,
    );
    return null;
  }
  const rows: number[][] = [];
  let ok = true;
  for (let index = 0; index < value.length; index++) {
    const row = value[index]!;
    const rowPath = appendPath(path, index);
    if (!Array.isArray(row)) {
      sink.error(
        'wrong-type',
        rowPath,
        `each row must be an array of numbers, got ${describe(row)}`,
      );
      ok = false;
      continue;
    }
    if (row.length !== width) {
      sink.error(
        'ragged-row',
        rowPath,
        `row ${index + 1} has ${row.length} ${row.length === 1 ? 'value' : 'values'}; the dataset has ${width} columns (${columns.join(', ')})`,
      );
      ok = false;
      continue;
    }
    const bad = row.findIndex((cell) => typeof cell !== 'number');
    if (bad >= 0) {
      sink.error(
        'wrong-type',
        appendPath(rowPath, bad),
        `row ${index + 1}, column ${quote(columns[bad]!)} must be a number, got ${describe(row[bad]!)}`,
      );
      ok = false;
      continue;
    }
    rows.push(row as number[]);
  }
  return ok ? rows : null;
};

const readSource = (
  value: JsonValue | undefined,
  path: string,
  columns: readonly string[] | null,
  sink: DatasetIssueSink,
): DatasetSource | null => {
  if (!isObject(value)) {
    sink.error(
      value === undefined ? 'missing-field' : 'wrong-type',
      path,
      value === undefined
        ? '"source" is missing: { "kind": "generate" | "inline" | "file", ... }'
        : `must be an object like { "kind": "generate", ... }, got ${describe(value)}`,
    );
    return null;
  }
  const kind = field(value, 'kind', path, sink, {
    required: true,
    accepts: oneOf(['generate', 'inline', 'file'] as const),
    want: '"generate", "inline" or "file"',
  });
  switch (kind) {
    case 'generate': {
      warnUnknown(value, ['kind', 'generator', 'size', 'noise', 'seed'], path, sink);
      const generator = field(value, 'generator', path, sink, {
        required: true,
        accepts: oneOf(generatorNames),
        want: `one of ${listed(generatorNames)}`,
      });
      const size = field(value, 'size', path, sink, {
        required: true,
        accepts: (v): v is number => isPositiveWhole(v) && v <= MAX_GENERATED_SIZE,
        want: `a whole number from 1 to ${MAX_GENERATED_SIZE}`,
      });
      const noise = field(value, 'noise', path, sink, {
        required: true,
        accepts: (v): v is number => isNumber(v) && v >= 0,
        want: 'a number ≥ 0',
      });
      const seed = field(value, 'seed', path, sink, {
        required: true,
        accepts: isWhole,
        want: 'a whole number',
      });
      if (generator == null || size == null || noise == null || seed == null) return null;
      const produces = datasetGenerators[generator];
      if (columns !== null && columns.join('\u0000') !== produces.join('\u0000')) {
        sink.error(
          'wrong-columns',
          appendPath(path, 'generator'),
          `the ${generator} generator makes the columns ${listed(produces)}, but the dataset lists ${listed(columns)}`,
        );
        return null;
      }
      return { kind, generator, size, noise, seed };
    }
    case 'inline': {
      warnUnknown(value, ['kind', 'rows'], path, sink);
      if (columns === null) return null;
      const rows = readRows(
        ownField(value, 'rows'),
        appendPath(path, 'rows'),
        columns.length,
        columns,
        sink,
      );
      return rows === null ? null : { kind, rows };
    }
    case 'file': {
      warnUnknown(value, ['kind', 'path'], path, sink);
      const file = field(value, 'path', path, sink, {
        required: true,
        accepts: isName,
        want: 'a file name like "points.csv"',
      });
      if (file == null) return null;
      if (!isRelativePath(file)) {
        sink.error(
          'invalid-value',
          appendPath(path, 'path'),
          `must be a path relative to the .graph file's folder, with "/" and without "..", got ${quote(file)}`,
        );
        return null;
      }
      return { kind, path: file };
    }
    default:
      return null;
  }
};

const readColumns = (
  value: JsonValue | undefined,
  path: string,
  sink: DatasetIssueSink,
): string[] | null => {
  if (!Array.isArray(value) || value.length === 0) {
    sink.error(
      value === undefined ? 'missing-field' : 'wrong-type',
      path,
      `must be a non-empty array of column names like ["x1", "x2", "y"], got ${value === undefined ? 'nothing' : describe(value)}`,
    );
    return null;
  }
  const seen = new Set<string>();
  let ok = true;
  value.forEach((name, index) => {
    if (!isName(name)) {
      sink.error(
        'wrong-type',
        appendPath(path, index),
        `must be a non-empty string, got ${describe(name)}`,
      );
      ok = false;
    } else if (seen.has(name)) {
      sink.error(
        'duplicate-column',
        appendPath(path, index),
        `the column ${quote(name)} is listed twice`,
      );
      ok = false;
    } else {
      seen.add(name);
    }
  });
  return ok ? (value as string[]) : null;
};

const readSplit = (
  value: JsonValue,
  path: string,
  sink: DatasetIssueSink,
): DatasetSpec['split'] | null => {
  if (!isObject(value)) {
    sink.error(
      'wrong-type',
      path,
      `must be an object like { "test": 0.2, "seed": 1 }, got ${describe(value)}`,
    );
    return null;
  }
  warnUnknown(value, ['test', 'seed'], path, sink);
  const test = field(value, 'test', path, sink, {
    required: true,
    accepts: (v): v is number => isNumber(v) && v >= 0 && v < 1,
    want: 'the share of rows held out for testing, 0 ≤ test < 1',
  });
  const seed = field(value, 'seed', path, sink, {
    required: true,
    accepts: isWhole,
    want: 'a whole number',
  });
  return test == null || seed == null ? null : { test, seed };
};

/**
 * Reads a document's `datasets` field (see docs/graph-format.md, "Datasets"), reporting every
 * problem with its path (`datasets[1].source.rows[4]`). Returns the datasets when all are valid.
 * @example readDatasets(ownField(root, 'datasets'), issues)
 * @public
 */
export const readDatasets = (
  value: JsonValue | undefined,
  sink: DatasetIssueSink,
): DatasetSpec[] | undefined => {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    sink.error('wrong-type', 'datasets', `must be an array of datasets, got ${describe(value)}`);
    return undefined;
  }
  const datasets: DatasetSpec[] = [];
  const ids = new Map<string, number>();
  let ok = true;
  value.forEach((entry, index) => {
    const path = appendPath('datasets', index);
    if (!isObject(entry)) {
      sink.error('wrong-type', path, `each dataset must be an object, got ${describe(entry)}`);
      ok = false;
      return;
    }
    warnUnknown(entry, ['id', 'name', 'columns', 'source', 'split'], path, sink);
    const id = field(entry, 'id', path, sink, {
      required: true,
      accepts: isName,
      want: 'a non-empty string',
    });
    const name = field(entry, 'name', path, sink, {
      required: false,
      accepts: (v): v is string => typeof v === 'string',
      want: 'a string',
    });
    const columns = readColumns(ownField(entry, 'columns'), appendPath(path, 'columns'), sink);
    const source = readSource(ownField(entry, 'source'), appendPath(path, 'source'), columns, sink);
    const rawSplit = ownField(entry, 'split');
    const split =
      rawSplit === undefined ? undefined : readSplit(rawSplit, appendPath(path, 'split'), sink);
    if (typeof id === 'string') {
      const earlier = ids.get(id);
      if (earlier !== undefined) {
        sink.error(
          'duplicate-id',
          appendPath(path, 'id'),
          `the dataset id ${quote(id)} is already used by datasets[${earlier}]`,
        );
        ok = false;
      } else {
        ids.set(id, index);
      }
    }
    if (
      typeof id !== 'string' ||
      name === null ||
      columns === null ||
      source === null ||
      split === null
    ) {
      ok = false;
      return;
    }
    datasets.push({
      id,
      ...(name === undefined ? {} : { name }),
      columns,
      source,
      ...(split === undefined ? {} : { split }),
    });
  });
  return ok ? datasets : undefined;
};

const TRAINING_FIELDS = [
  'task',
  'prediction',
  'target',
  'inputs',
  'optimizer',
  'learningRate',
  'batch',
  'steps',
  'seed',
] as const;

type FieldRule = Parameters<typeof field<unknown>>[4];
const optional = (accepts: FieldRule['accepts'], want: string): FieldRule => ({
  required: false,
  accepts,
  want,
});
const trainingRules: Record<(typeof TRAINING_FIELDS)[number], FieldRule> = {
  task: optional(oneOf(['classification', 'regression']), '"classification" or "regression"'),
  prediction: optional(isName, 'a node id'),
  target: optional(isName, 'a node id'),
  inputs: optional(
    (v): v is string[] => Array.isArray(v) && v.every(isName),
    'an array of node ids',
  ),
  optimizer: optional(oneOf(['sgd', 'momentum', 'adam']), '"sgd", "momentum" or "adam"'),
  learningRate: optional((v): v is number => isNumber(v) && v > 0, 'a number > 0'),
  batch: optional(isPositiveWhole, 'a whole number ≥ 1'),
  steps: optional((v): v is number => isWhole(v) && v >= 0, 'a whole number ≥ 0'),
  seed: optional(isWhole, 'a whole number'),
};

/**
 * Reads a document's `training` field, reporting every problem with its path.
 * @example readTraining(ownField(root, 'training'), issues)
 * @public
 */
export const readTraining = (
  value: JsonValue | undefined,
  sink: DatasetIssueSink,
): TrainingSpec | undefined => {
  if (value === undefined) return undefined;
  const path = 'training';
  if (!isObject(value)) {
    sink.error(
      'wrong-type',
      path,
      `must be an object like { "task": "classification", ... }, got ${describe(value)}`,
    );
    return undefined;
  }
  warnUnknown(value, TRAINING_FIELDS, path, sink);
  const training: Record<string, unknown> = {};
  let ok = true;
  for (const key of TRAINING_FIELDS) {
    const entry = field<unknown>(value, key, path, sink, trainingRules[key]);
    if (entry === null) ok = false;
    else if (entry !== undefined) training[key] = entry;
  }
  return ok ? (training as TrainingSpec) : undefined;
};

const text = (value: string): string => JSON.stringify(value);
const number = (value: number): string => (Number.isFinite(value) ? JSON.stringify(value) : '0');

const sourceText = (source: DatasetSource): string => {
  switch (source.kind) {
    case 'generate':
      return `{ "kind": "generate", "generator": ${text(source.generator)}, "size": ${number(source.size)}, "noise": ${number(source.noise)}, "seed": ${number(source.seed)} }`;
    case 'file':
      return `{ "kind": "file", "path": ${text(source.path)} }`;
    case 'inline': {
      // One row per line, so adding a point is a one-line diff.
      const rows = source.rows.map((row) => `          [${row.map(number).join(', ')}]`);
      return `{ "kind": "inline", "rows": [\n${rows.join(',\n')}\n        ] }`;
    }
  }
};

/**
 * The document's top-level `"datasets"` and `"training"` fields as text, in the serializer's
 * indentation (each entry is one field, without the trailing comma); none when absent.
 * @example serializeDatasetFields(doc.datasets, doc.training).forEach((f) => lines.push(`  ${f},`));
 * @public
 */
export const serializeDatasetFields = (
  datasets: readonly DatasetSpec[] | undefined,
  training: TrainingSpec | undefined,
): string[] => {
  const fields: string[] = [];
  if (datasets !== undefined) {
    const entries = datasets.map((dataset) => {
      const parts = [`"id": ${text(dataset.id)}`];
      if (dataset.name !== undefined) parts.push(`"name": ${text(dataset.name)}`);
      parts.push(`"columns": [${dataset.columns.map(text).join(', ')}]`);
      if (dataset.split !== undefined) {
        parts.push(
          `"split": { "test": ${number(dataset.split.test)}, "seed": ${number(dataset.split.seed)} }`,
        );
      }
      parts.push(`"source": ${sourceText(dataset.source)}`);
      return `    {\n${parts.map((part) => `      ${part}`).join(',\n')}\n    }`;
    });
    fields.push(
      entries.length === 0 ? '"datasets": []' : `"datasets": [\n${entries.join(',\n')}\n  ]`,
    );
  }
  if (training !== undefined) {
    const parts: string[] = [];
    for (const key of TRAINING_FIELDS) {
      const value = training[key];
      if (value === undefined) continue;
      const written =
        typeof value === 'number'
          ? number(value)
          : typeof value === 'string'
            ? text(value)
            : `[${value.map(text).join(', ')}]`;
      parts.push(`${text(key)}: ${written}`);
    }
    fields.push(`"training": { ${parts.join(', ')} }`.replace('{  }', '{}'));
  }
  return fields;
};
