import { documentTextSizeProblem } from './bytes';
import { edgeId, nodeId, type NodeId } from '../graph/ids';
import type { GraphEdge, GraphNode, GraphSpec } from '../graph/types';
import { validateGraph, type GraphIssue } from '../graph/validate';
import type { OpRegistry } from '../ops';
import {
  appendPath,
  lineColumnAt,
  ownField,
  scanJson,
  type JsonObject,
  type JsonValue,
} from './json';
import {
  checkComposites,
  compositeRegistry,
  hasComposites,
  DATA_OP,
  DATASET_OP,
  definitionIndex,
} from './composites';
import { readDatasets, readTraining } from './datasets';
import { autoLayout, ROW_SPACING } from './layout';
import { migrateDocument, type DocumentMigration } from './migrate';
import {
  CURRENT_FORMAT_VERSION,
  GRAPH_FORMAT,
  MAX_DOCUMENT_BYTES,
  type CompositeDefinition,
  type CompositeOutput,
  type CompositeParameter,
  type DocumentIssue,
  type GraphDocument,
  type ParseGraphDocumentResult,
  type Position,
  type Viewport,
} from './types';

/** Options for {@link parseGraphDocument}; the defaults are what the app and the CLI use. @public */
export interface ParseGraphDocumentOptions {
  /** Refuse texts larger than this many bytes of UTF-8 (default {@link MAX_DOCUMENT_BYTES}). */
  readonly maxBytes?: number;
  /** Stop collecting errors after this many (default 100), adding one that counts the rest. */
  readonly maxErrors?: number;
  /** The format history (default: this build's); tests pass their own. */
  readonly migrations?: readonly DocumentMigration[];
  /** The version this reader targets (default {@link CURRENT_FORMAT_VERSION}). */
  readonly currentVersion?: number;
}

const TOP_LEVEL_FIELDS = new Set([
  'format',
  'version',
  'name',
  'description',
  'output',
  'viewport',
  'nodes',
  'edges',
  'definitions',
  // Parsed by document/datasets.ts (format §3).
  'datasets',
  'training',
]);
const NODE_FIELDS = new Set(['id', 'op', 'label', 'params', 'position']);
const EDGE_FIELDS = new Set(['id', 'source', 'target', 'targetPort', 'sourcePort']);
const DEFINITION_FIELDS = new Set([
  'name',
  'label',
  'description',
  'expression',
  'inputs',
  'parameters',
  'outputs',
  'graph',
]);
const DEFINITION_GRAPH_FIELDS = new Set(['nodes', 'edges']);
/** Params that hold text, not numbers: which dataset (and column) a data node reads. */
const TEXT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  [DATASET_OP]: ['dataset'],
  [DATA_OP]: ['dataset', 'column'],
};

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Quotes an id for a message, cut to 60 characters. */
export const quote = (text: string): string =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** Names a JSON value for a message: `the number 5`, `an array`, `null`. */
export const describe = (value: JsonValue): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${quote(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    default:
      return 'an object';
  }
};

/** Levenshtein distance, for "did you mean" hints on op ids (short strings only). */
const distance = (left: string, right: string): number => {
  if (Math.abs(left.length - right.length) > 2 || left.length > 32) return Infinity;
  let previous = Array.from({ length: right.length + 1 }, (_, k) => k);
  for (let a = 1; a <= left.length; a++) {
    const current = [a];
    for (let b = 1; b <= right.length; b++) {
      const cost = left[a - 1] === right[b - 1] ? 0 : 1;
      current.push(Math.min(previous[b]! + 1, current[b - 1]! + 1, previous[b - 1]! + cost));
    }
    previous = current;
  }
  return previous[right.length]!;
};

const opHint = (registry: OpRegistry, op: string): string => {
  const ids = registry.list().map((definition) => definition.id);
  const lower = op.toLowerCase();
  let best: string | undefined;
  // One typo in a short id, two in a longer one: "foo" must not suggest "log".
  let bestDistance = lower.length <= 4 ? 2 : 3;
  for (const id of ids) {
    const d = id === lower ? 0 : distance(lower, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best !== undefined ? ` (did you mean ${quote(best)}?)` : `; known ops: ${ids.join(', ')}`;
};

/** Collects issues, capping errors so a hostile file cannot make the report itself huge. */
class IssueList {
  readonly errors: DocumentIssue[] = [];
  readonly warnings: DocumentIssue[] = [];
  private dropped = 0;
  constructor(private readonly maxErrors: number) {}
  /** Whether further errors would only be counted: callers can skip building their messages. */
  get full(): boolean {
    return this.errors.length >= this.maxErrors;
  }
  /** Counts an error without building it (see {@link IssueList.full}). */
  skip(): void {
    this.dropped++;
  }
  error(code: string, path: string, message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push({ code, path, message });
    else this.dropped++;
  }
  warn(code: string, path: string, message: string): void {
    if (this.warnings.length < this.maxErrors) this.warnings.push({ code, path, message });
  }
  finish(): void {
    if (this.dropped > 0) {
      this.errors.push({
        code: 'too-many-errors',
        path: '',
        message: `and ${this.dropped} more ${this.dropped === 1 ? 'problem' : 'problems'} not listed`,
      });
      this.dropped = 0;
    }
  }
}

/** Reads `{ "x": number, "y": number, ... }`, reporting each bad field. */
const readNumbers = <K extends string>(
  value: JsonValue,
  path: string,
  keys: readonly K[],
  issues: IssueList,
): Record<K, number> | undefined => {
  if (!isObject(value)) {
    issues.error(
      'wrong-type',
      path,
      `must be an object like { ${keys.map((k) => `"${k}": 0`).join(', ')} }, got ${describe(value)}`,
    );
    return undefined;
  }
  const result = {} as Record<K, number>;
  let ok = true;
  for (const key of keys) {
    const field = ownField(value, key);
    if (typeof field === 'number') {
      result[key] = field;
      continue;
    }
    const fieldPath = appendPath(path, key);
    if (field === undefined) {
      issues.error('missing-field', fieldPath, `"${key}" is missing`);
      ok = false;
    } else {
      issues.error('wrong-type', fieldPath, `must be a number, got ${describe(field)}`);
      ok = false;
    }
  }
  for (const key of Object.keys(value)) {
    if (!(keys as readonly string[]).includes(key)) {
      issues.warn('unknown-field', appendPath(path, key), `unknown field ${quote(key)} is ignored`);
    }
  }
  return ok ? result : undefined;
};

const warnUnknownFields = (
  object: JsonObject,
  known: ReadonlySet<string>,
  path: string,
  issues: IssueList,
): void => {
  // for...in with an own check: no array per object, which matters at 100,000 nodes.
  for (const key in object) {
    if (Object.hasOwn(object, key) && !known.has(key)) {
      issues.warn(
        'unknown-field',
        appendPath(path, key),
        `unknown field ${quote(key)} is ignored and will not be saved`,
      );
    }
  }
};

/** Reads a required or optional string field, reporting a wrong type or an empty id. */
const readString = (
  object: JsonObject,
  key: string,
  path: string,
  issues: IssueList,
  rule: 'required-id' | 'optional-id' | 'required' | 'optional',
): string | undefined | null => {
  const value = ownField(object, key);
  if (typeof value === 'string' && (value !== '' || rule === 'required' || rule === 'optional')) {
    return value;
  }
  // Paths are built only on the error path: a 100,000-node file has half a million fields.
  const fieldPath = appendPath(path, key);
  if (value === undefined) {
    if (rule === 'required' || rule === 'required-id') {
      issues.error('missing-field', fieldPath, `"${key}" is missing`);
      return null;
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.error('wrong-type', fieldPath, `must be a string, got ${describe(value)}`);
    return null;
  }
  issues.error('empty-id', fieldPath, 'must not be empty');
  return null;
};

interface ReadNodes {
  /** Every well-formed node, duplicates included (the engine's validation reports those). */
  readonly nodes: GraphNode[];
  /** For each of `nodes`, its index in the file's `nodes` array. */
  readonly fileIndex: number[];
  /** How many of `nodes` have a position. */
  readonly placed: number;
  /** `null`-prototype record of the positions the file gives. */
  readonly positions: Record<string, Position>;
  /** The largest `y` among them (`-Infinity` when none). */
  readonly bottom: number;
  /** Ids of nodes left out for a shape error: issues about them would only repeat it. */
  readonly brokenIds: Set<string>;
}

const readNodes = (
  raw: JsonValue[],
  registry: OpRegistry,
  issues: IssueList,
  prefix = '',
): ReadNodes => {
  // No maps keyed by id on this path: hashing 100,000 fresh id strings is most of a big file's
  // load time, so duplicates and lookups are left to validateGraph and to the error path.
  const nodes: GraphNode[] = [];
  const fileIndex: number[] = [];
  const positions = Object.create(null) as Record<string, Position>;
  let bottom = -Infinity;
  let placed = 0;
  const brokenIds = new Set<string>();
  for (let index = 0; index < raw.length; index++) {
    const entry = raw[index]!;
    const path = `${prefix}nodes[${index}]`;
    if (!isObject(entry)) {
      issues.error('wrong-type', path, `each node must be an object, got ${describe(entry)}`);
      continue;
    }
    warnUnknownFields(entry, NODE_FIELDS, path, issues);
    const id = readString(entry, 'id', path, issues, 'required-id');
    const op = readString(entry, 'op', path, issues, 'required');
    const label = readString(entry, 'label', path, issues, 'optional');
    let params: Record<string, number> | undefined;
    let paramsOk = true;
    const rawParams = ownField(entry, 'params');
    if (rawParams !== undefined) {
      const paramsPath = `${path}.params`;
      if (!isObject(rawParams)) {
        issues.error('wrong-type', paramsPath, `must be an object, got ${describe(rawParams)}`);
        paramsOk = false;
      } else {
        const definition = typeof op === 'string' ? registry.get(op) : undefined;
        const textParams = typeof op === 'string' ? (TEXT_PARAMS[op] ?? []) : [];
        params = Object.create(null) as Record<string, number>;
        for (const key of Object.keys(rawParams)) {
          const value = rawParams[key]!;
          const paramPath = (): string => appendPath(paramsPath, key);
          if (textParams.includes(key)) {
            if (typeof value === 'string') (params as Record<string, unknown>)[key] = value;
            else {
              issues.error('wrong-type', paramPath(), `must be a string, got ${describe(value)}`);
              paramsOk = false;
            }
            continue;
          }
          if (definition && !definition.params.some((spec) => spec.name === key)) {
            const takes = definition.params.length
              ? `it takes ${definition.params.map((spec) => quote(spec.name)).join(', ')}`
              : 'it takes no parameters';
            issues.warn(
              'unknown-param',
              paramPath(),
              `${definition.id} has no parameter ${quote(key)} (${takes}); it is ignored and will not be saved`,
            );
            continue;
          }
          if (typeof value !== 'number') {
            issues.error('wrong-type', paramPath(), `must be a number, got ${describe(value)}`);
            paramsOk = false;
            continue;
          }
          params[key] = value;
        }
      }
    }
    let position: Position | undefined;
    let positionOk = true;
    const rawPosition = ownField(entry, 'position');
    if (rawPosition !== undefined) {
      position = readNumbers(rawPosition, `${path}.position`, ['x', 'y'], issues);
      positionOk = position !== undefined;
    }
    if (typeof id !== 'string') continue;
    if (typeof op !== 'string' || label === null || !paramsOk || !positionOk) {
      brokenIds.add(id);
      continue;
    }
    const node: { -readonly [K in keyof GraphNode]: GraphNode[K] } = { id: nodeId(id), op };
    if (params !== undefined) node.params = params;
    if (label !== undefined) node.label = label;
    nodes.push(node);
    fileIndex.push(index);
    if (position) {
      // A duplicate id's position never reaches a document: the file is refused.
      positions[id] = position;
      placed++;
      if (position.y > bottom) bottom = position.y;
    }
  }
  return { nodes, fileIndex, placed, positions, bottom, brokenIds };
};

const readEdges = (
  raw: JsonValue[],
  issues: IssueList,
  prefix = '',
): { edges: GraphEdge[]; fileIndex: number[] } => {
  const edges: GraphEdge[] = [];
  const fileIndex: number[] = [];
  // Positions in `edges` of edges written without an id.
  const unnamed: number[] = [];
  for (let index = 0; index < raw.length; index++) {
    const entry = raw[index]!;
    const path = `${prefix}edges[${index}]`;
    if (!isObject(entry)) {
      issues.error('wrong-type', path, `each edge must be an object, got ${describe(entry)}`);
      continue;
    }
    warnUnknownFields(entry, EDGE_FIELDS, path, issues);
    const id = readString(entry, 'id', path, issues, 'optional-id');
    const source = readString(entry, 'source', path, issues, 'required-id');
    const target = readString(entry, 'target', path, issues, 'required-id');
    const port = readString(entry, 'targetPort', path, issues, 'required');
    const sourcePort = readString(entry, 'sourcePort', path, issues, 'optional');
    if (id === null || typeof source !== 'string' || typeof target !== 'string') continue;
    if (typeof port !== 'string' || sourcePort === null) continue;
    if (id === undefined) unnamed.push(edges.length);
    fileIndex.push(index);
    const edge: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
      id: edgeId(id ?? ''),
      source: nodeId(source),
      target: nodeId(target),
      targetPort: port,
    };
    if (sourcePort !== undefined) edge.sourcePort = sourcePort;
    edges.push(edge);
  }
  // Ids for edges written without one: e1, e2, ... skipping every id the file already uses, so
  // the same file always gets the same ids.
  if (unnamed.length > 0) {
    const used = new Set<string>(edges.map((edge) => edge.id));
    let counter = 0;
    for (const position of unnamed) {
      let chosen: string;
      do chosen = `e${++counter}`;
      while (used.has(chosen));
      used.add(chosen);
      edges[position] = { ...edges[position]!, id: edgeId(chosen) };
    }
  }
  return { edges, fileIndex };
};

/** Positions for every node: the file's, and the one auto layout for the rest, placed below. */
const completeLayout = (spec: GraphSpec, read: ReadNodes): Record<string, Position> => {
  const placed = read.positions;
  if (read.placed < spec.nodes.length) {
    const missing = spec.nodes.filter((node) => placed[node.id] === undefined);
    // Files that place some nodes keep them; the rest are laid out among themselves, below.
    const shift = read.bottom === -Infinity ? 0 : read.bottom + 2 * ROW_SPACING;
    const auto = autoLayout(
      missing.length === spec.nodes.length ? spec : { nodes: missing, edges: spec.edges },
    );
    for (const node of missing) {
      const position = auto[node.id] ?? { x: 0, y: 0 };
      placed[node.id] = { x: position.x, y: position.y + shift };
    }
  }
  return placed;
};

/** Reads a required array field of an object, reporting its absence or wrong type. */
const readArray = (
  object: JsonObject,
  key: string,
  path: string,
  issues: IssueList,
  required: boolean,
): JsonValue[] | undefined => {
  const value = ownField(object, key);
  const fieldPath = appendPath(path, key);
  if (value === undefined) {
    if (required) issues.error('missing-field', fieldPath, `"${key}" is missing`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    issues.error('wrong-type', fieldPath, `must be an array, got ${describe(value)}`);
    return undefined;
  }
  return value;
};

/** Reads `definitions` (format version 2): the composite ops of the file. */
const readDefinitions = (
  raw: JsonValue[],
  registry: OpRegistry,
  issues: IssueList,
): CompositeDefinition[] => {
  const definitions: CompositeDefinition[] = [];
  raw.forEach((entry, index) => {
    const at = `definitions[${index}]`;
    if (!isObject(entry)) {
      issues.error('wrong-type', at, `each definition must be an object, got ${describe(entry)}`);
      return;
    }
    const before = issues.errors.length;
    warnUnknownFields(entry, DEFINITION_FIELDS, at, issues);
    const name = readString(entry, 'name', at, issues, 'required-id');
    const label = readString(entry, 'label', at, issues, 'optional');
    const description = readString(entry, 'description', at, issues, 'optional');
    const expression = readString(entry, 'expression', at, issues, 'optional');
    const inputs: string[] = [];
    (readArray(entry, 'inputs', at, issues, true) ?? []).forEach((port, k) => {
      if (typeof port === 'string' && port !== '') inputs.push(port);
      else
        issues.error(
          'wrong-type',
          `${at}.inputs[${k}]`,
          `must be a port name, got ${describe(port)}`,
        );
    });
    const parameters: CompositeParameter[] = [];
    const rawParameters = readArray(entry, 'parameters', at, issues, false);
    rawParameters?.forEach((parameter, k) => {
      const path = `${at}.parameters[${k}]`;
      if (!isObject(parameter)) {
        issues.error(
          'wrong-type',
          path,
          `must be an object like { "name": "w", "default": 0 }, got ${describe(parameter)}`,
        );
        return;
      }
      warnUnknownFields(parameter, new Set(['name', 'default']), path, issues);
      const parameterName = readString(parameter, 'name', path, issues, 'required-id');
      const value = ownField(parameter, 'default');
      if (typeof value !== 'number') {
        issues.error(
          value === undefined ? 'missing-field' : 'wrong-type',
          `${path}.default`,
          value === undefined ? '"default" is missing' : `must be a number, got ${describe(value)}`,
        );
        return;
      }
      if (typeof parameterName === 'string')
        parameters.push({ name: parameterName, default: value });
    });
    const outputs: CompositeOutput[] = [];
    (readArray(entry, 'outputs', at, issues, true) ?? []).forEach((output, k) => {
      const path = `${at}.outputs[${k}]`;
      if (!isObject(output)) {
        issues.error(
          'wrong-type',
          path,
          `must be an object like { "name": "y", "node": "t" }, got ${describe(output)}`,
        );
        return;
      }
      warnUnknownFields(output, new Set(['name', 'node']), path, issues);
      const outputName = readString(output, 'name', path, issues, 'required-id');
      const node = readString(output, 'node', path, issues, 'required-id');
      if (typeof outputName === 'string' && typeof node === 'string') {
        outputs.push({ name: outputName, node: nodeId(node) });
      }
    });
    const rawGraph = ownField(entry, 'graph');
    let graph: GraphSpec = { nodes: [], edges: [] };
    let positions: Record<string, Position> = Object.create(null) as Record<string, Position>;
    if (rawGraph === undefined) {
      issues.error(
        'missing-field',
        `${at}.graph`,
        '"graph" is missing; write "graph": { "nodes": [...], "edges": [...] }',
      );
    } else if (!isObject(rawGraph)) {
      issues.error(
        'wrong-type',
        `${at}.graph`,
        `must be an object with "nodes" and "edges", got ${describe(rawGraph)}`,
      );
    } else {
      warnUnknownFields(rawGraph, DEFINITION_GRAPH_FIELDS, `${at}.graph`, issues);
      const read = readNodes(
        readArray(rawGraph, 'nodes', `${at}.graph`, issues, true) ?? [],
        registry,
        issues,
        `${at}.graph.`,
      );
      const { edges } = readEdges(
        readArray(rawGraph, 'edges', `${at}.graph`, issues, true) ?? [],
        issues,
        `${at}.graph.`,
      );
      graph = { nodes: read.nodes, edges };
      positions = completeLayout(graph, read);
    }
    if (issues.errors.length > before || typeof name !== 'string') return;
    const definition: { -readonly [K in keyof CompositeDefinition]: CompositeDefinition[K] } = {
      name,
      inputs,
      outputs,
      graph,
      layout: { positions },
    };
    if (typeof label === 'string') definition.label = label;
    if (typeof description === 'string') definition.description = description;
    if (rawParameters !== undefined) definition.parameters = parameters;
    if (typeof expression === 'string') definition.expression = expression;
    definitions.push(definition);
  });
  return definitions;
};

/** Points each engine issue at the field a person has to change. */
const pathOfGraphIssue = (
  issue: GraphIssue,
  spec: GraphSpec,
  nodeIndex: ReadonlyMap<string, number>,
  edgeIndex: ReadonlyMap<string, number>,
  edgeOrder: ReadonlyMap<string, number>,
  sourceReported: Set<number>,
): string => {
  const nodePath = (id: NodeId | undefined): string | undefined => {
    const index = id === undefined ? undefined : nodeIndex.get(id);
    return index === undefined ? undefined : appendPath('nodes', index);
  };
  const edgeIdx = issue.edgeId === undefined ? undefined : edgeIndex.get(issue.edgeId);
  const edgePath = edgeIdx === undefined ? undefined : appendPath('edges', edgeIdx);
  switch (issue.code) {
    case 'unknown-op':
      return appendPath(nodePath(issue.nodeId) ?? 'nodes', 'op');
    case 'invalid-value':
      return appendPath(appendPath(nodePath(issue.nodeId) ?? 'nodes', 'params'), 'value');
    case 'missing-node': {
      if (edgePath === undefined || edgeIdx === undefined) return 'edges';
      const edge = spec.edges[edgeOrder.get(issue.edgeId!) ?? -1];
      const isSource = edge?.source === issue.nodeId && !sourceReported.has(edgeIdx);
      if (isSource) sourceReported.add(edgeIdx);
      return appendPath(edgePath, isSource ? 'source' : 'target');
    }
    case 'self-loop':
      return appendPath(edgePath ?? 'edges', 'target');
    case 'unknown-port':
    case 'port-taken':
      return appendPath(edgePath ?? 'edges', 'targetPort');
    case 'missing-output':
      return 'output';
    case 'cycle': {
      const cycle = issue.cycle ?? [];
      const from = cycle[cycle.length - 2];
      const to = cycle[cycle.length - 1];
      const closing = spec.edges.find((edge) => edge.source === from && edge.target === to);
      const index = closing === undefined ? undefined : edgeIndex.get(closing.id);
      return index === undefined ? 'edges' : appendPath('edges', index);
    }
    default:
      return edgePath ?? nodePath(issue.nodeId) ?? '';
  }
};

/** All ancestors of a path, deepest first: `nodes[3].op` → `nodes[3].op`, `nodes[3]`, `nodes`, ``. */
const ancestorsOf = (path: string): string[] => {
  const result = [path];
  let current = path;
  while (current !== '') {
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    // A quoted key containing '.' or '[' yields a bogus ancestor that is simply never found.
    current = cut <= 0 ? '' : current.slice(0, cut);
    result.push(current);
  }
  return result;
};

/** Adds line/column to each issue by rescanning once, pointing at the deepest existing ancestor. */
const locateIssues = (text: string, issues: DocumentIssue[]): void => {
  if (issues.length === 0) return;
  const paths = new Set<string>();
  for (const issue of issues) for (const ancestor of ancestorsOf(issue.path)) paths.add(ancestor);
  const found = new Map<string, number>();
  scanJson(text, { maxDepth: Infinity, locate: { paths, found } });
  for (const issue of issues) {
    if (issue.code === 'too-many-errors') continue;
    const offset = ancestorsOf(issue.path)
      .map((ancestor) => found.get(ancestor))
      .find((candidate) => candidate !== undefined);
    if (offset === undefined) continue;
    const { line, column } = lineColumnAt(text, offset);
    issue.line = line;
    issue.column = column;
  }
};

/**
 * Parses and validates a `.graph` file in one step: either a document (plus warnings for
 * ignored fields) or every problem found, each with a location and a sentence a person
 * understands. Never throws for any input text: syntax errors carry line and column; other
 * errors carry a path such as `nodes[3].op` (and a line when the file needed no migration).
 *
 * Checks, in order: size, emptiness, JSON syntax (also depth, duplicate keys, non-finite
 * numbers), the `format` marker, the version (migrating older files, refusing newer ones), the
 * shape of every field, unique ids, then the graph's meaning with the engine's `validateGraph`
 * (unknown ops and ports, edges to missing nodes, two edges into one port, cycles, source values).
 * @example
 * const result = parseGraphDocument(text, standardRegistry);
 * if (!result.ok) for (const e of result.errors) console.error(formatDocumentIssue(e));
 * @public
 */
export const parseGraphDocument = (
  text: string,
  registry: OpRegistry,
  options: ParseGraphDocumentOptions = {},
): ParseGraphDocumentResult => {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const currentVersion = options.currentVersion ?? CURRENT_FORMAT_VERSION;
  const fail = (issue: DocumentIssue): ParseGraphDocumentResult => ({ ok: false, errors: [issue] });

  // Measured in bytes, as on disk: counting characters let 48 MB of CJK text through on save
  // that the file's size then refused on open.
  const tooLarge = documentTextSizeProblem(text, maxBytes);
  if (tooLarge !== null) return fail({ code: 'too-large', path: '', message: tooLarge });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return fail({ code: 'empty', path: '', message: 'the file is empty', line: 1, column: 1 });
  }
  const scanned = scanJson(body);
  if (!scanned.ok) {
    return fail({
      ...lineColumnAt(body, scanned.error.offset),
      code: scanned.error.code,
      path: '',
      message: scanned.error.message,
    });
  }
  const root = scanned.value;
  const located = (issue: DocumentIssue): ParseGraphDocumentResult => {
    const errors = [issue];
    locateIssues(body, errors);
    return { ok: false, errors };
  };
  if (!isObject(root)) {
    return located({
      code: 'not-object',
      path: '',
      message: `a .graph file is a JSON object starting with {"format": "${GRAPH_FORMAT}", ...}, but this file contains ${describe(root)}`,
    });
  }
  const format = ownField(root, 'format');
  if (format === undefined) {
    return located({
      code: 'missing-field',
      path: 'format',
      message: `this is not a .graph file: "format" is missing (it should be "${GRAPH_FORMAT}")`,
    });
  }
  if (format !== GRAPH_FORMAT) {
    return located({
      code: 'wrong-format',
      path: 'format',
      message: `this is not a .graph file: "format" must be "${GRAPH_FORMAT}", got ${describe(format)}`,
    });
  }
  const migrated = migrateDocument(root, {
    targetVersion: currentVersion,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  if (!migrated.ok) return located(migrated.issue);
  const raw = migrated.document;
  // Steps that only bump the version (1 → 2 adds optional fields) keep every path where it was:
  // issues keep their line and column, and nothing worth a warning happened.
  const reshaping = migrated.applied.filter((step) => step.sameShape !== true);
  const wasMigrated = reshaping.length > 0;

  const issues = new IssueList(options.maxErrors ?? 100);
  warnUnknownFields(raw, TOP_LEVEL_FIELDS, '', issues);
  const name = readString(raw, 'name', '', issues, 'optional');
  const description = readString(raw, 'description', '', issues, 'optional');
  // `"output": null` is an explicit "no output", the same as leaving it out.
  const output =
    ownField(raw, 'output') === null ? null : readString(raw, 'output', '', issues, 'optional-id');
  let viewport: Viewport | undefined;
  const rawViewport = ownField(raw, 'viewport');
  if (rawViewport !== undefined) {
    viewport = readNumbers(rawViewport, 'viewport', ['x', 'y', 'zoom'], issues);
    if (viewport && !(viewport.zoom > 0)) {
      issues.error(
        'invalid-value',
        'viewport.zoom',
        `must be greater than 0, got ${viewport.zoom}`,
      );
      viewport = undefined;
    }
  }
  const readList = (key: 'nodes' | 'edges'): JsonValue[] => {
    const value = ownField(raw, key);
    if (value === undefined) {
      issues.error('missing-field', key, `"${key}" is missing; write "${key}": [] for none`);
      return [];
    }
    if (!Array.isArray(value)) {
      issues.error('wrong-type', key, `must be an array, got ${describe(value)}`);
      return [];
    }
    return value;
  };
  const read = readNodes(readList('nodes'), registry, issues);
  const { nodes, brokenIds } = read;
  const { edges, fileIndex: edgeFileIndex } = readEdges(readList('edges'), issues);
  const datasets = readDatasets(ownField(raw, 'datasets'), issues);
  const training = readTraining(ownField(raw, 'training'), issues);
  const spec: GraphSpec = {
    nodes,
    edges,
    output: typeof output === 'string' ? nodeId(output) : null,
  };
  const rawDefinitions =
    ownField(raw, 'definitions') === undefined
      ? undefined
      : readArray(raw, 'definitions', '', issues, false);
  const shapeErrors = issues.errors.length;
  const definitions =
    rawDefinitions === undefined ? undefined : readDefinitions(rawDefinitions, registry, issues);
  const definitionsReadWell = issues.errors.length === shapeErrors;

  // Instances and dataset nodes are checked like any node, with each definition as an op.
  const graphIssues = validateGraph(
    spec,
    compositeRegistry(registry, definitionIndex(definitions)),
  );
  // Lookups for mapping issues to paths (first occurrence of each id), built only for files
  // that have issues; duplicates are reported here, with both places, instead of the engine's.
  const nodeIndex = new Map<string, number>();
  const edgeIndex = new Map<string, number>();
  const edgeOrder = new Map<string, number>();
  const opOf = new Map<string, string>();
  if (graphIssues.length > 0) {
    nodes.forEach((node, order) => {
      const index = read.fileIndex[order]!;
      const earlier = nodeIndex.get(node.id);
      if (earlier === undefined) {
        nodeIndex.set(node.id, index);
        opOf.set(node.id, node.op);
        return;
      }
      issues.error(
        'duplicate-id',
        `nodes[${index}].id`,
        `the node id ${quote(node.id)} is already used by ${appendPath('nodes', earlier)}`,
      );
    });
    edges.forEach((edge, order) => {
      const index = edgeFileIndex[order]!;
      const earlier = edgeIndex.get(edge.id);
      if (earlier === undefined) {
        edgeIndex.set(edge.id, index);
        edgeOrder.set(edge.id, order);
        return;
      }
      issues.error(
        'duplicate-id',
        `edges[${index}].id`,
        `the edge id ${quote(edge.id)} is already used by ${appendPath('edges', earlier)}`,
      );
    });
  }
  const sourceReported = new Set<number>();
  for (const issue of graphIssues) {
    if (issue.code === 'duplicate-node' || issue.code === 'duplicate-edge') continue;
    const about = issue.nodeId;
    if (about !== undefined && brokenIds.has(about) && !nodeIndex.has(about)) continue;
    if (issues.full) {
      issues.skip();
      continue;
    }
    const path = pathOfGraphIssue(issue, spec, nodeIndex, edgeIndex, edgeOrder, sourceReported);
    const hint =
      issue.code === 'unknown-op' ? opHint(registry, opOf.get(issue.nodeId ?? '') ?? '') : '';
    issues.error(issue.code, path, `${issue.message}${hint}`);
  }
  const document: { -readonly [K in keyof GraphDocument]: GraphDocument[K] } = {
    graph: spec,
    layout: { positions: read.positions },
  };
  if (typeof name === 'string') document.name = name;
  if (typeof description === 'string') document.description = description;
  if (definitions !== undefined) document.definitions = definitions;
  // `datasets` and `training` (format §3), read by document/datasets.ts above, before the
  // composite checks below: dataset nodes name a dataset of the file.
  if (datasets !== undefined) document.datasets = datasets;
  if (training !== undefined) document.training = training;
  if (definitionsReadWell && !issues.full && hasComposites(document)) {
    for (const problem of checkComposites(document, registry, { topLevel: false })) {
      issues.error(problem.code, problem.path, problem.message);
    }
  }
  issues.finish();
  if (wasMigrated) {
    const steps = reshaping.map((step) => step.description).join('; ');
    issues.warn(
      'migrated',
      'version',
      `upgraded from format version ${migrated.fromVersion} to ${currentVersion} (${steps}); saving writes version ${currentVersion}`,
    );
  }
  if (issues.errors.length > 0) {
    if (!wasMigrated) locateIssues(body, issues.errors);
    return { ok: false, errors: issues.errors };
  }
  if (!wasMigrated) locateIssues(body, issues.warnings);

  const placed = completeLayout(spec, read);
  document.layout = viewport ? { positions: placed, viewport } : { positions: placed };
  return { ok: true, document, warnings: issues.warnings };
};
