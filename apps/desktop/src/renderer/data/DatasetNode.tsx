import type { NodeProps } from '@xyflow/react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { NodeId } from '@chainrule/graph-runtime';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useEditor, useEditorSelector, useRenderCount } from '../EditorContext';
import { useLiveDom } from '../canvas/liveDom';
import { formatFull, formatNumber } from '../format/formatNumber';
import { displayName } from '../document/editorDocument';
import type { OpFlowNode } from '../canvas/flowElements';
import { datasetOf, datasetShape, describeSource } from './datasetShape';
import { NodeBatch } from './NodeBatch';

/** A column's value as the runtime shows it: the batch mean, or the selected sample's value. */
const ColumnValue = ({ id }: { id: NodeId }) => {
  const { session } = useEditor();
  const text = useRef<HTMLSpanElement>(null);
  const value$ = useMemo(() => session.nodeValue$(id), [session, id]);
  useLiveDom(value$, (value) => {
    if (!text.current) return;
    text.current.textContent = value.kind === 'ok' ? formatNumber(value.value, 4) : '—';
    text.current.title = value.kind === 'ok' ? formatFull(value.value) : value.message;
  });
  return <span ref={text} className="dataset-column-value" data-testid={`value-${id}`} />;
};

/**
 * A dataset node on the canvas: its name, where its rows come from, and one output per column
 * (drag from a column's handle to feed it into an op). The engine never sees it: the document
 * flattens it to one data node per column (`data/x1`), whose batch strip each row shows.
 */
export const DatasetNode = memo(function DatasetNode({
  id,
  data,
  selected,
}: NodeProps<OpFlowNode>) {
  const { actions } = useEditor();
  useRenderCount('node', id);
  const { node } = data;
  const name = displayName(node);
  const spec = useEditorSelector((state) => datasetOf(node, state.doc.datasets));
  const shape = datasetShape(node, spec ? [spec] : []);
  const updateNodeInternals = useUpdateNodeInternals();
  const ports = shape.columns.join(' ');
  const measured = useRef(ports);
  useEffect(() => {
    if (measured.current === ports) return;
    measured.current = ports;
    updateNodeInternals(id);
  }, [id, ports, updateNodeInternals]);
  return (
    <div
      className={`op-node dataset-node is-source${selected ? ' is-selected' : ''}`}
      data-testid={`node-${node.id}`}
      data-node-name={name}
      style={{ height: shape.height }}
    >
      <header className="node-header" title={`${name}: dataset (${node.id})`}>
        <span className="node-symbol" aria-hidden="true">
          ▦
        </span>
        <span className="node-name">{name}</span>
        <button
          type="button"
          className="icon-button nodrag"
          aria-label={`Select ${name} to edit its data`}
          onClick={() => actions.select({ nodes: new Set([node.id]), edges: new Set() })}
        >
          ⋯
        </button>
      </header>
      <p className="dataset-summary muted small">
        {spec ? describeSource(spec) : `no dataset “${String(node.params?.['dataset'] ?? '')}”`}
      </p>
      <ul className="dataset-columns">
        {shape.columns.map((column) => (
          <li key={column} className="dataset-column">
            <span className="dataset-column-name">{column}</span>
            <ColumnValue id={`${node.id}/${column}` as NodeId} />
            <NodeBatch id={`${node.id}/${column}` as NodeId} />
          </li>
        ))}
      </ul>
      {shape.columns.map((column, index) => (
        <Handle
          key={column}
          id={column}
          type="source"
          position={Position.Right}
          className="port-handle out"
          style={{ top: shape.handleY(index) }}
          title={`Column ${column} of ${name}: drag to an input`}
          aria-label={`Column ${column} of ${name}`}
        />
      ))}
    </div>
  );
});
