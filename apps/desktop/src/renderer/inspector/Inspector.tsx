import { sourceValueOf } from '@chainrule/graph-runtime';
import type {
  EdgeGradient,
  EdgeId,
  GraphNode,
  NodeId,
  NodeValue,
  OpDefinition,
  Runtime,
} from '@chainrule/graph-runtime';
import { useId, useRef } from 'react';
import { useEditor, useEditorState, useRuntime, useRuntimeVersion } from '../EditorContext';
import type { EditorDocument } from '../document/editorDocument';
import { symbolName } from '../document/editorDocument';
import { NumberView } from '../canvas/NumberView';
import { StateIcon } from '../canvas/StateIcon';
import { formatNumber } from '../format/formatNumber';
import { derivative, edgeFactorText, gradientSumText, substituteFormula } from './chainRule';
import { useCanvasExtensions } from '../canvas/extensions';
import { ValueEditor } from '../canvas/ValueEditor';
import { formulaChain, saysSomething } from './formulaText';
import { PortSources } from './PortSources';
import { DatasetInspector } from '../data/DatasetInspector';
import { DATASET_OP } from '../data/datasetShape';
import { canvasRuntime } from '../session/canvasRuntime';

let gestures = 0;

// The inspector reads the document and the runtime in one render; these guards keep a transient
// mismatch (a document being swapped) from throwing.
const edgeGradient = (runtime: Runtime, id: EdgeId): EdgeGradient =>
  runtime.hasEdge(id) ? runtime.edge(id).gradient() : { kind: 'none', local: null };
const nodeValue = (runtime: Runtime, id: NodeId): NodeValue | null =>
  runtime.hasNode(id) ? runtime.node(id).value() : null;

const nameOf = (doc: EditorDocument, id: NodeId): string => {
  const node = doc.graph.nodes.find((n) => n.id === id);
  return node ? symbolName(node) : id;
};

/** A source node's value, editable here too, so the keyboard need not reach into the canvas. */
const SourceValueField = ({ node, name }: { node: GraphNode; name: string }) => (
  <div className="inspector-value">
    <span className="field">Value</span>
    <ValueEditor
      id={node.id}
      name={name}
      value={sourceValueOf(node.params) ?? 0}
      slider={node.op !== 'const'}
      labelPrefix="Inspector: "
    />
  </div>
);

const NodeDetails = ({
  node,
  op,
  doc,
  runtime,
}: {
  node: GraphNode;
  op: OpDefinition;
  doc: EditorDocument;
  runtime: Runtime;
}) => {
  const { actions } = useEditor();
  const { InspectorSection } = useCanvasExtensions();
  const labelId = useId();
  const renameGesture = useRef<string | null>(null);
  const name = symbolName(node);
  const output = doc.graph.output ?? null;
  const isOutput = output === node.id;
  const value = runtime.node(node.id).value();
  const gradient = runtime.node(node.id).grad();
  const incoming = doc.graph.edges.filter((edge) => edge.target === node.id);
  const outgoing = doc.graph.edges.filter((edge) => edge.source === node.id);
  const feeding: Record<string, string> = {};
  for (const edge of incoming) feeding[edge.targetPort] = nameOf(doc, edge.source);
  const inputValues = op.inputs.map((port) => {
    const edge = incoming.find((e) => e.targetPort === port);
    const upstream = edge ? nodeValue(runtime, edge.source) : null;
    return upstream?.kind === 'ok' ? formatNumber(upstream.value) : '?';
  });
  const formula =
    op.kind === 'source'
      ? formulaChain([name, value.kind === 'ok' ? formatNumber(value.value) : '?'])
      : formulaChain([
          name,
          substituteFormula(op.formula, op.inputs, feeding),
          ...(value.kind === 'ok'
            ? [
                substituteFormula(
                  op.formula,
                  op.inputs,
                  Object.fromEntries(op.inputs.map((p, i) => [p, inputValues[i]!])),
                ),
                formatNumber(value.value),
              ]
            : []),
        ]);
  const outputName = output ? 'J' : null;
  const sum =
    gradient.kind === 'ok'
      ? isOutput
        ? `dJ/dJ = 1 (${name} is the output J)`
        : gradientSumText(
            'J',
            name,
            outgoing.map((edge) => ({
              target: nameOf(doc, edge.target),
              gradient: edgeGradient(runtime, edge.id),
            })),
            gradient.value,
          )
      : null;

  return (
    <div className="inspector-node">
      <label className="field" htmlFor={labelId}>
        Name
      </label>
      <input
        id={labelId}
        className="text-input"
        data-rename-field
        value={node.label ?? ''}
        placeholder={node.id}
        onChange={(event) => {
          renameGesture.current ??= `rename:${node.id}:${++gestures}`;
          actions.setLabel(node.id, event.target.value, renameGesture.current);
        }}
        onBlur={() => {
          renameGesture.current = null;
          actions.endGesture();
        }}
      />
      <p className="op-line">
        <span className="node-symbol" aria-hidden="true">
          {op.symbol}
        </span>{' '}
        {op.label} <span className="muted">({op.id})</span>: {op.description}
      </p>
      <button
        type="button"
        className={isOutput ? '' : 'primary'}
        data-output-toggle
        onClick={() => actions.setOutput(isOutput ? null : node.id)}
      >
        {isOutput ? 'Clear output J' : 'Set as output J'}
      </button>

      {op.kind === 'source' && <SourceValueField node={node} name={name} />}
      <PortSources node={node} op={op} doc={doc} />

      <h3>Forward</h3>
      <p className="formula value-text" data-testid="inspector-formula">
        {formula}
      </p>
      {value.kind !== 'ok' && (
        <p className={`node-problem ${value.kind}`} role="status">
          <StateIcon kind={value.kind} /> {value.message}
        </p>
      )}
      {InspectorSection && <InspectorSection node={node} />}

      {op.kind === 'function' && (
        <>
          <h3>Local derivatives</h3>
          <ul className="derivatives">
            {op.inputs.map((port, index) => {
              const edge = incoming.find((e) => e.targetPort === port);
              const local = edge ? edgeGradient(runtime, edge.id).local : null;
              return (
                <li key={port}>
                  <span className="formula">{op.derivatives[index]?.formula}</span>
                  {edge ? (
                    <>
                      {saysSomething(port, feeding[port]) ? ` with ${port} = ${feeding[port]}` : ''}
                      :{' '}
                      <span className="formula">
                        {derivative(name, feeding[port] ?? port, true)} ={' '}
                        {local === null ? '—' : <NumberView value={local} />}
                      </span>
                    </>
                  ) : (
                    <span className="muted"> ({port} is not connected)</span>
                  )}
                </li>
              );
            })}
          </ul>
          {op.notes?.map((note) => (
            <p key={note} className="muted small">
              {note}
            </p>
          ))}
        </>
      )}

      <h3>Backward</h3>
      {outputName === null ? (
        <p className="muted">Choose an output J to see dJ/d{name}.</p>
      ) : gradient.kind === 'ok' ? (
        <>
          <p className="formula grad-text" data-testid="inspector-gradient">
            {sum ?? `dJ/d${name} = ${formatNumber(gradient.value)}`}
          </p>
          {outgoing.length > 1 && (
            <p className="muted small">
              {name} feeds {outgoing.length} nodes, so its gradient is the sum of what each edge
              carries back.
            </p>
          )}
          {outgoing.length > 0 && !isOutput && (
            <ul className="edge-terms">
              {outgoing.map((edge) => (
                <li key={edge.id} className="formula">
                  {edgeFactorText(
                    { output: 'J', source: name, target: nameOf(doc, edge.target) },
                    edgeGradient(runtime, edge.id),
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : gradient.kind === 'unavailable' ? (
        <p className="node-problem blocked">{gradient.message}</p>
      ) : null}
    </div>
  );
};

/**
 * The selected node in words and numbers: its formula, its local derivatives (symbols, then
 * numbers), and its gradient written out as the chain rule's sum over its outgoing edges.
 */
export const Inspector = () => {
  const { session, actions } = useEditor();
  const state = useEditorState();
  // Inside an opened instance, the ids shown are the inner graph's (`m1` is the flat `h1/m1`).
  const runtime = canvasRuntime(session, useRuntime());
  useRuntimeVersion();
  const { doc, selection } = state;
  const selected = [...selection.nodes];
  const single =
    selected.length === 1 ? doc.graph.nodes.find((n) => n.id === selected[0]) : undefined;
  const op = single ? session.registry.get(single.op) : undefined;
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      {single?.op === DATASET_OP ? (
        <DatasetInspector node={single} />
      ) : single && op && runtime.hasNode(single.id) ? (
        <NodeDetails node={single} op={op} doc={doc} runtime={runtime} />
      ) : selected.length > 1 ? (
        <div>
          <p>{selected.length} nodes selected.</p>
          <div className="button-row">
            <button type="button" onClick={actions.duplicateSelection}>
              Duplicate
            </button>
            <button type="button" onClick={actions.copySelection}>
              Copy
            </button>
            <button type="button" className="danger" onClick={actions.deleteSelection}>
              Delete
            </button>
          </div>
        </div>
      ) : (
        <div className="muted">
          <p>
            Select a node to see its formula, its local derivatives and how its gradient is built by
            the chain rule.
          </p>
          <p>
            {doc.graph.nodes.length} nodes, {doc.graph.edges.length} edges
            {doc.description ? `. ${doc.description}` : '.'}
          </p>
        </div>
      )}
    </aside>
  );
};
