import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { openEditor, openExample, shownValue } from './canvasDriver';

/**
 * axe-core over the main views: nothing serious or critical. Each failure lists the rule, the
 * elements and axe's own help text, so a regression says what to fix.
 */
const scan = async (page: Page, view: string): Promise<void> => {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${view}: ${violation.id} (${violation.impact}) ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `   ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n'),
    );
  expect(bad, bad.join('\n')).toEqual([]);
};

test('the empty canvas has no serious or critical accessibility violations', async ({ page }) => {
  await openEditor(page);
  await scan(page, 'empty canvas');
});

test('the seed example, a selected node and the inspector have no serious violations', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await scan(page, 'seed example');
  await page.getByTestId('node-b').locator('.node-name').click();
  await expect(page.getByTestId('inspector-formula')).toBeVisible();
  await scan(page, 'seed with b selected');
});

test('the learning dock (expression, player, verify, training) has no serious violations', async ({
  page,
}) => {
  // One scan per tab, each a few seconds on a loaded machine.
  test.setTimeout(240_000);
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  for (const tab of await page.getByRole('tab').allTextContents()) {
    await page.getByRole('tab', { name: tab }).click();
    await scan(page, `learn dock: ${tab}`);
  }
});

test('the dialogs (shortcuts, export) have no serious violations', async ({ page }) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'shortcuts dialog');
  await page.keyboard.press('Escape');
  await page
    .getByRole('button', { name: /Export/ })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'export dialog');
});
