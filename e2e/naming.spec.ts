import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  node,
  openEditor,
  openExample,
  pageProblems,
  shownValue,
  viewAtRest,
} from './canvasDriver';

/** Names, badges and wording a student reads: no `mul1`, no "J J", no "with x = x". */

const build = async (page: Page, source: string): Promise<void> => {
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: 'Expression' }).click();
  const box = page.getByLabel(/Expression: one per line/);
  await box.fill(source);
  await page.getByRole('button', { name: 'Build graph' }).click();
};

test('the expression box names intermediates u, v and turns a literal ^2 into square', async ({
  page,
}) => {
  await openEditor(page);
  await build(page, 'J = 3*(a + b*c)\na = 5\nb = 3\nc = 2');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const names = await page
    .locator('.op-node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-name')));
  expect(names.sort()).toEqual(['3', 'J', 'a', 'b', 'c', 'u', 'v']);
  // The output badge next to a node already called J does not say J again.
  await expect(node(page, 'J').locator('.node-header')).not.toContainText('J J');
  await expect(node(page, 'J').locator('.output-badge')).toHaveText('out');

  await build(page, 'J = (a + b)^2\na = 1\nb = 2');
  await expect(shownValue(page, 'J')).toHaveText('9');
  const ops = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  expect(ops.some((label) => label.includes('square node'))).toBe(true);
  expect(ops.some((label) => label.includes('const node'))).toBe(false);
  expect(pageProblems(page)).toEqual([]);
});

test('the inspector never writes a tautology, and a constant has no slider', async ({ page }) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(node(page, 'three').locator('.value-input')).toBeVisible();
  await expect(node(page, 'three').locator('.value-slider')).toHaveCount(0);
  await expect(node(page, 'a').locator('.value-slider')).toHaveCount(1);

  await build(page, 'J = square(x)\nx = 3');
  await expect(shownValue(page, 'J')).toHaveText('9');
  // The rebuilt graph is fitted with an animation: a click while J still glides is a drag.
  await viewAtRest(page);
  await node(page, 'J').locator('.node-name').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(page.getByTestId('inspector-formula')).toHaveText('J = x² = 3² = 9');
  await expect(inspector).not.toContainText('with x = x');
  await node(page, 'x').locator('.node-name').click();
  await expect(page.getByTestId('inspector-formula')).toHaveText('x = 3');
  await expect(inspector).not.toContainText('x = x');
});

test('a long error on a node is cut at a word, and the full message is on hover', async ({
  page,
}) => {
  await openEditor(page);
  await build(page, 'J = log(temperature - 300)\ntemperature = 20');
  const problem = node(page, 'J').locator('.node-problem');
  await expect(problem).toBeVisible();
  const [shown, full] = await problem.evaluate((element) => [
    element.textContent?.trim() ?? '',
    element.getAttribute('title') ?? '',
  ]);
  expect(full.length).toBeGreaterThan(0);
  const words = full.split(/\s+/);
  const shownWords = shown.replace(/…$/, '').split(/\s+/);
  // Every word shown is a whole word of the message, in order.
  shownWords.forEach((word, index) =>
    expect(words[index]?.startsWith(word.replace(/[,;:.]$/, ''))).toBe(true),
  );
  for (const [index, word] of shownWords.entries())
    expect(word.replace(/[,;:.]$/, '')).toBe(words[index]!.replace(/[,;:.]$/, ''));
});
