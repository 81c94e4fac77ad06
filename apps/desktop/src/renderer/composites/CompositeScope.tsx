import './composites.css';
import type { CompositeDefinition, NodeId } from '@chainrule/graph-runtime';
import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { EditorServices } from '../EditorContext';
import { EditorContext, useEditor } from '../EditorContext';
import type { XY } from '../document/editorDocument';
import { addNode, takenIds } from '../document/editorDocument';
import { expandInstance } from './expand';
import { makeComposite } from './makeComposite';
import {
  definitionNameProblem,
  definitionNamed,
  definitionsOf,
  freshDefinitionName,
  freshInstanceId,
} from './model';
import type { InstancePath } from './scope';
import { resolvePath } from './scope';
import { createScopedServices } from './scopeSession';

/** What the canvas, the library and the composite bar do with composites. */
export interface CompositeCommands {
  /** The opened instances, outermost first (`[]`: the document's own graph). */
  readonly path: InstancePath;
  /** Opens an instance of the graph on the canvas. */
  open(id: NodeId): void;
  /** Goes back up to `depth` opened instances (0: the document's graph). */
  goTo(depth: number): void;
  /** Makes the selection a composite called `name` (a fresh name when omitted). */
  makeComposite(name?: string): boolean;
  /** Inlines an instance back into plain nodes (the selected one when omitted). */
  expand(id?: NodeId): boolean;
  /**
   * Adds an instance of `definition` at `at`, adding the definition to the document first when
   * it has none of that name (a built-in or one written as an expression).
   */
  addInstance(definition: CompositeDefinition, at: XY): NodeId | null;
  /** A name for a new composite that names neither an op nor a definition. */
  suggestName(stem: string): string;
}

const CompositeContext = createContext<CompositeCommands | null>(null);

/** The composite commands of the canvas being shown; throws outside a {@link CompositeScope}. */
export const useComposites = (): CompositeCommands => {
  const commands = useContext(CompositeContext);
  if (!commands) throw new Error('useComposites must be used inside <CompositeScope>');
  return commands;
};

const createCommands = (
  root: EditorServices,
  services: EditorServices,
  path: InstancePath,
): CompositeCommands => {
  const { session, view } = services;
  const { store } = session;
  const refuse = (message: string): false => {
    view.notify({ tone: 'refusal', message });
    return false;
  };
  return {
    path,
    open: (id) => root.session.scope.set([...path, id]),
    goTo: (depth) => root.session.scope.set(path.slice(0, depth)),
    makeComposite(name) {
      const { doc, selection } = store.getState();
      const result = makeComposite(doc, session.engineRegistry, selection.nodes, {
        ...(name !== undefined ? { name } : {}),
      });
      if (!result.ok) return refuse(result.message);
      view.dismiss();
      store.edit(`Make composite ${result.definition}`, () => result.doc, {
        select: { nodes: new Set([result.instance]), edges: new Set() },
      });
      return true;
    },
    expand(id) {
      const { doc, selection } = store.getState();
      const target =
        id ?? [...selection.nodes].find((n) => definitionNamed(definitionsOf(doc), findOp(doc, n)));
      if (!target) return refuse('Select a composite instance to expand.');
      const result = expandInstance(doc, target);
      if (!result.ok) return refuse(result.message);
      view.dismiss();
      store.edit(`Expand ${target}`, () => result.doc, {
        select: { nodes: new Set(result.nodeIds), edges: new Set() },
      });
      return true;
    },
    addInstance(definition, at) {
      const doc = store.getState().doc;
      const own = definitionNamed(definitionsOf(doc), definition.name);
      let chosen = own ?? definition;
      // A built-in whose name an op (or another definition) already has gets a fresh one.
      if (!own && definitionNameProblem(doc, session.engineRegistry, definition.name) !== null)
        chosen = {
          ...definition,
          name: freshDefinitionName(doc, session.engineRegistry, definition.name),
        };
      const id = freshInstanceId(takenIds(doc).nodes, chosen.name);
      store.edit(
        `Add ${chosen.label ?? chosen.name}`,
        (current) => {
          const withDefinition =
            own || definitionNamed(definitionsOf(current), chosen.name)
              ? current
              : { ...current, definitions: [...definitionsOf(current), chosen] };
          return addNode(withDefinition, { id, op: chosen.name }, at);
        },
        { select: { nodes: new Set([id]), edges: new Set() } },
      );
      return id;
    },
    suggestName: (stem) => freshDefinitionName(store.getState().doc, session.engineRegistry, stem),
  };
};

const findOp = (doc: { graph: { nodes: readonly { id: string; op: string }[] } }, id: string) =>
  doc.graph.nodes.find((node) => node.id === id)?.op ?? '';

/**
 * Shows the canvas at the opened instance (the session's scope): inside, every editor service
 * (session, store, actions) is the opened view's, so the canvas, palette, inspector and
 * keyboard edit the definition's inner graph, while New, Open and Save stay the document's.
 * Goes back up by itself when the opened instance disappears (an undo, a delete).
 */
export const CompositeScope = ({ children }: { children: ReactNode }) => {
  const root = useEditor();
  const { scope, store } = root.session;
  const path = useSyncExternalStore(scope.subscribe, scope.get);
  const valid = useSyncExternalStore(store.subscribe, () => {
    const steps = resolvePath(store.getState().doc, path);
    return steps === null ? -1 : path.length;
  });
  useEffect(() => {
    if (valid >= 0) return;
    // The longest prefix that still leads somewhere.
    let depth = path.length - 1;
    while (depth > 0 && resolvePath(store.getState().doc, path.slice(0, depth)) === null) depth--;
    scope.set(path.slice(0, depth));
  }, [valid, path, scope, store]);
  const services = useMemo(
    () => (path.length === 0 ? root : createScopedServices(root, path)),
    [root, path],
  );
  const commands = useMemo(() => createCommands(root, services, path), [root, services, path]);
  return (
    <EditorContext.Provider value={services} key={path.join('/')}>
      <CompositeContext.Provider value={commands}>{children}</CompositeContext.Provider>
    </EditorContext.Provider>
  );
};
