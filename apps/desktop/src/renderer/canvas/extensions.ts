import type { EdgeId, GraphNode, NodeId } from '@chainrule/graph-runtime';
import type { ComponentType } from 'react';
import { createContext, useContext } from 'react';

/**
 * The places where a mode (learning mode today; composites and datasets later) plugs into the
 * core canvas and inspector, so they never import it. Every entry is optional and must stay the
 * same for the window's lifetime (the `use…` entries are hooks, called on every render).
 */
export interface CanvasExtensions {
  /** Extra CSS classes for a node (each starting with a space), e.g. the player's marks. */
  readonly useNodeClass?: (id: NodeId) => string;
  /** Drawn inside a node, over its body: bubbles, badges. */
  readonly NodeDecoration?: ComponentType<{ id: NodeId }>;
  /** Extra CSS classes for an edge (each starting with a space). */
  readonly useEdgeClass?: (id: EdgeId) => string;
  /** Drawn at an edge's midpoint (x, y in flow coordinates): a caption. */
  readonly EdgeCaption?: ComponentType<{ id: EdgeId; x: number; y: number }>;
  /** Buttons among the canvas's zoom controls. */
  readonly Controls?: ComponentType;
  /** Shown on the empty canvas under the hint. */
  readonly EmptyCanvas?: ComponentType;
  /** A section of the inspector for the selected node. */
  readonly InspectorSection?: ComponentType<{ node: GraphNode }>;
  /** Buttons in the top bar. */
  readonly Toolbar?: ComponentType;
}

const none: CanvasExtensions = {};

/** React context carrying the window's {@link CanvasExtensions}. */
export const CanvasExtensionsContext = createContext<CanvasExtensions>(none);

/** The window's canvas extensions (none outside a provider). */
export const useCanvasExtensions = (): CanvasExtensions => useContext(CanvasExtensionsContext);

const noClass = (): string => '';
/** The node-class hook of the extensions, or one that adds nothing. */
export const nodeClassHook = (extensions: CanvasExtensions) => extensions.useNodeClass ?? noClass;
/** The edge-class hook of the extensions, or one that adds nothing. */
export const edgeClassHook = (extensions: CanvasExtensions) => extensions.useEdgeClass ?? noClass;
