import type { DatasetGenerator, DatasetSpec, GraphNode } from '@chainrule/graph-runtime';
import { datasetGenerators, MAX_GENERATED_SIZE } from '@chainrule/graph-runtime';
import { formatCsvError, parseCsv } from '@chainrule/learn';
import { useEffect, useId, useState } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import { displayName } from '../document/editorDocument';
import { parseNumberInput } from '../format/formatNumber';
import { datasetData } from './datasetColumns';
import { replaceDataset } from './datasetEdits';
import { datasetOf, describeSource } from './datasetShape';

const GENERATOR_NAMES: Record<DatasetGenerator, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussians: 'Two gaussians',
  spiral: 'Spiral',
  moons: 'Moons',
  line: 'Noisy line (regression)',
};

/**
 * A number field that changes the dataset when what is typed is valid (Enter or leaving the
 * field), and says what it accepts otherwise.
 */
const SettingField = ({
  label,
  value,
  accepts,
  rule,
  onValue,
}: {
  label: string;
  value: number;
  accepts: (value: number) => boolean;
  rule: string;
  onValue: (value: number) => void;
}) => {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const parsed = parseNumberInput(text);
  const valid = parsed !== null && accepts(parsed);
  const commit = () => {
    if (valid && parsed !== value) onValue(parsed);
  };
  return (
    <div className="dataset-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="text-input"
        inputMode="decimal"
        value={text}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-rule`}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      {!valid && (
        <span id={`${id}-rule`} className="field-rule">
          {rule}
        </span>
      )}
    </div>
  );
};

const isCount = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_GENERATED_SIZE;
const isSeed = (v: number) => Number.isInteger(v);

/**
 * The inspector of a dataset node: where its rows come from (a generator with size, noise and
 * seed, or an imported CSV), the train/test split, and CSV import with the parser's errors
 * shown inline. Every change is one undoable edit; the canvas regenerates from it.
 */
export const DatasetInspector = ({ node }: { node: GraphNode }) => {
  const { session } = useEditor();
  const spec = useEditorSelector((state) => datasetOf(node, state.doc.datasets));
  const generatorId = useId();
  const fileId = useId();
  const [csvErrors, setCsvErrors] = useState<readonly string[]>([]);
  const name = displayName(node);
  if (!spec) {
    return (
      <div className="dataset-inspector">
        <h3>{name}</h3>
        <p className="node-problem error">This node names a dataset the document does not have.</p>
      </div>
    );
  }
  const change = (label: string, next: DatasetSpec) =>
    session.store.edit(label, (doc) => replaceDataset(doc, spec.id, next));
  const source = spec.source;
  const generated = source.kind === 'generate' ? source : null;
  const regenerate = (settings: Partial<NonNullable<typeof generated>>) => {
    if (!generated) return;
    const next = { ...generated, ...settings };
    change('Change dataset', {
      ...spec,
      columns: datasetGenerators[next.generator],
      source: next,
    });
  };
  const split = spec.split ?? { test: 0, seed: 1 };
  const data = datasetData(spec);

  const importCsv = async (file: File) => {
    const parsed = parseCsv(await file.text());
    if (!parsed.ok) {
      setCsvErrors(parsed.errors.map(formatCsvError));
      return;
    }
    setCsvErrors([]);
    change(`Import ${file.name}`, {
      ...spec,
      name: file.name.replace(/\.csv$/i, ''),
      columns: parsed.columns,
      source: { kind: 'inline', rows: parsed.rows },
    });
  };

  return (
    <div className="dataset-inspector" data-testid="dataset-inspector">
      <h3>{name}</h3>
      <p className="muted small">
        Dataset · {describeSource(spec)} · columns {spec.columns.join(', ')}
      </p>
      {!data.ok && <p className="node-problem error">{data.message}</p>}
      <div className="dataset-field">
        <label htmlFor={generatorId}>Data</label>
        <select
          id={generatorId}
          value={generated?.generator ?? ''}
          onChange={(event) => {
            const generator = event.target.value as DatasetGenerator;
            const base = generated ?? { kind: 'generate' as const, size: 200, noise: 0.1, seed: 1 };
            change('Change dataset', {
              ...spec,
              columns: datasetGenerators[generator],
              source: { ...base, generator },
            });
          }}
        >
          {!generated && (
            <option value="">{source.kind === 'inline' ? 'imported CSV' : 'CSV file'}</option>
          )}
          {(Object.keys(datasetGenerators) as DatasetGenerator[]).map((g) => (
            <option key={g} value={g}>
              {GENERATOR_NAMES[g]}
            </option>
          ))}
        </select>
      </div>
      {generated && (
        <>
          <SettingField
            label="Size"
            value={generated.size}
            accepts={isCount}
            rule={`A whole number of points, 1 to ${MAX_GENERATED_SIZE}.`}
            onValue={(size) => regenerate({ size })}
          />
          <SettingField
            label="Noise"
            value={generated.noise}
            accepts={(v) => v >= 0}
            rule="Noise is 0 or more."
            onValue={(noise) => regenerate({ noise })}
          />
          <SettingField
            label="Seed"
            value={generated.seed}
            accepts={isSeed}
            rule="The seed is a whole number."
            onValue={(seed) => regenerate({ seed })}
          />
        </>
      )}
      <SettingField
        label="Test share"
        value={split.test}
        accepts={(v) => v >= 0 && v < 1}
        rule="The share held out for testing: 0 to below 1, e.g. 0.25."
        onValue={(test) => change('Change split', { ...spec, split: { ...split, test } })}
      />
      <SettingField
        label="Split seed"
        value={split.seed}
        accepts={isSeed}
        rule="The seed is a whole number."
        onValue={(seed) => change('Change split', { ...spec, split: { ...split, seed } })}
      />
      <div className="dataset-field">
        <label htmlFor={fileId}>Import CSV</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          data-testid="csv-import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importCsv(file);
          }}
        />
      </div>
      {csvErrors.length > 0 && (
        <div className="node-problem error" role="alert" data-testid="csv-errors">
          <p>The CSV was not imported:</p>
          <ul>
            {csvErrors.slice(0, 5).map((message) => (
              <li key={message}>{message}</li>
            ))}
            {csvErrors.length > 5 && <li>…and {csvErrors.length - 5} more</li>}
          </ul>
        </div>
      )}
      <p className="muted small">
        A header row names the columns; every other row holds numbers. The data is saved inside the
        .graph file.
      </p>
    </div>
  );
};
