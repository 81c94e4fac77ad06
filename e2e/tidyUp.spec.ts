import { expect, test } from '@playwright/test';
import { dropGraphFile, openEditor, pageProblems, thousandNodes } from './canvasDriver';

/**
 * Tidy up never freezes the window. A graph of a few hundred nodes is laid out by ELK in a Web
 * Worker: the window keeps answering while it works, a notice shows it is under way with
 * Cancel, and Cancel leaves the document untouched. A 1,000-node graph is laid out by the
 * layered layout at once (issue 11: ≤ 1.5 s).
 */
test('Tidy up by ELK shows progress, can be cancelled, and keeps the window responsive', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openEditor(page);
  // 10 inputs × 25 layers and a sum into J: 259 nodes, under Tidy up's "big" line (300).
  await dropGraphFile(page, 'lattice.graph', thousandNodes(10, 25));
  await expect(page.getByTestId('document-name')).toContainText('lattice.graph');
  const undo = page.getByRole('button', { name: '↶ Undo' });
  const undoTitle = await undo.getAttribute('title');

  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByText(/^Tidying up 259 nodes/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/^Tidying up/)).toHaveCount(0);
  await page.waitForTimeout(3_000); // longer than the layout takes: it must not land later
  expect(await undo.getAttribute('title')).toBe(undoTitle);

  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByText(/^Tidying up 259 nodes/)).toBeVisible();
  // The main thread is free: a toggle answers at once while ELK works.
  const edgeLabels = page.getByLabel('Edge labels');
  const wasChecked = await edgeLabels.isChecked();
  await edgeLabels.click({ timeout: 1_000 });
  await expect(edgeLabels).toBeChecked({ checked: !wasChecked, timeout: 1_000 });
  await expect(page.getByText(/^Tidied up 259 nodes in [\d.]+ s/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(undo).toHaveAttribute('title', /Tidy up/);
  console.log(await page.getByText(/^Tidied up/).textContent());
  expect(pageProblems(page)).toEqual([]);
});

test('Tidy up of 1,000 nodes lands at once, undoably', async ({ page }) => {
  test.setTimeout(120_000);
  await openEditor(page);
  await dropGraphFile(page, 'thousand.graph', thousandNodes());
  await expect(page.getByTestId('document-name')).toContainText('thousand.graph');
  // Fitted whole, it is drawn by the low-detail layer.
  const layer = page.getByTestId('low-detail-layer');
  await expect(layer).toHaveAttribute('data-total', '1039');
  const undo = page.getByRole('button', { name: '↶ Undo' });

  await page.getByRole('button', { name: 'Tidy up' }).click();
  const done = page.getByText(/^Tidied up 1039 nodes in [\d.]+ s/);
  await expect(done).toBeVisible({ timeout: 10_000 });
  console.log(await done.textContent());
  await expect(undo).toHaveAttribute('title', /Tidy up/);
  // The result is drawn whole again (Tidy up fits the view), and the window answers.
  await expect(layer).toHaveAttribute('data-total', '1039');
  const edgeLabels = page.getByLabel('Edge labels');
  const wasChecked = await edgeLabels.isChecked();
  await edgeLabels.click({ timeout: 1_000 });
  await expect(edgeLabels).toBeChecked({ checked: !wasChecked, timeout: 1_000 });
  expect(pageProblems(page)).toEqual([]);
});
