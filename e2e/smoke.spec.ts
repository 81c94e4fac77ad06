import { expect, test } from '@playwright/test';
import { openEditor, openExample, pageProblems, shownValue } from './canvasDriver';

test('the editor opens and shows the seed example', async ({ page }) => {
  await openEditor(page);
  await expect(page.getByText('Build a computational graph')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/empty.png' });
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await page.waitForTimeout(400);
  await page.screenshot({ path: '/tmp/shots/seed.png' });
  expect(pageProblems(page)).toEqual([]);
});

test('an empty document offers the seed example in one click', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: /Open the example/ }).click();
  await expect(shownValue(page, 'J')).toHaveText('33');
  await expect(page.getByTestId('document-name')).toHaveText('seed.graph');
});
