import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/**
 * File → Export… on the seed: the dialog previews the NumPy export (the reverse pass written out),
 * Copy puts it on the clipboard, Download saves it, and ONNX offers the binary model; a graph in
 * error is refused with the node and the reason.
 */
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const openExample = async (page: Page, id: string) => {
  await page.goto('/');
  await page.getByLabel('Open an example').selectOption(id);
  await expect(page.getByTestId('document-name')).toContainText(id);
};

test('exports the seed to NumPy: preview, copy, download', async ({ page }, testInfo) => {
  await openExample(page, 'seed.graph');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'NumPy' }).check();
  const preview = dialog.getByTestId('export-preview');
  await expect(preview).toContainText('dJ_db = dJ_du * c');
  await expect(preview).toContainText('dJ_da = dJ_dv');

  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('dJ_db = dJ_du * c');
  expect(copied).toContain('print(json.dumps(');

  // docs/images/export-dialog.png is this picture: UPDATE_SCREENSHOTS=1 rewrites it.
  await page.screenshot({
    path: process.env.UPDATE_SCREENSHOTS
      ? '../docs/images/export-dialog.png'
      : testInfo.outputPath('export-dialog.png'),
  });

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Download/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('seed_numpy.py');
  expect(await readFile(await download.path(), 'utf8')).toBe(copied);

  // ONNX: a listing to read, the binary model to download.
  await dialog.getByRole('radio', { name: 'ONNX' }).check();
  await expect(preview).toContainText('dJ_db = Mul(dJ_du, c)');
  const downloadingModel = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Download/ }).click();
  const model = await downloadingModel;
  expect(model.suggestedFilename()).toBe('seed.onnx');
  const bytes = await readFile(await model.path());
  expect(bytes[0]).toBe(0x08); // a protobuf ModelProto starts with its ir_version field

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('refuses a graph in error, naming the node and the reason', async ({ page }) => {
  await openExample(page, 'domain-error.graph');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-refusal')).toContainText('log needs x > 0');
  await expect(dialog.getByRole('button', { name: 'Copy' })).toBeDisabled();
});
