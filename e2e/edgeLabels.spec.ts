import { expect, test } from '@playwright/test';
import {
  clickNode,
  openEditor,
  openExample,
  pageProblems,
  shownValue,
  screenshotPath,
} from './canvasDriver';

/**
 * Edge labels stay compact (`×2 → 6`: the local factor and what the edge carries back) and
 * expand to the chain-rule sentence when a person looks at one edge: hover, keyboard focus, or
 * selection. On an incomplete graph they say a short state, not a sentence the width of the screen.
 */

test('edge labels are compact by default and the full sentence on hover, focus and selection', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const label = page.getByTestId('edge-label-b-u');
  await expect(label).toHaveText('×2 → 6');
  await expect(page.getByTestId('edge-label-c-u')).toHaveText('×3 → 9');
  await expect(page.getByTestId('edge-label-a-v')).toHaveText('×1 → 3');
  // The sentence is one hover away for the pointer, and always there for a screen reader.
  await expect(label).toHaveAttribute('aria-label', 'dJ/du · ∂u/∂b = 3 · 2 = 6');
  // Closer in for the pictures, so the labels can be read in them.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('.react-flow__controls-zoomin').click();
  await page.locator('.react-flow__controls-zoomin').click();
  await page.mouse.move(5, 400);
  await page.screenshot({ path: screenshotPath('edge-labels-compact.png') });

  const edge = page.locator('.react-flow__edge[data-id="b-u"]');
  await edge.hover();
  await expect(label).toHaveText('dJ/du · ∂u/∂b = 3 · 2 = 6');
  await expect(page.getByTestId('edge-label-c-u')).toHaveText('×3 → 9');
  await page.screenshot({ path: screenshotPath('edge-labels-hovered.png') });
  await page.mouse.move(5, 400);
  await expect(label).toHaveText('×2 → 6');

  // Keyboard focus expands it too.
  await edge.focus();
  await expect(label).toHaveText('dJ/du · ∂u/∂b = 3 · 2 = 6');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(label).toHaveText('×2 → 6');

  // So does selecting it, and it stays expanded while selected.
  await page.getByTestId('edge-label-c-u').waitFor();
  await page.locator('.react-flow__edge[data-id="c-u"]').click();
  await page.mouse.move(5, 400);
  await expect(page.getByTestId('edge-label-c-u')).toHaveText('dJ/du · ∂u/∂c = 3 · 3 = 9');
  expect(pageProblems(page)).toEqual([]);
});

test('on an incomplete graph an edge says a short state', async ({ page }) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  // Without J there is no gradient: the label says so in a few characters.
  await clickNode(page, 'J');
  await page.keyboard.press('Delete');
  await page.mouse.move(5, 400);
  const label = page.getByTestId('edge-label-b-u');
  await expect(label).toHaveText('×2 · no J');
  const box = (await label.boundingBox())!;
  expect(box.width).toBeLessThan(120);
  await page.locator('.react-flow__edge[data-id="b-u"]').hover();
  await expect(label).toHaveText('∂u/∂b = 2 (choose an output J for dJ)');
  expect(pageProblems(page)).toEqual([]);
});
