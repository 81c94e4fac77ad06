// Public API of @chainrule/graph-runtime: named exports only.
export type { Brand, NodeId, EdgeId, PortName } from './graph/ids';
export { nodeId, edgeId } from './graph/ids';
export type { GraphNode, GraphEdge, GraphSpec, NodeParams } from './graph/types';
export type {
  Value,
  DomainCheck,
  LocalDerivative,
  ParamSpec,
  OpCategory,
  OpDefinition,
  OpKernel,
  OpRegistry,
} from './ops';
export { sourceValueOf, createOpRegistry, takesValue } from './ops';
export type {
  NodeValue,
  NodeGradient,
  EdgeGradient,
  NodeHandle,
  EdgeHandle,
  TransactionReport,
  RuntimeStats,
  RuntimeSnapshot,
  RuntimeOptions,
  Runtime,
  NodeReading,
  BatchSummary,
  RuntimeChanges,
} from './engine/types';
export { createRuntime } from './engine/runtime';
export { evaluate } from './engine/evaluate';
export type { GraphIssue, GraphIssueCode } from './graph/validate';
export { validateGraph, GraphValidationError } from './graph/validate';
export type { EdgeLike } from './graph/topology';
export { topologicalOrder, topologicalIndexOrder, findCycle } from './graph/topology';
export type { EdgeRuleGraph, EdgeRuleOptions } from './graph/edgeRules';
export { checkEdge } from './graph/edgeRules';
export { findPath } from './graph/paths';
export { quoteText, listItems, MAX_QUOTED_CHARS, MAX_LISTED_ITEMS } from './graph/text';
export type {
  GradcheckOptions,
  GradcheckChecked,
  GradcheckSkipped,
  GradcheckEntry,
  GradcheckResult,
} from './autodiff/gradcheck';
export { gradcheck, cutGraphAt } from './autodiff/gradcheck';
// The .graph document format (parse with precise errors, serialize, auto layout). Migrations
// and the JSON scanner are internal: parseGraphDocument runs them.
export type {
  Position,
  Viewport,
  DocumentLayout,
  GraphDocument,
  DocumentIssue,
  ParseGraphDocumentResult,
  CompositeDefinition,
  CompositeParameter,
  CompositeOutput,
} from './document/types';
export {
  GRAPH_FORMAT,
  CURRENT_FORMAT_VERSION,
  MAX_DOCUMENT_BYTES,
  documentIssueLocation,
  formatDocumentIssue,
} from './document/types';
export type { DecodeDocumentResult } from './document/bytes';
export {
  decodeDocumentBytes,
  documentSizeProblem,
  documentTextSizeProblem,
  NOT_UTF8_MESSAGE,
  utf8ByteLength,
} from './document/bytes';
export type { ParseGraphDocumentOptions } from './document/parse';
export { parseGraphDocument } from './document/parse';
export { serializeGraphDocument, formatVersionOf } from './document/serialize';
// Format version 2: composite definitions and dataset nodes, flattened for the engine.
export type { CompositeMap, FlatLocation, FlattenResult, FlattenOptions } from './document/flatten';
export { flattenDocument, MAX_FLAT_NODES } from './document/flatten';
export { DATASET_OP, DATA_OP, hasComposites } from './document/composites';
export type {
  DatasetGenerator,
  DatasetIssueSink,
  DatasetSource,
  DatasetSpec,
  TrainingSpec,
} from './document/datasets';
export {
  datasetGenerators,
  MAX_GENERATED_SIZE,
  readDatasets,
  readTraining,
  serializeDatasetFields,
} from './document/datasets';
export type { AutoLayoutOptions } from './document/layout';
export { autoLayout, LAYER_SPACING, ROW_SPACING } from './document/layout';
