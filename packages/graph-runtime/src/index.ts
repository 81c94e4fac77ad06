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
  OpRegistry,
} from './ops';
export { sameValue, sourceValueOf, createOpRegistry } from './ops';
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
} from './engine/types';
export { createRuntime } from './engine/runtime';
export { evaluate } from './engine/evaluate';
export type { GraphIssue, GraphIssueCode } from './graph/validate';
export { validateGraph, GraphValidationError } from './graph/validate';
export { topologicalOrder, findCycle } from './graph/topology';
export type { GradcheckOptions, GradcheckEntry, GradcheckResult } from './autodiff/gradcheck';
export { gradcheck } from './autodiff/gradcheck';
