import type { CompositeDefinition, NodeId } from '@chainrule/graph-runtime';
import type { NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import { memo, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorSelector, useRenderCount } from '../EditorContext';
import { useComposites } from '../composites/CompositeScope';
import {
  INSTANCE_HEADER,
  INSTANCE_ROW,
  instanceRows,
  outputHandleId,
} from '../composites/instanceShape';
import type { InstanceRow } from '../composites/instanceShape';
import { definitionNamed, parameterValue } from '../composites/model';
import { displayName, nodesById, symbolName } from '../document/editorDocument';
import { formatFull, formatNumber } from '../format/formatNumber';
import { derivative } from '../inspector/chainRule';
import { nodeClassHook, useCanvasExtensions } from './extensions';
import type { OpFlowNode } from './flowElements';
import { setPrefixedClass, useLiveDom, writeGradient, writeValue } from './liveDom';

/** One port of an instance: its name, the value there and dJ/d(port), written live. */
const PortRow = ({
  instance,
  row,
  index,
  definition,
}: {
  instance: NodeId;
  row: InstanceRow;
  index: number;
  definition: CompositeDefinition;
}) => {
  const { session } = useEditor();
  const value = useRef<HTMLSpanElement>(null);
  const grad = useRef<HTMLSpanElement>(null);
  const param = useEditorSelector((state) => {
    if (row.side !== 'parameter') return null;
    const node = nodesById(state.doc.graph.nodes).get(instance);
    return node ? parameterValue(definition, node, row.port) : null;
  });
  const side = row.side === 'output' ? 'output' : 'input';
  const value$ = useMemo(
    () =>
      row.side === 'parameter'
        ? session.nodeValue$(`${instance}/${row.port}` as NodeId)
        : session.portValue$(instance, side, row.port),
    [session, instance, row, side],
  );
  const grad$ = useMemo(
    () =>
      row.side === 'parameter'
        ? session.nodeGrad$(`${instance}/${row.port}` as NodeId)
        : session.portGrad$(instance, side, row.port),
    [session, instance, row, side],
  );
  useLiveDom(value$, (next) => {
    if (value.current) writeValue(value.current, next, true);
  });
  useLiveDom(grad$, (next) => {
    if (grad.current) writeGradient(grad.current, next, derivative('J', row.port));
  });
  const testId = `${instance}-${row.port}`;
  return (
    <div
      className={`instance-port instance-${row.side}`}
      style={{ top: INSTANCE_HEADER + index * INSTANCE_ROW, height: INSTANCE_ROW }}
      title={
        row.side === 'parameter'
          ? `Parameter ${row.port} of ${instance} = ${param === null ? '' : formatFull(param)}: its own, trainable`
          : `${row.side === 'input' ? 'Input' : 'Output'} ${row.port} of ${instance}`
      }
    >
      <span className="instance-port-name">{row.port}</span>
      <span className="instance-port-value" ref={value} data-testid={`port-value-${testId}`} />
      <span className="instance-port-grad" data-testid={`port-grad-${testId}`}>
        <span ref={grad} className="node-grad" hidden />
      </span>
      {row.side === 'parameter' && param !== null && (
        <span className="sr-only">{formatNumber(param)}</span>
      )}
    </div>
  );
};

/**
 * A composite instance on the canvas: its name and definition, then one row per input,
 * output and parameter, each with the value there and its gradient, read live from the flat
 * nodes the instance became. Inputs have handles on the left, outputs on the right.
 * Double-click opens it.
 */
export const InstanceNode = memo(function InstanceNode({
  id,
  data,
  selected,
}: NodeProps<OpFlowNode>) {
  const { actions } = useEditor();
  const composites = useComposites();
  const extensions = useCanvasExtensions();
  const useNodeClass = nodeClassHook(extensions);
  const Decoration = extensions.NodeDecoration;
  const { node, isOutput } = data;
  const definition = useEditorSelector((state) =>
    definitionNamed(state.doc.definitions ?? [], node.op),
  );
  useRenderCount('node', id);
  const extraClass = useNodeClass(node.id);
  const [menu, setMenu] = useState(false);
  // The same row objects while the definition is the same: each row's live streams are keyed
  // on it, so a value edit (a training frame) re-renders the rows without resubscribing them.
  const rows = useMemo(() => (definition ? instanceRows(definition) : []), [definition]);
  if (!definition) return null;
  const name = displayName(node);
  const run = (action: () => void) => () => {
    setMenu(false);
    action();
  };
  return (
    <div
      className={`op-node instance-node${isOutput ? ' is-output' : ''}${selected ? ' is-selected' : ''}${extraClass}`}
      data-testid={`node-${node.id}`}
      data-node-name={name}
      onDoubleClick={(event) => {
        event.stopPropagation();
        composites.open(node.id);
      }}
    >
      <header
        className="node-header"
        title={`${name}: an instance of ${definition.label ?? definition.name}. Double-click to open it.`}
      >
        <span className="node-symbol" aria-hidden="true">
          ⊞
        </span>
        <span className="node-name">{symbolName(node)}</span>
        <span className="instance-op">{definition.name}</span>
        {isOutput && <span className="output-badge">J</span>}
        <div
          className="node-menu nodrag"
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setMenu(false);
          }}
        >
          <button
            type="button"
            className="icon-button"
            aria-label={`Menu of ${name}`}
            aria-haspopup="menu"
            aria-expanded={menu}
            onClick={() => setMenu((was) => !was)}
          >
            ⋯
          </button>
          {menu && (
            <div className="menu" role="menu">
              <button
                type="button"
                role="menuitem"
                autoFocus
                onClick={run(() => composites.open(node.id))}
              >
                Open
              </button>
              <button type="button" role="menuitem" onClick={run(() => composites.expand(node.id))}>
                Expand
              </button>
              <button
                type="button"
                role="menuitem"
                onClick={run(() => actions.setOutput(isOutput ? null : node.id))}
              >
                {isOutput ? 'Clear output J' : 'Set as output J'}
              </button>
              <button
                type="button"
                role="menuitem"
                onClick={run(() => {
                  actions.select({ nodes: new Set([node.id]), edges: new Set() });
                  actions.deleteSelection();
                })}
              >
                Delete
              </button>
            </div>
          )}
        </div>
      </header>
      {rows.map((row, index) => (
        <PortRow
          key={`${row.side}:${row.port}`}
          instance={node.id}
          row={row}
          index={index}
          definition={definition}
        />
      ))}
      {rows.map((row, index) =>
        row.side === 'parameter' ? null : (
          <Handle
            key={`handle:${row.side}:${row.port}`}
            id={row.side === 'input' ? row.port : outputHandleId(definition, row.port)}
            type={row.side === 'input' ? 'target' : 'source'}
            position={row.side === 'input' ? Position.Left : Position.Right}
            className={`port-handle${row.side === 'output' ? ' out' : ''}`}
            style={{ top: INSTANCE_HEADER + index * INSTANCE_ROW + INSTANCE_ROW / 2 }}
            aria-label={`${row.side === 'input' ? 'Input' : 'Output'} ${row.port} of ${name}`}
          />
        ),
      )}
      {Decoration && <Decoration id={node.id} />}
    </div>
  );
});

/**
 * An input port of the opened definition: what flows into THIS instance's port, read only
 * (the value is the outside's), and dJ/d(port) through this instance.
 */
export const PortNode = memo(function PortNode({ id, data, selected }: NodeProps<OpFlowNode>) {
  const { session } = useEditor();
  const { node } = data;
  useRenderCount('node', id);
  const root = useRef<HTMLDivElement>(null);
  const valueLine = useRef<HTMLDivElement>(null);
  const gradLine = useRef<HTMLDivElement>(null);
  const value$ = useMemo(() => session.nodeValue$(node.id), [session, node.id]);
  const grad$ = useMemo(() => session.nodeGrad$(node.id), [session, node.id]);
  useLiveDom(value$, (value) => {
    if (root.current) setPrefixedClass(root.current, 'state-', value.kind);
    if (valueLine.current) writeValue(valueLine.current, value, true);
  });
  useLiveDom(grad$, (gradient) => {
    if (gradLine.current) writeGradient(gradLine.current, gradient, derivative('J', node.id));
  });
  return (
    <div
      ref={root}
      className={`op-node port-node${selected ? ' is-selected' : ''}`}
      data-testid={`node-${node.id}`}
      data-node-name={node.id}
    >
      <header className="node-header" title={`Input port ${node.id}: fed from outside`}>
        <span className="node-symbol" aria-hidden="true">
          ⇥
        </span>
        <span className="node-name">{node.id}</span>
        <span className="instance-op">port</span>
      </header>
      <div className="node-body">
        <div ref={valueLine} className="node-value-line" data-testid={`value-${node.id}`} />
        <div data-testid={`grad-${node.id}`}>
          <div ref={gradLine} className="node-grad" hidden />
        </div>
      </div>
      <Handle
        id="out"
        type="source"
        position={Position.Right}
        className="port-handle out"
        aria-label={`Port ${node.id}`}
      />
    </div>
  );
});
