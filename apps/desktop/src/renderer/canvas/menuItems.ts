import type { EdgeId, NodeId } from '@chainrule/graph-runtime';
import type { EditorActions } from '../actions/editorActions';
import type { EditorDocument } from '../document/editorDocument';
import { displayName, findNode, removeElements } from '../document/editorDocument';
import type { EditorSession } from '../session/editorSession';
import type { MenuTarget } from './canvasUi';
import { constSliderShown, setConstSlider } from './sliders';

/** One entry of a context menu (or of a node's ⋯ menu). */
export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
}

/** What the menu items may use. */
export interface MenuServices {
  readonly session: EditorSession;
  readonly actions: EditorActions;
  /** Opens quick add at a screen point. */
  readonly addHere: () => void;
  readonly openFind: () => void;
}

const selectOnly = (actions: EditorActions, id: NodeId): void =>
  actions.select({ nodes: new Set([id]), edges: new Set() });

/** Focuses the inspector's name field of the selected node, once it is drawn. */
const focusRename = (): void => {
  requestAnimationFrame(() =>
    document.querySelector<HTMLInputElement>('[data-rename-field]')?.focus(),
  );
};

const nodeItems = (doc: EditorDocument, id: NodeId, services: MenuServices): MenuItem[] => {
  const { actions, session } = services;
  const node = findNode(doc, id);
  if (!node) return [];
  const isOutput = (doc.graph.output ?? null) === id;
  const incoming = doc.graph.edges.filter((edge) => edge.target === id).map((edge) => edge.id);
  const outgoing = doc.graph.edges.filter((edge) => edge.source === id).map((edge) => edge.id);
  const items: MenuItem[] = [
    {
      label: isOutput ? 'Clear output J' : 'Set as output J',
      run: () => actions.setOutput(isOutput ? null : id),
    },
    {
      label: 'Rename…',
      run: () => {
        selectOnly(actions, id);
        focusRename();
      },
    },
    {
      label: 'Duplicate',
      run: () => {
        selectOnly(actions, id);
        actions.duplicateSelection();
      },
    },
  ];
  if (incoming.length + outgoing.length > 0) {
    items.push({
      label: 'Disconnect',
      run: () =>
        session.store.edit(`Disconnect ${displayName(node)}`, (current) =>
          removeElements(current, [], [...incoming, ...outgoing]),
        ),
    });
  }
  if (node.op === 'const') {
    const shown = constSliderShown(id);
    items.push({
      label: shown ? 'Hide slider' : 'Show slider',
      run: () => setConstSlider(id, !shown),
    });
  }
  items.push({
    label: 'Delete',
    danger: true,
    run: () => {
      selectOnly(actions, id);
      actions.deleteSelection();
    },
  });
  return items;
};

const edgeItems = (doc: EditorDocument, id: EdgeId, services: MenuServices): MenuItem[] => {
  const { actions } = services;
  const edge = doc.graph.edges.find((candidate) => candidate.id === id);
  if (!edge) return [];
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  return [
    {
      label: `Select source${source ? ` (${displayName(source)})` : ''}`,
      run: () => selectOnly(actions, edge.source),
    },
    {
      label: `Select target${target ? ` (${displayName(target)})` : ''}`,
      run: () => selectOnly(actions, edge.target),
    },
    { label: 'Disconnect', danger: true, run: () => actions.removeEdge(id) },
  ];
};

const canvasItems = (doc: EditorDocument, services: MenuServices): MenuItem[] => {
  const { actions } = services;
  const items: MenuItem[] = [
    { label: 'Add node here…', run: services.addHere },
    { label: 'Paste', run: actions.paste },
  ];
  if (doc.graph.nodes.length > 0) {
    items.push(
      { label: 'Find a node…', run: services.openFind },
      { label: 'Select all', run: actions.selectAll },
      { label: 'Fit view', run: () => actions.runCommand('fit-view') },
    );
  }
  return items;
};

/**
 * The actions offered on a node, an edge or the empty canvas: the same actions the keyboard,
 * the top bar and the inspector run, nothing of their own.
 */
export const menuItems = (
  doc: EditorDocument,
  target: MenuTarget,
  services: MenuServices,
): MenuItem[] => {
  if (target.kind === 'node') return nodeItems(doc, target.id, services);
  if (target.kind === 'edge') return edgeItems(doc, target.id, services);
  return canvasItems(doc, services);
};
