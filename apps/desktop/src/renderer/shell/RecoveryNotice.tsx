import './recovery.css';
import { useEffect, useState } from 'react';
import { useEditor } from '../EditorContext';
import { readGraphText, writeGraphText } from '../document/documentText';
import { emptyDocument } from '../document/editorDocument';
import { startAutosave } from '../host/autosave';
import type { RecoverySnapshot } from '../host/recovery';
import { savedWhen } from './recoveryWords';

/**
 * Never lose work: autosaves the open document while it has unsaved changes (see
 * `host/autosave.ts`), and after a crash or a reload offers the autosave back with Restore and
 * Discard, saying when it was written. Restore opens it as an unsaved document (one Undo takes
 * the restore back); Discard forgets it.
 */
export const RecoveryNotice = () => {
  const { actions, host, session, view } = useEditor();
  const [offer, setOffer] = useState<RecoverySnapshot | null>(null);

  useEffect(() => {
    let live = true;
    host.recovery.read().then(
      (snapshot) => {
        if (live && snapshot !== null) setOffer(snapshot);
      },
      () => undefined, // nothing to offer if the store cannot be read
    );
    const autosave = startAutosave({
      store: session.store,
      recovery: host.recovery,
      serialize: (state) => writeGraphText(state.doc, state.viewport),
      onError: (error) =>
        view.notify({
          tone: 'error',
          message: `Autosave failed (${error instanceof Error ? error.message : String(error)}). Save to keep your work.`,
        }),
    });
    // A reload or a closing tab: write what is new now, not up to an interval later.
    const flush = (): void => void autosave.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      live = false;
      window.removeEventListener('pagehide', flush);
      autosave.dispose();
    };
  }, [host, session, view]);

  if (offer === null) return null;

  const restore = async (): Promise<void> => {
    // Whatever was done meanwhile is not thrown away unasked.
    if (!(await actions.confirmDiscard())) return;
    const read = readGraphText(offer.text, session.engineRegistry);
    setOffer(null);
    if (!read.ok) {
      view.notify({ tone: 'error', message: `Could not restore ${offer.name}:\n${read.message}` });
      return;
    }
    // Opened as a change to an empty document: unsaved (Save asks where), and undoable.
    const opened = session.open(emptyDocument(), { name: offer.name, ref: null }, read.viewport);
    if (!opened.ok) return;
    session.store.edit('Restore unsaved work', () => read.doc);
    session.store.seal();
  };
  const discard = (): void => {
    setOffer(null);
    void host.recovery.clear();
  };

  return (
    <div
      className="notice recovery-notice"
      role="alertdialog"
      aria-labelledby="recovery-message"
      data-testid="recovery-notice"
    >
      <p className="notice-message" id="recovery-message">
        Unsaved work on <strong>{offer.name}</strong> was kept{' '}
        {savedWhen(offer.savedAt, Date.now())}. Restore it?
      </p>
      <button type="button" className="primary" onClick={() => void restore()}>
        Restore
      </button>
      <button type="button" onClick={discard}>
        Discard
      </button>
    </div>
  );
};
