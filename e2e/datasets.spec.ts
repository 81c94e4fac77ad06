import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  clickNode,
  node,
  openEditor,
  openExample,
  pageProblems,
  screenshotPath,
} from './canvasDriver';

/**
 * Datasets and batches as a person uses them (issue 14): open the spiral example, watch the
 * decision boundary form while it trains and the test accuracy rise, click a sample to see its
 * values on every node, and get a clear message for a broken CSV.
 */

const SPIRAL = 'spiral.graph';

declare global {
  interface Window {
    /** Exposed by the app's data panel with `?instrument` (data/DataPanel.tsx). */
    __chainruleData?: {
      trainPoint(index: number): { x: number; y: number; x1: number; x2: number } | null;
    };
  }
}

const openTrain = async (page: Page): Promise<void> => {
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByLabel('Pace').selectOption('120');
};

/** The boundary canvas's pixels, to tell whether the picture changed. */
const boundaryPixels = (page: Page): Promise<string> =>
  page
    .getByTestId('boundary-canvas')
    .evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());

const testAccuracy = async (page: Page): Promise<number> =>
  Number.parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? 'NaN');

const trainingSteps = async (page: Page): Promise<number> =>
  Number(
    /Step (\d+)/.exec((await page.getByTestId('training-status').textContent()) ?? '')?.[1] ?? 0,
  );

test('the spiral: the boundary forms while it trains and the test accuracy rises', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openEditor(page);
  await openExample(page, SPIRAL);
  const canvas = page.getByTestId('boundary-canvas');
  await expect(canvas).toHaveAttribute('data-refreshes', /\d+/);
  await expect(page.getByTestId('boundary-view')).toContainText('test');
  const before = await boundaryPixels(page);
  await page.screenshot({ path: screenshotPath('spiral-before.png') });

  await openTrain(page);
  const run = page.getByRole('button', { name: /^Run \d+ steps$/ });
  const total = Number(/Run (\d+)/.exec((await run.getAttribute('aria-label')) ?? '')?.[1]);
  await run.click();
  // Partway through the run (the boundary forms in its first half): the curves have points.
  await expect
    .poll(() => trainingSteps(page), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(total / 3);
  // Paused there for the picture, then resumed.
  await page.getByRole('button', { name: /Pause/ }).click();
  await page.screenshot({ path: screenshotPath('spiral-halfway.png') });
  const firstAccuracy = await testAccuracy(page);
  await page.getByRole('button', { name: /^Resume: \d+ steps left$/ }).click();
  await expect(page.getByTestId('training-status')).toContainText(`Step ${total}`, {
    timeout: 120_000,
  });
  await page.screenshot({ path: screenshotPath('spiral-after.png') });
  expect(await boundaryPixels(page)).not.toBe(before);
  const accuracy = await testAccuracy(page);
  expect(accuracy).toBeGreaterThan(firstAccuracy);
  expect(accuracy).toBeGreaterThanOrEqual(70);
  await expect(page.getByTestId('data-accuracy-chart')).toBeVisible();
  expect(pageProblems(page)).toEqual([]);
});

test('clicking a training point shows that sample on every node; clear returns to the mean', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, SPIRAL);
  await expect(page.getByTestId('boundary-canvas')).toHaveAttribute('data-refreshes', /\d+/);
  // The spiral is wider than the canvas at the readable fit zoom (the fit shows its middle):
  // jump to the dataset node, as a person would, to watch its columns.
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('data');
  await page.keyboard.press('Enter');
  const x1 = page.getByTestId('value-data/x1');
  await expect(x1).toBeVisible();
  const mean = await x1.textContent();
  const point = await page.evaluate(() => window.__chainruleData?.trainPoint(16) ?? null);
  expect(point).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  await expect(page.getByTestId('sample-chip')).toContainText(/sample 17 of \d+/);
  // The dataset node's column shows this sample's coordinate, not the mean.
  await expect(x1).not.toHaveText(mean ?? '');
  expect(Number(await x1.getAttribute('title'))).toBeCloseTo(point!.x1, 9);
  // Every varying node's strip says it shows the sample.
  await expect(page.locator('.node-batch-caption').first()).toHaveText('sample 17');
  await page.getByTestId('sample-chip').getByRole('button', { name: 'clear' }).click();
  await expect(page.getByTestId('sample-chip')).toHaveCount(0);
  await expect(x1).toHaveText(mean ?? '');
});

test('a dataset node from the palette; a broken CSV is refused with its line', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: 'Add Dataset (dataset)' }).click();
  await expect(node(page, 'data')).toBeVisible();
  await expect(node(page, 'data')).toContainText('xor · 200 points');
  await clickNode(page, 'data');
  const inspector = page.getByTestId('dataset-inspector');
  await inspector.getByLabel('Data', { exact: true }).selectOption('spiral');
  await expect(node(page, 'data')).toContainText('spiral · 200 points');

  await inspector.getByLabel('Import CSV').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,2\n3\n4,abc\n'),
  });
  const errors = page.getByTestId('csv-errors');
  await expect(errors).toContainText('line 3');
  await expect(errors).toContainText('"abc" is not a number');
  // Nothing was imported.
  await expect(node(page, 'data')).toContainText('spiral · 200 points');

  await inspector.getByLabel('Import CSV').setInputFiles({
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,2\n3,5\n4,9\n'),
  });
  await expect(errors).toHaveCount(0);
  await expect(node(page, 'data')).toContainText('imported · 3 rows');
});
