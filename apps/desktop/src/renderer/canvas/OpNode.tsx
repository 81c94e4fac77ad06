import type { NodeGradient, NodeValue } from '@chainrule/graph-runtime';
import { sourceValueOf } from '@chainrule/graph-runtime';
import type { NodeProps } from '@xyflow/react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import {
  useEditor,
  useEditorSelector,
  useNodeGradient,
  useNodeValue,
  useRenderCount,
} from '../EditorContext';
import { displayName, nodesById, symbolName } from '../document/editorDocument';
import { derivative } from '../inspector/chainRule';
import type { OpFlowNode } from './flowElements';
import { NumberView } from './NumberView';
import { StateIcon } from './StateIcon';
import { ValueEditor } from './ValueEditor';
import { LearnNodeOverlay, useLearnNodeClass } from '../learn/CanvasMarks';

const ValueLine = ({ value }: { value: NodeValue }) => {
  if (value.kind === 'ok') return <NumberView className="node-value" value={value.value} />;
  if (value.kind === 'error') {
    return (
      <span className="node-problem error" role="status">
        <StateIcon kind="error" /> {value.message}
      </span>
    );
  }
  return (
    <span className="node-problem blocked" role="status">
      <StateIcon kind="blocked" /> {value.message}
    </span>
  );
};

const GradientLine = ({ gradient, name }: { gradient: NodeGradient; name: string }) => {
  if (gradient.kind === 'none') return null;
  const label = derivative('J', name);
  return (
    <div className="node-grad" data-kind={gradient.kind}>
      <span className="grad-label">{label} =</span>{' '}
      {gradient.kind === 'ok' ? (
        <NumberView value={gradient.value} />
      ) : (
        <span title={gradient.message}>—</span>
      )}
    </div>
  );
};

const NodeMenu = ({
  id,
  isOutput,
  name,
}: {
  id: OpFlowNode['id'];
  isOutput: boolean;
  name: string;
}) => {
  const { actions } = useEditor();
  const [open, setOpen] = useState(false);
  const nid = id as Parameters<typeof actions.setOutput>[0] & string;
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  // Selection actions apply to this node alone, whatever else was selected.
  const runOnThisNode = (action: () => void) =>
    run(() => {
      actions.select({ nodes: new Set([nid]), edges: new Set() });
      action();
    });
  return (
    <div
      className="node-menu nodrag"
      // Clicking or tabbing anywhere else closes the menu.
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
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
        <div
          className="menu"
          role="menu"
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        >
          <button
            type="button"
            role="menuitem"
            autoFocus
            onClick={run(() => actions.setOutput(isOutput ? null : nid))}
          >
            {isOutput ? 'Clear output J' : 'Set as output J'}
          </button>
          <button type="button" role="menuitem" onClick={runOnThisNode(actions.duplicateSelection)}>
            Duplicate
          </button>
          <button type="button" role="menuitem" onClick={runOnThisNode(actions.deleteSelection)}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
};

/**
 * One node on the canvas: its op (symbol and name), its value and its gradient dJ/d(node), or the
 * error/blocked message in place of the value. It subscribes to its own runtime streams only, so
 * it re-renders when its own numbers change and not when others' do.
 */
export const OpNode = memo(function OpNode({ id, data, selected }: NodeProps<OpFlowNode>) {
  const { session } = useEditor();
  const { isOutput, inputNames } = data;
  // The flow node is not rebuilt for value edits (see flowElements), so the current params come
  // from the store: this node alone re-renders when its own value is edited.
  const node = useEditorSelector((state) => nodesById(state.doc.graph.nodes).get(id)) ?? data.node;
  const op = session.registry.get(node.op);
  const value = useNodeValue(node.id);
  const gradient = useNodeGradient(node.id);
  useRenderCount('node', id);
  const learnClass = useLearnNodeClass(node.id);
  const name = displayName(node);
  const inputs = op?.inputs ?? [];
  const source = op?.kind === 'source';
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
      className={`op-node state-${value.kind}${isOutput ? ' is-output' : ''}${selected ? ' is-selected' : ''}${learnClass}`}
      data-testid={`node-${node.id}`}
      data-node-name={name}
    >
      <header className="node-header">
        <span className="node-symbol" aria-hidden="true">
          {op?.symbol ?? '?'}
        </span>
        <span className="node-name" title={node.id}>
          {name}
        </span>
        <span className="node-op">{op?.label ?? node.op}</span>
        {isOutput && (
          <span className="output-badge" title="The output J: gradients are dJ/d(node)">
            J
          </span>
        )}
        <NodeMenu id={id} isOutput={isOutput} name={name} />
      </header>
      <div className="node-body">
        {source ? (
          <ValueEditor id={node.id} name={name} value={sourceValueOf(node.params) ?? 0} />
        ) : (
          <div className="node-value-line" data-testid={`value-${node.id}`}>
            <ValueLine value={value} />
          </div>
        )}
        {source && value.kind !== 'ok' && <ValueLine value={value} />}
        <div data-testid={`grad-${node.id}`}>
          <GradientLine gradient={gradient} name={symbolName(node)} />
        </div>
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
          aria-label={`Input ${port} of ${name}`}
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
        aria-label={`Output of ${name}`}
      />
      <LearnNodeOverlay id={node.id} />
    </div>
  );
});
