import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { RefObject } from 'react';
import { useCallback, useEffect, useMemo } from 'react';
import { useEditor } from '../EditorContext';
import type { XY } from '../document/editorDocument';
import { positionOf } from '../document/editorDocument';
import { Announcer } from './Announcer';
import type { MenuTarget } from './canvasUi';
import { updateCanvasUi, useCanvasUi } from './canvasUi';
import { ContextMenu } from './ContextMenu';
import { FindBar } from './FindBar';
import type { MenuServices } from './menuItems';

/** One arrow press moves the selection one grid step; with Shift, four (as React Flow does). */
const ARROW_STEP = 20;
const ARROWS: Readonly<Record<string, XY>> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

/**
 * Opens the context menu of `target` at a screen point, given the canvas element (the menu is
 * drawn relative to it). Used by the right-click handlers and by Shift+F10 / the ContextMenu key.
 */
export const openContextMenu = (
  target: MenuTarget,
  screen: { x: number; y: number },
  canvas: HTMLElement | null,
): void => {
  const box = canvas?.getBoundingClientRect();
  if (!box) return;
  updateCanvasUi({
    menu: {
      target,
      screen,
      at: {
        x: Math.min(screen.x - box.left, box.width - 200),
        y: Math.min(screen.y - box.top, box.height - 200),
      },
      returnFocus: document.activeElement instanceof HTMLElement ? document.activeElement : null,
    },
  });
};

/** What the focused element is on the canvas: a node, an edge, or the canvas itself. */
const focusedTarget = (canvas: HTMLElement): { target: MenuTarget; element: Element } | null => {
  const active = document.activeElement;
  if (!active || !canvas.contains(active)) return null;
  const nodeElement = active.closest('.react-flow__node');
  const nodeKey = nodeElement?.getAttribute('data-id');
  if (nodeElement && nodeKey)
    return { target: { kind: 'node', id: nodeId(nodeKey) }, element: nodeElement };
  const edgeElement = active.closest('.react-flow__edge');
  const edgeKey =
    edgeElement?.getAttribute('data-id') ??
    edgeElement?.getAttribute('data-testid')?.replace(/^rf__edge-/, '');
  if (edgeElement && edgeKey)
    return { target: { kind: 'edge', id: edgeId(edgeKey) }, element: edgeElement };
  return { target: { kind: 'canvas' }, element: canvas };
};

/** Keys for which another widget (a field, a menu, a list, a node React Flow moves) owns arrows. */
const ownsArrows = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  target.closest(
    'input, textarea, select, [contenteditable="true"], [role="menu"], [role="listbox"], [role="tablist"], [role="slider"], dialog, .react-flow__node',
  ) !== null;

/**
 * The canvas's keyboard and overlays: Ctrl+F finds a node, Shift+F10 or the ContextMenu key opens
 * the context menu of the focused node, edge or canvas, the arrow keys move the selected nodes
 * when the focus is on the canvas (React Flow moves them itself when a node has the focus), and a
 * polite live region says what each edit changed.
 */
export const CanvasOverlays = ({ canvas }: { canvas: RefObject<HTMLDivElement | null> }) => {
  const { session, actions } = useEditor();
  const { menu, find } = useCanvasUi();
  const closeMenu = useCallback(() => updateCanvasUi({ menu: null }), []);
  const closeFind = useCallback(() => updateCanvasUi({ find: false }), []);
  const services: MenuServices = useMemo(
    () => ({
      session,
      actions,
      addHere: () => actions.quickAdd(),
      openFind: () => updateCanvasUi({ find: true }),
    }),
    [session, actions],
  );

  useEffect(() => {
    let moves = 0;
    const onKeyDown = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        updateCanvasUi({ find: true, menu: null });
        return;
      }
      const element = canvas.current;
      if (!element || event.defaultPrevented) return;
      if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
        const focused = focusedTarget(element);
        if (!focused) return;
        event.preventDefault();
        const box = focused.element.getBoundingClientRect();
        const at =
          focused.target.kind === 'canvas'
            ? { x: box.left + box.width / 2, y: box.top + box.height / 3 }
            : { x: box.left + Math.min(box.width, 40), y: box.top + Math.min(box.height, 30) };
        openContextMenu(focused.target, at, element);
        return;
      }
      const direction = ARROWS[event.key];
      if (!direction || mod || event.altKey || ownsArrows(event.target)) return;
      const onCanvas = event.target === document.body || element.contains(event.target as Node);
      const { doc, selection } = session.store.getState();
      if (!onCanvas || selection.nodes.size === 0) return;
      event.preventDefault();
      const step = ARROW_STEP * (event.shiftKey ? 4 : 1);
      const next = new Map<NodeId, XY>();
      for (const id of selection.nodes) {
        const at = positionOf(doc.positions, id);
        if (at) next.set(id, { x: at.x + direction.x * step, y: at.y + direction.y * step });
      }
      // A run of presses is one undo step; any other edit in between starts a new one.
      actions.moveNodes(next, `keys:${event.repeat ? moves : ++moves}`);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canvas, session, actions]);

  return (
    <>
      {menu && <ContextMenu request={menu} services={services} onClose={closeMenu} />}
      {find && <FindBar onClose={closeFind} />}
      <Announcer />
    </>
  );
};

/** The React Flow handlers that open the context menu on a right click. */
export const useContextMenuHandlers = (canvas: RefObject<HTMLDivElement | null>) =>
  useMemo(() => {
    const open =
      (target: (id: string) => MenuTarget) =>
      (event: React.MouseEvent, element: { id: string }): void => {
        event.preventDefault();
        openContextMenu(target(element.id), { x: event.clientX, y: event.clientY }, canvas.current);
      };
    return {
      onNodeContextMenu: open((id) => ({ kind: 'node', id: nodeId(id) as NodeId })),
      onEdgeContextMenu: open((id) => ({ kind: 'edge', id: edgeId(id) as EdgeId })),
      onPaneContextMenu: (event: React.MouseEvent | MouseEvent): void => {
        event.preventDefault();
        openContextMenu({ kind: 'canvas' }, { x: event.clientX, y: event.clientY }, canvas.current);
      },
    };
  }, [canvas]);
