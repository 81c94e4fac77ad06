import type { EdgeId, NodeId, PortName } from './ids';

/** Parameters of a node, e.g. `{ value: 5 }` for an `input`. Plain JSON data only. @public */
export type NodeParams = Readonly<Record<string, unknown>>;

/** A node of the computational graph: which op it runs and with which parameters. @public */
export interface GraphNode {
  readonly id: NodeId;
  /** The op's id in the op registry, e.g. `mul`. */
  readonly op: string;
  readonly params?: NodeParams;
  /** A human name shown in the UI and the CLI (defaults to the id). */
  readonly label?: string;
}

/** An edge: the output of `source` flows into input port `targetPort` of `target`. @public */
export interface GraphEdge {
  readonly id: EdgeId;
  readonly source: NodeId;
  readonly target: NodeId;
  readonly targetPort: PortName;
  /**
   * Which output of a multi-output source the edge reads: an output of a composite instance or a
   * column of a dataset node (format version 2). Absent = the source's only output. The engine
   * never sees it: engine graphs are flat (see `flattenDocument`).
   */
  readonly sourcePort?: PortName;
}

/**
 * The meaning of a graph: what it computes. Layout (positions, viewport) lives elsewhere
 * (see the document format) so that moving a node never changes what the graph computes.
 * @public
 */
export interface GraphSpec {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** The node J whose gradients dJ/d(node) are computed; `null`/absent means no gradients. */
  readonly output?: NodeId | null;
}
