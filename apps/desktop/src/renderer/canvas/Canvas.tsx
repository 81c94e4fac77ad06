import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type {
  Connection,
  EdgeChange,
  EdgeTypes,
  NodeChange,
  NodeTypes,
  OnConnect,
  OnReconnect,
  Viewport,
} from '@xyflow/react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorState, useViewSettings } from '../EditorContext';
import type { EditorDocument, XY } from '../document/editorDocument';
import { examples, exampleTitle } from '../examples';
import { OP_DRAG_TYPE } from '../palette/Palette';
import { useCanvasExtensions } from './extensions';
import type { GradientFlowEdge, OpFlowNode } from './flowElements';
import { createFlowElementCache, FUNCTION_NODE_HEIGHT, NODE_WIDTH } from './flowElements';
import { CanvasExportButton } from '../canvasExport/CanvasExportButton';
import { GradientEdge } from './GradientEdge';
import { InstanceNode, PortNode } from './InstanceNode';
import { useComposites } from '../composites/CompositeScope';
import { COMPOSITE_DRAG_TYPE, libraryDefinition } from '../composites/library';
import { Legend } from './Legend';
import { LowDetailLayer } from './LowDetailLayer';
import { LOW_DETAIL_BELOW, nodeAt } from './lowDetailScene';
import { OpNode } from './OpNode';
import { useMountGate } from './useMountGate';
import { CanvasMiniMap } from './CanvasMiniMap';
import type { FitRange } from './fitView';
import { fitViewport } from './fitView';
import { EdgeLabelTarget } from './edgeLabelTarget';
import { subscribeView } from './viewChanges';
import { QuickAdd } from './QuickAdd';
import { CanvasOverlays, useContextMenuHandlers } from './CanvasOverlays';
import { DatasetNode } from '../data/DatasetNode';

const nodeTypes: NodeTypes = {
  op: OpNode,
  instance: InstanceNode,
  port: PortNode,
  dataset: DatasetNode,
};
const edgeTypes: EdgeTypes = { gradient: GradientEdge };
const GRID = 20;
const CALM_ABOVE_EDGES = 150;
/**
 * A node not in the DOM (useMountGate.ts) is handed to React Flow hidden: it still knows it (fit
 * view, selection, dragging a selection), but mounts nothing for it. One hidden twin per flow
 * node object, so React Flow sees the same object from one render to the next.
 */
const hiddenTwins = new WeakMap<OpFlowNode, OpFlowNode>();
const hiddenTwin = (node: OpFlowNode): OpFlowNode => {
  let twin = hiddenTwins.get(node);
  if (!twin) {
    twin = { ...node, hidden: true };
    hiddenTwins.set(node, twin);
  }
  return twin;
};
/**
 * Text sizes follow the zoom (styles.css) in three steps, not continuously: each change of the
 * zoom variable restyles and relays out every node in view, so it changes only when the view
 * crosses a step. Each step's value is its lowest zoom, so text is ≥ 11.5 px across the step.
 */
const ZOOM_STEPS = [0.85, 0.65, LOW_DETAIL_BELOW];
const zoomStep = (zoom: number): number => ZOOM_STEPS.find((step) => zoom >= step) ?? 1;
/** Below this zoom the op symbol gives its room to the (larger) name. */
const MID_DETAIL_BELOW = 0.85;
/**
 * Below this zoom compact edge labels (11 px at 100%) hide: under 5.5 px they are specks over the
 * nodes. A hovered, focused or selected edge keeps its own. (The seed fits at 57% on 1280 × 800
 * and keeps them.)
 */
const SMALL_LABELS_BELOW = 0.5;
/** A document with more nodes opens on its output J rather than fitted whole. */
const BIG_GRAPH = 1500;
const BIG_GRAPH_ZOOM = 0.75;
const MIN_ZOOM = 0.05;
/**
 * Fit view for a graph of up to this many nodes (every gallery example) stops at the zoom where
 * names and values are readable (≥ 11 px, drawn in the DOM): what does not fit is reached by
 * panning. Bigger graphs fit whole, drawn by the low-detail layer.
 */
const READABLE_FIT_UP_TO = 100;
const fitOptions = (nodeCount: number): FitRange => ({
  padding: 0.2,
  maxZoom: 1.25,
  minZoom: nodeCount <= READABLE_FIT_UP_TO ? LOW_DETAIL_BELOW : MIN_ZOOM,
});
const showWhole = (doc: EditorDocument): boolean =>
  doc.graph.nodes.length <= BIG_GRAPH || (doc.graph.output ?? null) === null;
/** React Flow's fit-view icon (its Controls draw the same), for our own Fit view button. */
const FitViewIcon = () => (
  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
    <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
  </svg>
);

/** A dropped node is placed so the pointer is near its header's centre, not its corner. */
const DROP_OFFSET = { x: 70, y: 20 };

let gestures = 0;

// Props React Flow copies into its store whenever their identity changes: a new array or object
// on every render would make it update its store — and re-run every edge's and node's selector —
// on every document edit. So they are built once.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
const DEFAULT_EDGE_OPTIONS = { type: 'gradient' } as const;
const ARIA_LABELS = {
  'node.a11yDescription.default': 'Press Enter or Space to select this node; arrow keys move it.',
};

/**
 * The React Flow canvas, controlled by the document store: every change React Flow reports
 * (drag, select, connect, reconnect) becomes a store edit, and the store's state is what it draws.
 */
export const Canvas = () => {
  const { session, actions, view } = useEditor();
  const state = useEditorState();
  const settings = useViewSettings();
  const flow = useReactFlow<OpFlowNode, GradientFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const dragGesture = useRef<string | null>(null);
  const reconnected = useRef(false);
  const extensions = useCanvasExtensions();
  const ExtensionControls = extensions.Controls;
  const composites = useComposites();
  const EmptyCanvas = extensions.EmptyCanvas;
  // Whether a person's pan or zoom is under way (React Flow's move start and end).
  const gesture = useRef(false);
  const applyTextStep = useRef<() => void>(() => undefined);
  // The zoom as a CSS variable (text sizes follow it, styles.css) and the detail level as a data
  // attribute, written without React. Changing either restyles and relays out every node in the
  // DOM (a frame's whole budget with a hundred nodes), so they change only when the zoom crosses
  // a step, and during a person's wheel or pinch only once it comes to rest (as a map sets its
  // labels after a zoom): meanwhile the text just scales with the view.
  const flowStore = useStoreApi();
  useEffect(() => {
    let shown = '';
    let shownOn: HTMLElement | null = null;
    const write = (): void => {
      const exact = flowStore.getState().transform[2];
      const zoom = exact >= ZOOM_STEPS[0]! ? 1 : zoomStep(exact);
      const small = exact < SMALL_LABELS_BELOW;
      const step = `${zoom} ${small}`;
      const element = wrapper.current;
      if (!element) return;
      // On React Flow's nodes container, not the canvas: a custom property restyles everything
      // under where it is set, and only nodes use it (half the cost with 70 nodes and their 115
      // edges in the DOM). Looked up again only if React Flow replaced it.
      const target = shownOn?.isConnected
        ? shownOn
        : (element.querySelector<HTMLElement>('.react-flow__nodes') ?? element);
      if (step === shown && target === shownOn) {
        if (element.dataset['textStep']) delete element.dataset['textStep'];
        return;
      }
      if (gesture.current && target === shownOn) {
        element.dataset['textStep'] = 'pending';
        return;
      }
      shown = step;
      shownOn = target;
      delete element.dataset['textStep'];
      target.style.setProperty('--zoom', String(zoom));
      if (exact < MID_DETAIL_BELOW) element.dataset['detail'] = 'mid';
      else delete element.dataset['detail'];
      if (small) element.dataset['labels'] = 'small';
      else delete element.dataset['labels'];
    };
    applyTextStep.current = write;
    write();
    return subscribeView(flowStore, write);
  }, [flowStore]);
  const cache = useMemo(() => {
    void state.session;
    return createFlowElementCache(session.registry);
  }, [state.session, session.registry]);
  const nodes = useMemo(() => cache.nodes(state), [cache, state]);
  const edges = useMemo(() => cache.edges(state), [cache, state]);
  // Only the nodes the mount gate let into the DOM are mounted, and only the edges between two
  // of them; the low-detail layer draws the rest of what is in view.
  const gate = useMountGate(nodes);
  const { mounted } = gate;
  const flowNodes = useMemo(
    () => nodes.map((node) => (mounted.has(node.id) ? node : hiddenTwin(node))),
    [nodes, mounted],
  );
  const previousEdges = useRef<GradientFlowEdge[]>([]);
  const flowEdges = useMemo(() => {
    const shown = edges.filter((edge) => mounted.has(edge.source) && mounted.has(edge.target));
    // The same edges as last time: the same array, so React Flow does no work.
    const previous = previousEdges.current;
    if (shown.length === previous.length && shown.every((edge, index) => edge === previous[index]))
      return previous;
    previousEdges.current = shown;
    return shown;
  }, [edges, mounted]);

  // The view that fits the document (fitView.ts): centred, or from its start if it is too big.
  const latestNodes = useRef(nodes);
  latestNodes.current = nodes;
  const fit = useCallback(
    (duration?: number): void => {
      const all = latestNodes.current;
      const { width, height } = flowStore.getState();
      const view = fitViewport(all, width, height, fitOptions(all.length));
      if (view) void flow.setViewport(view, duration ? { duration } : undefined);
    },
    [flow, flowStore],
  );

  const onReconnectStart = useCallback(() => {
    reconnected.current = false;
  }, []);
  const onReconnectEnd = useCallback(
    (_event: unknown, edge: GradientFlowEdge) => {
      // Dropping a dragged edge end on empty canvas removes the edge.
      if (!reconnected.current) actions.removeEdge(edgeId(edge.id));
      reconnected.current = false;
    },
    [actions],
  );
  const onNodeDragStart = useCallback(() => {
    dragGesture.current = `move:${++gestures}`;
  }, []);
  const onNodeDragStop = useCallback(() => {
    dragGesture.current = null;
    actions.endGesture();
  }, [actions]);
  const onEdgeMouseEnter = useCallback(
    (_event: unknown, edge: GradientFlowEdge) => view.update({ hoveredEdge: edge.id }),
    [view],
  );
  const onEdgeMouseLeave = useCallback(() => view.update({ hoveredEdge: null }), [view]);
  const contextMenus = useContextMenuHandlers(wrapper);
  // React Flow's edge label layer, found once (edgeLabelTarget.tsx).
  const [labelTarget, setLabelTarget] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    setLabelTarget(
      wrapper.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    );
  }, []);
  const onMoveEnd = useCallback(
    (_event: unknown, next: Viewport) => {
      gesture.current = false;
      applyTextStep.current();
      session.store.setViewport(next);
    },
    [session],
  );
  // Whether the view is the fit the app chose (on open, or by Fit view) and the person has not
  // panned or zoomed since: then, when the canvas changes size (the learning dock or the data
  // panel opens), the graph is fitted again instead of sliding under the panel.
  const fitted = useRef(false);
  const onMoveStart = useCallback((event: unknown) => {
    // React Flow passes the DOM event for a person's pan or zoom and null for the app's own moves.
    if (event) {
      fitted.current = false;
      gesture.current = true;
    }
  }, []);

  const snap = useCallback(
    (at: XY): XY =>
      settings.snapToGrid
        ? { x: Math.round(at.x / GRID) * GRID, y: Math.round(at.y / GRID) * GRID }
        : at,
    [settings.snapToGrid],
  );

  const openQuickAdd = useCallback(
    (screen?: { x: number; y: number }) => {
      const box = wrapper.current?.getBoundingClientRect();
      if (!box) return;
      const at = screen ??
        pointer.current ?? { x: box.left + box.width / 2, y: box.top + box.height / 3 };
      view.update({
        quickAdd: {
          screen: { x: at.x - box.left, y: at.y - box.top },
          flow: snap(flow.screenToFlowPosition(at)),
        },
      });
    },
    [flow, snap, view],
  );

  useEffect(() => {
    actions.attachCanvas({
      center: () => {
        const box = wrapper.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        const at = flow.screenToFlowPosition({
          x: box.left + box.width / 2,
          y: box.top + box.height / 2,
        });
        return snap({ x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y });
      },
      // On an empty canvas React Flow would queue the fit until the first node appears, and
      // then jump the view under the person's pointer: there is nothing to fit, so do nothing.
      fitView: () => {
        const count = session.store.getState().doc.graph.nodes.length;
        if (count === 0) return;
        fitted.current = true;
        fit(200);
      },
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      quickAdd: () => openQuickAdd(),
    });
    return () => actions.attachCanvas(null);
  }, [actions, flow, snap, openQuickAdd, session, fit]);

  // A newly opened document is shown whole (or where its file says the view was).
  const { viewport } = session.store.getState();
  useEffect(() => {
    fitted.current = false;
    const frame = requestAnimationFrame(() => {
      if (viewport) void flow.setViewport(viewport);
      // An empty document starts at 100%, not at whatever fits its first node.
      else if (session.store.getState().doc.graph.nodes.length === 0)
        void flow.setViewport({ x: 0, y: 0, zoom: 1 });
      else if (!showWhole(session.store.getState().doc)) {
        // Thousands of nodes at fit zoom are dots, and drawing them all is what makes a big
        // file slow to open: start at a readable zoom on the output J instead (Fit view, or
        // zooming out, shows the whole graph at a low level of detail).
        const { graph, positions } = session.store.getState().doc;
        const at = positions[graph.output!] ?? { x: 0, y: 0 };
        void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + FUNCTION_NODE_HEIGHT / 2, {
          zoom: BIG_GRAPH_ZOOM,
        });
      } else {
        fitted.current = true;
        fit();
      }
    });
    return () => cancelAnimationFrame(frame);
    // Only when a document is opened: later viewport changes come from the person.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.session]);

  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let frame = 0;
    let last = '';
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry!.contentRect.width)}x${Math.round(entry!.contentRect.height)}`;
      if (size === last) return;
      const first = last === '';
      last = size;
      if (first || !fitted.current) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const count = session.store.getState().doc.graph.nodes.length;
        if (fitted.current && count > 0) fit();
      });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fit, session]);

  const onNodesChange = useCallback(
    (changes: NodeChange<OpFlowNode>[]) => {
      // Sizes are fixed (flowElements), so React Flow's measurements carry no news.
      const moves = new Map<NodeId, XY>();
      let selection: { add: NodeId[]; remove: NodeId[] } | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position)
          moves.set(nodeId(change.id), change.position);
        else if (change.type === 'select') {
          selection ??= { add: [], remove: [] };
          (change.selected ? selection.add : selection.remove).push(nodeId(change.id));
        }
      }
      if (moves.size > 0) actions.moveNodes(moves, dragGesture.current ?? `move:${++gestures}`);
      if (selection) {
        const current = session.store.getState().selection;
        const next = new Set(current.nodes);
        for (const id of selection.remove) next.delete(id);
        for (const id of selection.add) next.add(id);
        actions.select({ nodes: next, edges: current.edges });
      }
    },
    [actions, session],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<GradientFlowEdge>[]) => {
      const current = session.store.getState().selection;
      let next: Set<EdgeId> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        next ??= new Set(current.edges);
        if (change.selected) next.add(edgeId(change.id));
        else next.delete(edgeId(change.id));
      }
      if (next) actions.select({ nodes: current.nodes, edges: next });
    },
    [actions, session],
  );

  const toRequest = (connection: Connection) => ({
    source: nodeId(connection.source),
    target: nodeId(connection.target),
    targetPort: connection.targetHandle ?? '',
    // Which output of a multi-output source (an instance's output, a dataset's column).
    ...(connection.sourceHandle && connection.sourceHandle !== 'out'
      ? { sourcePort: connection.sourceHandle }
      : {}),
  });

  const onConnect: OnConnect = useCallback(
    (connection) => actions.connect(toRequest(connection)),
    [actions],
  );
  const onReconnect: OnReconnect<GradientFlowEdge> = useCallback(
    (old, connection) => {
      reconnected.current = true;
      actions.reconnect(edgeId(old.id), toRequest(connection));
    },
    [actions],
  );

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    const composite = event.dataTransfer.getData(COMPOSITE_DRAG_TYPE);
    const definition = composite ? libraryDefinition(composite, state.doc) : null;
    if (definition) {
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      composites.addInstance(
        definition,
        snap({ x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y }),
      );
      return;
    }
    const op = event.dataTransfer.getData(OP_DRAG_TYPE);
    if (!op) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    actions.addOp(op, snap({ x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y }));
    wrapper.current?.querySelector<HTMLElement>('.react-flow__pane')?.focus();
  };

  /** The node drawn under a pointer event by the low-detail layer, in the overview. */
  const drawnNodeAt = (event: ReactMouseEvent): NodeId | null =>
    gate.overview
      ? nodeAt(nodes, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
      : null;

  const onDoubleClick = (event: ReactMouseEvent<HTMLDivElement>): void => {
    if (!(event.target as Element).classList.contains('react-flow__pane')) return;
    const drawn = drawnNodeAt(event);
    // Zoomed out, double-clicking a node zooms in on it, to where it can be edited.
    if (drawn) {
      const at = session.store.getState().doc.positions[drawn] ?? { x: 0, y: 0 };
      void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + FUNCTION_NODE_HEIGHT / 2, {
        zoom: 1,
        duration: 200,
      });
    } else openQuickAdd({ x: event.clientX, y: event.clientY });
  };

  const onPaneClick = (event: ReactMouseEvent): void => {
    const drawn = drawnNodeAt(event);
    if (drawn) actions.select({ nodes: new Set([drawn]), edges: new Set() });
  };

  const nodeCount = state.doc.graph.nodes.length;
  // Inside an opened instance J is the document's, never the inner graph's.
  const hasOutput = (state.doc.graph.output ?? null) !== null || state.doc.opened !== undefined;
  const seed = examples[0];
  return (
    <div
      // Hundreds of animated edges cost every frame; big graphs keep their dashes still.
      className={`canvas${edges.length > CALM_ABOVE_EDGES ? ' calm' : ''}`}
      ref={wrapper}
      // The skip link's target: focusable by script, not a Tab stop of its own.
      id="canvas-main"
      tabIndex={-1}
      onDragOver={(event) => {
        if (
          event.dataTransfer.types.includes(OP_DRAG_TYPE) ||
          event.dataTransfer.types.includes(COMPOSITE_DRAG_TYPE)
        ) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      onPointerMove={(event) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerLeave={() => {
        pointer.current = null;
      }}
    >
      <EdgeLabelTarget.Provider value={labelTarget}>
        <ReactFlow<OpFlowNode, GradientFlowEdge>
          nodes={flowNodes}
          edges={flowEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onReconnect={onReconnect}
          onReconnectStart={onReconnectStart}
          onReconnectEnd={onReconnectEnd}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          {...contextMenus}
          onPaneClick={onPaneClick}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          zoomOnDoubleClick={false}
          snapToGrid={settings.snapToGrid}
          snapGrid={SNAP_GRID}
          minZoom={MIN_ZOOM}
          maxZoom={3}
          connectionRadius={28}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          ariaLabelConfig={ARIA_LABELS}
          // Only what is in view is in the DOM (and of that, what the mount gate let in). React
          // Flow renders a node it has no handle bounds for once to measure it; every node here
          // comes with its size and handles, so nothing outside the view is ever mounted.
          onlyRenderVisibleElements
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
          <Controls showInteractive={false} showFitView={false} position="bottom-left">
            {/* Our fit (fitView.ts), like the fit-view command: it knows every node, mounted or
                not, and shows a too-big example from its start. */}
            <ControlButton
              className="react-flow__controls-fitview"
              title="Fit view"
              aria-label="Fit view"
              onClick={() => {
                fitted.current = true;
                fit(200);
              }}
            >
              <FitViewIcon />
            </ControlButton>
            {ExtensionControls && <ExtensionControls />}
          </Controls>
          {nodeCount > 0 && (
            <LowDetailLayer
              nodes={nodes}
              edges={edges}
              frames={gate.frames}
              overview={gate.overview}
            />
          )}
          {/* Nothing to map on an empty canvas. */}
          {settings.minimap && nodeCount > 0 && <CanvasMiniMap nodes={nodes} />}
          <Panel position="top-right">
            <CanvasExportButton />
          </Panel>
          <Panel position="bottom-left" className="legend-panel">
            <Legend hasOutput={hasOutput} />
          </Panel>
          {nodeCount > 0 && !hasOutput && (
            <Panel position="top-left">
              <p className="canvas-hint" role="status">
                No output chosen, so no gradients yet. Choose the output J from a node’s ⋯ menu or
                the inspector.
              </p>
            </Panel>
          )}
        </ReactFlow>
      </EdgeLabelTarget.Provider>
      {nodeCount === 0 && (
        <div className="empty-hint">
          <h2>Build a computational graph</h2>
          <p>
            Drag an op from the palette onto the canvas, or press <kbd>/</kbd> (or double-click)
            here to search. Connect an output handle (right) to an input handle (left).
          </p>
          {seed && (
            <button
              type="button"
              className="primary"
              onClick={() => void actions.openExample(seed.id)}
            >
              Open the example: {exampleTitle(seed.id)}
            </button>
          )}
          {EmptyCanvas && <EmptyCanvas />}
        </div>
      )}
      {settings.quickAdd && <QuickAdd request={settings.quickAdd} />}
      <CanvasOverlays canvas={wrapper} />
    </div>
  );
};
