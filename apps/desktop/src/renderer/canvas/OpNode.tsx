import type { NodeId } from '@chainrule/graph-runtime';
import { nodeId, sourceValueOf } from '@chainrule/graph-runtime';
import type { NodeProps } from '@xyflow/react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorSelector, useRenderCount } from '../EditorContext';
import { displayName, nodesById, symbolName } from '../document/editorDocument';
import { derivative } from '../inspector/chainRule';
import { nodeClassHook, useCanvasExtensions } from './extensions';
import type { OpFlowNode } from './flowElements';
import { setPrefixedClass, useLiveDom, writeGradient, writeValue } from './liveDom';
import { ValueEditor } from './ValueEditor';
import { MenuList } from './ContextMenu';
import { menuItems } from './menuItems';
import { useConstSlider } from './sliders';
import { NodeBatch } from '../data/NodeBatch';

/** A source's value field, reading its value from the store so the node itself does not re-render. */
const SourceValue = ({ id, name, constant }: { id: NodeId; name: string; constant: boolean }) => {
  const value = useEditorSelector(
    (state) => sourceValueOf(nodesById(state.doc.graph.nodes).get(id)?.params) ?? 0,
  );
  // A constant is not a knob: no ±range slider unless its menu asked for one.
  const asked = useConstSlider(id);
  return <ValueEditor id={id} name={name} value={value} slider={!constant || asked} />;
};

const NodeMenu = ({ id, name }: { id: OpFlowNode['id']; name: string }) => {
  const { session, actions } = useEditor();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = open
    ? menuItems(
        session.store.getState().doc,
        { kind: 'node', id: nodeId(id) },
        {
          session,
          actions,
          addHere: actions.quickAdd,
          openFind: () => undefined,
        },
      )
    : [];
  return (
    <div
      className="node-menu nodrag"
      // Clicking or tabbing anywhere else closes the menu.
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={`Menu of ${name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        ⋯
      </button>
      {open && (
        <MenuList
          items={items}
          label={`Menu of ${name}`}
          onClose={(restoreFocus) => {
            setOpen(false);
            if (restoreFocus) button.current?.focus();
          }}
        />
      )}
    </div>
  );
};

/**
 * One node on the canvas: its op (symbol and name), its value and its gradient dJ/d(node), or the
 * error/blocked message in place of the value. Its numbers come from the session's streams for
 * its id (which follow whatever runtime node holds the id) and are written straight into the DOM:
 * the component re-renders only when its structure (name, ports, selection, output) changes.
 */
export const OpNode = memo(function OpNode({ id, data, selected }: NodeProps<OpFlowNode>) {
  const { session } = useEditor();
  const extensions = useCanvasExtensions();
  const useNodeClass = nodeClassHook(extensions);
  const Decoration = extensions.NodeDecoration;
  const { node, isOutput, inputNames } = data;
  const op = session.registry.get(node.op);
  useRenderCount('node', id);
  const extraClass = useNodeClass(node.id);
  const name = displayName(node);
  const inputs = op?.inputs ?? [];
  const source = op?.kind === 'source';
  const gradLabel = derivative('J', symbolName(node));

  const root = useRef<HTMLDivElement>(null);
  const valueLine = useRef<HTMLDivElement>(null);
  const gradLine = useRef<HTMLDivElement>(null);
  const state = useRef<string>('ok');
  const value$ = useMemo(() => session.nodeValue$(node.id), [session, node.id]);
  const grad$ = useMemo(() => session.nodeGrad$(node.id), [session, node.id]);
  useLiveDom(value$, (value) => {
    state.current = value.kind;
    if (root.current) setPrefixedClass(root.current, 'state-', value.kind);
    if (valueLine.current) writeValue(valueLine.current, value, !source);
  });
  useLiveDom(grad$, (gradient) => {
    if (gradLine.current) writeGradient(gradLine.current, gradient, gradLabel);
  });

  // A node replaced under the same id (an op change, a rebuild, an undo) may have other ports:
  // React Flow measures handles only when a node resizes, so tell it, or edges into the new
  // ports are not drawn.
  const updateNodeInternals = useUpdateNodeInternals();
  const ports = inputs.join(' ');
  const measuredPorts = useRef(ports);
  useEffect(() => {
    if (measuredPorts.current === ports) return; // React Flow measured these on mount
    measuredPorts.current = ports;
    updateNodeInternals(id);
  }, [id, ports, updateNodeInternals]);

  return (
    <div
      ref={root}
      className={`op-node state-${state.current}${source ? ' is-source' : ''}${isOutput ? ' is-output' : ''}${selected ? ' is-selected' : ''}${extraClass}`}
      data-testid={`node-${node.id}`}
      data-node-name={name}
    >
      <header className="node-header" title={`${name}: ${op?.label ?? node.op} (${node.id})`}>
        <span className="node-symbol" aria-hidden="true">
          {op?.symbol ?? '?'}
        </span>
        <span className="node-name">{name}</span>
        {isOutput && (
          // A node already called J needs no second J beside its name.
          <span className="output-badge" title="The output J: gradients are dJ/d(node)">
            {symbolName(node) === 'J' ? 'out' : 'J'}
          </span>
        )}
        <NodeMenu id={id} name={name} />
      </header>
      <div className="node-body">
        {source && <SourceValue id={node.id} name={name} constant={node.op === 'const'} />}
        <div
          ref={valueLine}
          className={source ? 'node-value-line source-problem' : 'node-value-line'}
          data-testid={source ? undefined : `value-${node.id}`}
        />
        <div data-testid={`grad-${node.id}`}>
          <div ref={gradLine} className="node-grad" hidden />
        </div>
        <NodeBatch id={node.id} />
      </div>
      {inputs.map((port, index) => (
        <Handle
          key={port}
          id={port}
          type="target"
          position={Position.Left}
          className="port-handle"
          style={{ top: `${((index + 1) / (inputs.length + 1)) * 100}%` }}
          title={inputNames[port] ? `${port} ← ${inputNames[port]}` : `${port}: not connected`}
        >
          <span className="port-label">{port}</span>
        </Handle>
      ))}
      <Handle
        id="out"
        type="source"
        position={Position.Right}
        className="port-handle out"
        title={`Output of ${name}: drag to an input`}
      />
      {Decoration && <Decoration id={node.id} />}
    </div>
  );
});
