import type { UnsavedChoice } from './DocumentHost';

const DIALOG_CLASS = 'chainrule-unsaved-dialog';

/** Styles that inline `element.style` cannot express: the backdrop and keyboard focus. */
const DIALOG_SHEET = `
.${DIALOG_CLASS}::backdrop { background: rgba(15, 23, 42, 0.35); }
.${DIALOG_CLASS} button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
`;

const adopted = new WeakSet<Document>();

/**
 * Adds the dialog's few rules as a constructed stylesheet: CSSOM, like `element.style`, so the
 * production CSP (`style-src 'self'`, no inline `<style>`) allows it.
 */
function adoptDialogStyles(doc: Document): void {
  if (adopted.has(doc)) return;
  const view = doc.defaultView;
  if (view === null) return;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(DIALOG_SHEET);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  adopted.add(doc);
}

/**
 * Asks "Save changes to <name>?" in an in-page modal, the browser's stand-in for the native
 * Save / Don't Save / Cancel sheet. Accessible: a `<dialog>` opened with `showModal()` (so the
 * page behind is inert), labelled by its heading and described by its text, focus starts on
 * Save and Tab cycles within the dialog, Esc (or closing it any other way) means Cancel, and
 * focus returns to where it was.
 *
 * Styled through the CSSOM (`element.style`), which the production CSP allows, not with a
 * `<style>` element or `style` attribute, which it does not.
 *
 * @example const choice = await askUnsavedChanges(document, 'net.graph');
 */
export function askUnsavedChanges(doc: Document, name: string): Promise<UnsavedChoice> {
  adoptDialogStyles(doc);
  const previouslyFocused = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const dialog = doc.createElement('dialog');
  dialog.setAttribute('aria-labelledby', 'chainrule-unsaved-title');
  dialog.setAttribute('aria-describedby', 'chainrule-unsaved-detail');
  dialog.dataset.testid = 'unsaved-dialog';
  dialog.className = DIALOG_CLASS;
  Object.assign(dialog.style, {
    border: 'none',
    borderRadius: '10px',
    padding: '20px 24px',
    maxWidth: '420px',
    boxShadow: '0 12px 40px rgba(15, 23, 42, 0.3)',
    font: '14px/1.45 system-ui, sans-serif',
    color: '#0f172a',
    background: '#ffffff',
  });

  const title = doc.createElement('h2');
  title.id = 'chainrule-unsaved-title';
  title.textContent = `Do you want to save the changes you made to “${name}”?`;
  Object.assign(title.style, { fontSize: '15px', margin: '0 0 8px' });

  const detail = doc.createElement('p');
  detail.id = 'chainrule-unsaved-detail';
  detail.textContent = "Your changes will be lost if you don't save them.";
  Object.assign(detail.style, { margin: '0 0 18px', color: '#475569' });

  const row = doc.createElement('div');
  Object.assign(row.style, { display: 'flex', gap: '8px', justifyContent: 'flex-end' });

  const button = (label: string, primary: boolean) => {
    const element = doc.createElement('button');
    element.type = 'button';
    element.textContent = label;
    Object.assign(element.style, {
      font: 'inherit',
      padding: '6px 14px',
      borderRadius: '6px',
      border: primary ? '1px solid #1d4ed8' : '1px solid #cbd5e1',
      background: primary ? '#2563eb' : '#f8fafc',
      color: primary ? '#ffffff' : '#0f172a',
      cursor: 'pointer',
    });
    return element;
  };
  const discard = button("Don't Save", false);
  const cancel = button('Cancel', false);
  const save = button('Save', true);
  row.append(discard, cancel, save);
  dialog.append(title, detail, row);
  doc.body.append(dialog);

  return new Promise<UnsavedChoice>((resolve) => {
    let settled = false;
    const finish = (choice: UnsavedChoice) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      previouslyFocused?.focus();
      resolve(choice);
    };
    save.addEventListener('click', () => finish('save'));
    discard.addEventListener('click', () => finish('discard'));
    cancel.addEventListener('click', () => finish('cancel'));
    // Esc fires `cancel`; any other way of closing the dialog also counts as Cancel.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish('cancel');
    });
    dialog.addEventListener('close', () => finish('cancel'));
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab') return;
      // Keep Tab inside the dialog rather than escaping to the browser's toolbar.
      const order = [discard, cancel, save];
      const index = order.indexOf(doc.activeElement as HTMLButtonElement);
      const next = event.shiftKey
        ? order[(index - 1 + order.length) % order.length]
        : order[(index + 1) % order.length];
      event.preventDefault();
      next?.focus();
    });
    dialog.showModal();
    save.focus();
  });
}
