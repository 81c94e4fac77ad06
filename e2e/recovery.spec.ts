import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  node,
  openEditor,
  openExample,
  pageProblems,
  saveByDownload,
  shownValue,
} from './canvasDriver';

/**
 * Never lose work: unsaved changes are autosaved (IndexedDB in the browser) and offered back
 * after a reload or a crash, with Restore and Discard; Save and Open work from a value field;
 * Escape in a value field puts back the value it had.
 */

/** Opens the seed and sets b = 7 by typing: J = 3(5 + 7·2) = 57, unsaved. */
const editSeed = async (page: Page): Promise<void> => {
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const field = node(page, 'b').locator('.value-input');
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially('7');
  await field.press('Enter');
  await expect(shownValue(page, 'J')).toHaveText('57');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
};

/** Reloads (after any autosave or clear in flight has landed) and sees nothing offered. */
const expectNothingToRecover = async (page: Page): Promise<void> => {
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.locator('.react-flow__pane')).toBeVisible();
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('recovery-notice')).toHaveCount(0);
};

/** Longer than the autosave interval (3 s). */
const afterAutosave = (page: Page) => page.waitForTimeout(3_800);

test('after a reload the app offers the autosaved work back; Restore brings it, Save clears it', async ({
  page,
}) => {
  await saveByDownload(page);
  page.on('dialog', (dialog) => void dialog.accept()); // the browser's own "leave site?"
  await openEditor(page);
  await editSeed(page);
  await afterAutosave(page);

  await page.reload();
  await expect(page.locator('.react-flow__pane')).toBeVisible();
  const offer = page.getByTestId('recovery-notice');
  await expect(offer).toContainText(/Unsaved work on seed\.graph was kept at [\d:]+.*\(just now\)/);
  await page.screenshot({ path: '/tmp/shots/recovery-offer.png' });
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(offer).toHaveCount(0);
  await expect(shownValue(page, 'J')).toHaveText('57');
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // Saved (Ctrl+S from a value field): nothing left to recover.
  const field = node(page, 'a').locator('.value-input');
  await field.click();
  const download = page.waitForEvent('download');
  await field.press('ControlOrMeta+s');
  expect((await download).suggestedFilename()).toBe('seed.graph');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expectNothingToRecover(page);
  expect(pageProblems(page)).toEqual([]);
});

test('after a crash a new window offers the work back; Discard forgets it', async ({
  page,
  context,
}) => {
  await openEditor(page);
  await editSeed(page);
  await afterAutosave(page);
  // Another tab opened while this one lives is not offered its work (it is not lost).
  const other = await context.newPage();
  await openEditor(other);
  await other.waitForTimeout(1_000);
  await expect(other.getByTestId('recovery-notice')).toHaveCount(0);
  await other.close();
  // The tab dies without a word (no beforeunload): like a crash.
  await page.close();

  const next = await context.newPage();
  await openEditor(next);
  const offer = next.getByTestId('recovery-notice');
  await expect(offer).toContainText('seed.graph');
  await offer.getByRole('button', { name: 'Discard' }).click();
  await expect(offer).toHaveCount(0);
  await expect(next.getByTestId('document-name')).toContainText('Untitled');
  await expectNothingToRecover(next);
  expect(pageProblems(next)).toEqual([]);
});

test('Escape in a value field restores its value; Ctrl+O works from a value field', async ({
  page,
}) => {
  await saveByDownload(page);
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const field = node(page, 'b').locator('.value-input');
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially('10');
  await expect(shownValue(page, 'J')).toHaveText('75'); // live while typing
  await field.press('Escape');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await expect(field).toHaveValue('3');
  await expect(field).not.toBeFocused();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await field.click();
  const chooser = page.waitForEvent('filechooser');
  await field.press('ControlOrMeta+o');
  await chooser;
  expect(pageProblems(page)).toEqual([]);
});
