declare const brand: unique symbol;

/** A nominal string type: a `NodeId` cannot be passed where an `EdgeId` belongs. @public */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };

/** The id of a node in a graph, unique within that graph. @public */
export type NodeId = Brand<string, 'NodeId'>;
/** The id of an edge in a graph, unique within that graph. @public */
export type EdgeId = Brand<string, 'EdgeId'>;
/** The name of an op's input port, such as `x` for unary ops or `a`/`b` for binary ones. @public */
export type PortName = string;

/**
 * Brands a plain string as a {@link NodeId}. Use it at trust boundaries (parsed files, UI input).
 * @example const a = nodeId('a');
 * @public
 */
export const nodeId = (id: string): NodeId => id as NodeId;

/**
 * Brands a plain string as an {@link EdgeId}.
 * @example const e = edgeId('e1');
 * @public
 */
export const edgeId = (id: string): EdgeId => id as EdgeId;
