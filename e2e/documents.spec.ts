import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/**
 * Documents through the browser host, driven as a person would: pick an example, edit a value,
 * save, reopen, and see the edit; a broken file leaves the open document alone; the dirty
 * marker follows the edits; Save / Don't Save / Cancel guards a dirty document.
 */

/** Forces the fallbacks: an `<input type="file">` to open and a download to save. */
async function withoutFileSystemAccess(page: Page) {
  await page.addInitScript(() => {
    const target = window as unknown as Record<string, unknown>;
    delete target.showOpenFilePicker;
    delete target.showSaveFilePicker;
  });
}

/**
 * Installs an in-memory File System Access API: one "disk" of named files that the pickers and
 * writable streams act on, so saving in place can be checked without native dialogs.
 */
async function withMemoryFileSystem(page: Page, files: Record<string, string>) {
  await page.addInitScript((initial) => {
    const disk = new Map<string, string>(Object.entries(initial));
    const pick = { open: '', save: '' };
    const handle = (name: string) => ({
      kind: 'file',
      name,
      getFile: async () => new File([disk.get(name) ?? ''], name),
      createWritable: async () => {
        let pending = '';
        return {
          write: async (data: string) => {
            pending += data;
          },
          close: async () => {
            disk.set(name, pending);
          },
        };
      },
    });
    Object.assign(window, {
      __disk: disk,
      __pick: pick,
      showOpenFilePicker: async () => [handle(pick.open)],
      showSaveFilePicker: async () => handle(pick.save),
    });
  }, files);
}

const documentName = (page: Page) => page.getByTestId('document-name');
const dirtyMarker = (page: Page) => page.getByTestId('dirty-marker');
const valueOf = (page: Page, node: string) => page.getByLabel(`Value of ${node}`, { exact: true });

async function openSeedExample(page: Page) {
  await page.goto('/');
  await page.getByLabel('Open an example').selectOption('seed.graph');
  await expect(documentName(page)).toContainText('seed.graph');
  await expect(valueOf(page, 'a')).toHaveValue('5');
  await expect(dirtyMarker(page)).toHaveCount(0);
}

async function setValue(page: Page, node: string, value: string) {
  const input = valueOf(page, node);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

test('open an example, edit, save (download), reopen the file and see the edit', async ({
  page,
}, testInfo) => {
  await withoutFileSystemAccess(page);
  await openSeedExample(page);

  await setValue(page, 'a', '7');
  await expect(dirtyMarker(page)).toBeVisible();
  await expect(page).toHaveTitle(/^• seed\.graph — Chainrule$/);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('seed.graph');
  const saved = testInfo.outputPath('seed.graph');
  await download.saveAs(saved);
  await expect(dirtyMarker(page)).toHaveCount(0);
  await expect(page).toHaveTitle('seed.graph — Chainrule');

  // Switch to another document, then open the saved file from disk.
  await page.getByLabel('Open an example').selectOption('tanh-neuron.graph');
  await expect(documentName(page)).toContainText('tanh-neuron.graph');
  await expect(valueOf(page, 'a')).toHaveCount(0);
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await choosing).setFiles(saved);
  await expect(documentName(page)).toContainText('seed.graph');
  await expect(valueOf(page, 'a')).toHaveValue('7');
  await expect(dirtyMarker(page)).toHaveCount(0);
});

test('save writes back to the file it was opened from (File System Access API)', async ({
  page,
}) => {
  const seed = await (
    await import('node:fs/promises')
  ).readFile(new URL('../examples/seed.graph', import.meta.url), 'utf8');
  await withMemoryFileSystem(page, { 'mine.graph': seed });
  await page.goto('/');
  await page.evaluate(() => {
    (window as unknown as { __pick: { open: string } }).__pick.open = 'mine.graph';
  });
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(documentName(page)).toContainText('mine.graph');

  await setValue(page, 'b', '4');
  await expect(dirtyMarker(page)).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dirtyMarker(page)).toHaveCount(0);

  const onDisk = await page.evaluate(() =>
    (window as unknown as { __disk: Map<string, string> }).__disk.get('mine.graph'),
  );
  expect(onDisk).not.toBe(seed);
  expect(JSON.parse(onDisk ?? '{}')).toMatchObject({
    nodes: expect.arrayContaining([expect.objectContaining({ id: 'b', params: { value: 4 } })]),
  });

  // Reopen it (a fresh read from the "disk") and see the edit.
  await page.getByRole('button', { name: 'Open…' }).click();
  await expect(valueOf(page, 'b')).toHaveValue('4');
});

test('opening a broken file shows the loader message with its location and keeps the document', async ({
  page,
}, testInfo) => {
  await withoutFileSystemAccess(page);
  await openSeedExample(page);
  await setValue(page, 'c', '9');
  await expect(dirtyMarker(page)).toBeVisible();
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(valueOf(page, 'c')).toHaveValue('2');
  // Undoing back to the opened state clears the dirty marker.
  await expect(dirtyMarker(page)).toHaveCount(0);

  const broken = testInfo.outputPath('broken.graph');
  await writeFile(broken, '{\n  "format": "chainrule.graph",\n  "nodes": [\n    {"id": "a",,}\n');
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await choosing).setFiles(broken);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.graph');
  await expect(alert).toContainText(/line 4, column \d+/);
  await expect(documentName(page)).toContainText('seed.graph');
  await expect(valueOf(page, 'a')).toHaveValue('5');
  await expect(valueOf(page, 'c')).toHaveValue('2');
});

test('a Latin-1 file is refused with the CLI’s words, and the open document stays', async ({
  page,
}, testInfo) => {
  await withoutFileSystemAccess(page);
  await openSeedExample(page);
  const latin1 = testInfo.outputPath('café.graph');
  // The seed example, re-encoded as Latin-1: é becomes the lone byte 0xE9.
  await writeFile(latin1, Buffer.from('{"format": "chainrule.graph", "name": "café"}', 'latin1'));
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await choosing).setFiles(latin1);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Couldn\'t open "café.graph": the file is not UTF-8 text.');
  await expect(documentName(page)).toContainText('seed.graph');
  await expect(valueOf(page, 'a')).toHaveValue('5');
});

test('a dirty document asks Save / Don’t Save / Cancel, and Cancel keeps everything', async ({
  page,
}) => {
  await withoutFileSystemAccess(page);
  await openSeedExample(page);
  await setValue(page, 'a', '8');
  await expect(dirtyMarker(page)).toBeVisible();

  await page.getByRole('button', { name: 'New', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /save the changes you made to “seed\.graph”/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/lost if you don't save/);
  // Focus starts on Save and Tab stays inside the dialog.
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: "Don't Save" })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(valueOf(page, 'a')).toHaveValue('8');
  await expect(dirtyMarker(page)).toBeVisible();

  // Don't Save replaces the document.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await dialog.getByRole('button', { name: "Don't Save" }).click();
  await expect(valueOf(page, 'a')).toHaveCount(0);
  await expect(dirtyMarker(page)).toHaveCount(0);
});
