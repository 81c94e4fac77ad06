import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExportTarget } from '@chainrule/export';
import { useEditorState } from '../EditorContext';
import { downloadFile as download } from '../host/download';
import { exportChoices, exportPreview } from './exportPreview';
import './export.css';

/**
 * File → Export…: the document's graph as NumPy, PyTorch, TypeScript or ONNX, previewed with
 * Copy and Download. The code comes from `@chainrule/export`, the same as `chainrule export`.
 */
export const ExportDialog = ({ onClose }: { onClose: () => void }) => {
  const { doc, file } = useEditorState();
  const [target, setTarget] = useState<ExportTarget>('numpy');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const preview = useMemo(
    () => exportPreview(doc.graph, target, { title: doc.name ?? file.name, fileName: file.name }),
    [doc.graph, doc.name, file.name, target],
  );
  useEffect(() => setCopied('idle'), [preview]);
  const copy = (): void => {
    if (!preview.ok) return;
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) return setCopied('failed');
    clipboard.writeText(preview.copyText).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby="export-title"
      onClose={onClose}
      data-testid="export-dialog"
    >
      <header className="export-header">
        <h2 id="export-title">Export {file.name}</h2>
        <div className="export-targets" role="radiogroup" aria-label="Export to">
          {exportChoices.map((choice) => (
            <label key={choice.target} className={choice.target === target ? 'is-chosen' : ''}>
              <input
                type="radio"
                name="export-target"
                value={choice.target}
                checked={choice.target === target}
                onChange={() => setTarget(choice.target)}
              />
              {choice.label}
            </label>
          ))}
        </div>
      </header>
      {preview.ok ? (
        <>
          <p className="export-note">
            {target === 'onnx'
              ? 'The model is binary (float64, forward and backward graphs; it opens in Netron). Its nodes:'
              : 'Run it to print {"output": J, "grads": {…}}: the same numbers as Chainrule, checked by its tests.'}
          </p>
          <pre className="export-preview" data-testid="export-preview" tabIndex={0}>
            <code>{preview.code}</code>
          </pre>
        </>
      ) : (
        <div className="export-refusal" role="alert" data-testid="export-refusal">
          <p>This graph cannot be exported exactly at its current inputs:</p>
          <ul>
            {preview.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <footer className="export-actions">
        <span className="export-status" role="status">
          {copied === 'copied'
            ? 'Copied to the clipboard'
            : copied === 'failed'
              ? 'Copy failed: select the code and copy it'
              : ''}
        </span>
        <button type="button" onClick={copy} disabled={!preview.ok}>
          Copy
        </button>
        <button
          type="button"
          disabled={!preview.ok}
          onClick={() => preview.ok && download(preview.fileName, preview.data, preview.mimeType)}
          title={preview.ok ? `Download ${preview.fileName}` : undefined}
        >
          Download {preview.ok ? preview.fileName : ''}
        </button>
        <button type="button" className="primary" autoFocus onClick={() => dialog.current?.close()}>
          Close
        </button>
      </footer>
    </dialog>
  );
};

/** The top bar's File → Export… button and its dialog. */
export const ExportButton = () => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        title="Export as PyTorch, NumPy, TypeScript or ONNX"
      >
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
};
