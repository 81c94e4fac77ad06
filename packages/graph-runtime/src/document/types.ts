import type { NodeId, PortName } from '../graph/ids';
import type { GraphSpec } from '../graph/types';
import type { DatasetSpec, TrainingSpec } from './datasets';

/** The `format` value every `.graph` file starts with. @public */
export const GRAPH_FORMAT = 'chainrule.graph';

/** The `.graph` format version this build reads natively and writes. @public */
export const CURRENT_FORMAT_VERSION = 2;

/**
 * The one size limit of a `.graph` file, in bytes of UTF-8 (64 MiB): the loader, the CLI and the
 * app's open and save all measure against it, so whatever one of them saves, all of them open.
 * @public
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A point on the canvas, in canvas units. @public */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** The canvas viewport: pan offset and zoom factor. @public */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * Where things are drawn. Kept apart from {@link GraphDocument.graph} so that moving a node never
 * changes what the graph computes.
 * @public
 */
export interface DocumentLayout {
  /** One position per node id; every node of a loaded document has one. */
  readonly positions: Readonly<Record<string, Position>>;
  readonly viewport?: Viewport;
}

/** A per-instance trainable value of a composite (micrograd's weights), with its default. @public */
export interface CompositeParameter {
  readonly name: PortName;
  readonly default: number;
}

/** One output port of a composite: its name and the inner node whose value it carries. @public */
export interface CompositeOutput {
  readonly name: PortName;
  readonly node: NodeId;
}

/**
 * A composite op (format version 2): a named inner graph that nodes of the document use as their
 * op. Such a node is an *instance*: `{ "id": "h1", "op": "neuron2", "params": { "w1": 0.5 } }`,
 * its params holding its own parameter values (missing = the default). Edges into an instance
 * name an input port as `targetPort`; edges out of it name an output as `sourcePort` (optional
 * when it has one output). `flattenDocument` turns instances into plain nodes with path ids.
 * @public
 */
export interface CompositeDefinition {
  /** The op id its instances use, e.g. `neuron2`; never a registry op id or another definition's. */
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  /** The data ports of an instance, in order. Each is an inner `input` node with that id. */
  readonly inputs: readonly PortName[];
  /** Per-instance trainable values. Each is an inner `input` node with that id. */
  readonly parameters?: readonly CompositeParameter[];
  /** At least one. */
  readonly outputs: readonly CompositeOutput[];
  /** The inner graph (its `output` is unused). It may contain instances of other definitions. */
  readonly graph: GraphSpec;
  /** Inner positions, for opening an instance. */
  readonly layout?: DocumentLayout;
  /** The source when written as an expression, e.g. `softplus(x) = log(1 + exp(x))`. */
  readonly expression?: string;
}

/**
 * A `.graph` file in memory: its meaning (`graph`) and its layout, side by side.
 * `layout.positions` is a `null`-prototype record, so a node called `__proto__` is plain data.
 * @public
 */
export interface GraphDocument {
  readonly name?: string;
  readonly description?: string;
  /** Nodes (id, op, params, label), edges and the output: what the graph computes. */
  readonly graph: GraphSpec;
  readonly layout: DocumentLayout;
  /** Composite ops the graph's instances use (format version 2). */
  readonly definitions?: readonly CompositeDefinition[];
  /** Data the graph's dataset nodes output (see `document/datasets.ts`). */
  readonly datasets?: readonly DatasetSpec[];
  /** What training on the data reads: task, prediction, target, optimizer defaults. */
  readonly training?: TrainingSpec;
}

/**
 * One problem with a file.
 * - `path` locates it in the document (`nodes[3].op`, `edges[4].targetPort`; `''` for the
 *   whole file).
 * - `line`/`column` (1-based) locate it in the text: always for syntax errors, and for other
 *   problems when the file was not migrated from an older version.
 * @public
 */
export interface DocumentIssue {
  /** A stable machine-readable code, e.g. `syntax`, `unknown-op`, `cycle`. */
  code: string;
  /** A sentence a person understands. Ids inside it are JSON-quoted, so control characters are escaped. */
  message: string;
  path: string;
  line?: number;
  column?: number;
}

/** What {@link parseGraphDocument} returns. @public */
export type ParseGraphDocumentResult =
  | { ok: true; document: GraphDocument; warnings: DocumentIssue[] }
  | { ok: false; errors: DocumentIssue[] };

/**
 * Where an issue is: `nodes[3].op (line 7, column 12)`, `line 3, column 5` for a syntax error,
 * or `file` for the file as a whole.
 * @example documentIssueLocation({ code: 'unknown-op', message: '…', path: 'nodes[3].op' }) // 'nodes[3].op'
 * @public
 */
export const documentIssueLocation = (issue: DocumentIssue): string => {
  const at = issue.line === undefined ? '' : `line ${issue.line}, column ${issue.column ?? 1}`;
  if (issue.path === '') return at === '' ? 'file' : at;
  return at === '' ? issue.path : `${issue.path} (${at})`;
};

/**
 * One line for a person: `nodes[3].op: node "x" uses an unknown op "foo"`, or
 * `line 3, column 5: unexpected "}": expected a value`.
 * @example console.error(`chainrule: ${file}: ${formatDocumentIssue(issue)}`);
 * @public
 */
export const formatDocumentIssue = (issue: DocumentIssue): string =>
  `${documentIssueLocation(issue)}: ${issue.message}`;
