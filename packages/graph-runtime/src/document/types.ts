import type { GraphSpec } from '../graph/types';
import type { DatasetSpec, TrainingSpec } from './datasets';

/** The `format` value every `.graph` file starts with. @public */
export const GRAPH_FORMAT = 'chainrule.graph';

/** The `.graph` format version this build reads natively and writes. @public */
export const CURRENT_FORMAT_VERSION = 1;

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
