import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  node,
  openEditor,
  openExample,
  pageProblems,
  shownValue,
  screenshotPath,
} from './canvasDriver';

/**
 * Teaching: the player does not give the answer away (gradients appear as the backward pass
 * reaches them), the gallery's step-by-step lesson opens the player at step 1, and training is
 * something you watch, with Pause, Step, Stop and Run to end.
 */

const gradientShown = (page: Page, id: string) => node(page, id).locator('.node-grad .grad-number');

test('the gallery lesson opens the player at step 1, with every gradient hidden until reached', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByRole('button', { name: 'J = 3(a + bc)', exact: true }).click();
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  await expect(page.getByRole('tab', { name: 'Backprop player' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('player-phase')).toHaveText(/^Forward pass · step 1 of 7/);

  // During the forward pass no gradient shows: not on nodes, not on edges.
  const next = page.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < 4; i++) await next.click();
  await expect(page.getByTestId('player-phase')).toHaveText(/^Forward pass · step 5 of 7/);
  await expect(shownValue(page, 'v')).toHaveText('11');
  for (const id of ['a', 'b', 'c', 'u', 'v', 'J']) {
    await expect(gradientShown(page, id)).toBeHidden();
  }
  for (const id of ['b-u', 'c-u', 'a-v', 'u-v', 'v-J']) {
    await expect(page.getByTestId(`edge-label-${id}`)).toBeHidden();
  }
  await page.screenshot({ path: screenshotPath('player-forward.png') });

  // The backward pass reveals each gradient as it reaches it: J first, b before c.
  await next.click();
  await next.click();
  await next.click();
  await expect(page.getByTestId('player-phase')).toContainText('Backward pass');
  await expect(gradientShown(page, 'J')).toBeVisible();
  await expect(gradientShown(page, 'b')).toBeHidden();
  const caption = page.getByTestId('player-caption');
  for (let i = 0; i < 12 && !/∂u\/∂b/.test((await caption.textContent()) ?? ''); i++)
    await next.click();
  await expect(caption).toContainText('dJ/du · ∂u/∂b = 3 · 2 = 6');
  await expect(gradientShown(page, 'b')).toHaveText('6');
  await expect(page.getByTestId('edge-label-b-u')).toBeVisible();
  await expect(gradientShown(page, 'c')).toBeHidden();
  await expect(page.getByTestId('edge-label-c-u')).toBeHidden();

  // At the end everything shows; closing the player shows everything too.
  await page.getByLabel('Player position').focus();
  await page.keyboard.press('End');
  await expect(gradientShown(page, 'c')).toHaveText('9');
  await page.keyboard.press('Home');
  await expect(gradientShown(page, 'c')).toBeHidden();
  await page.getByRole('button', { name: 'Close learning mode' }).click();
  await expect(gradientShown(page, 'c')).toHaveText('9');
  expect(pageProblems(page)).toEqual([]);
});

const steps = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('training-status').textContent()) ?? '';
  return Number(/Step (\d+)/.exec(text)?.[1] ?? 0);
};

test('training plays at a watchable pace; Pause, Step, Stop and Run to end work', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'least-squares-by-hand.graph');
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  await page.getByRole('tab', { name: 'Train' }).click();
  const status = page.getByTestId('training-status');

  // Settings that are not numbers, or out of range, are refused inline and Run stays disabled.
  const rate = page.getByLabel('Learning rate');
  await rate.fill('fast');
  await expect(page.getByText('Learning rate must be a number, e.g. 0.02')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Run \d+ steps/ })).toBeDisabled();
  await rate.fill('50');
  await expect(page.getByText('Learning rate must be at most 10')).toBeVisible();
  await rate.fill('0.005');
  await page.getByLabel('Steps', { exact: true }).fill('2.5');
  await expect(page.getByText('Steps must be a whole number, e.g. 500')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  await page.getByLabel('Steps', { exact: true }).fill('600');
  await expect(page.getByRole('alert').filter({ hasText: /must be/ })).toHaveCount(0);
  await expect(page.getByLabel('Pace')).toHaveValue('30');

  // Run: about 30 steps a second, so 600 steps take about 20 s, and the numbers move meanwhile.
  const jBefore = await shownValue(page, 'J').textContent();
  const started = Date.now();
  await page.getByRole('button', { name: 'Run 600 steps' }).click();
  await expect
    .poll(() => steps(page), { timeout: 20_000, intervals: [100] })
    .toBeGreaterThanOrEqual(280);
  const halfway = await steps(page);
  expect(halfway).toBeLessThan(600);
  expect(Date.now() - started).toBeGreaterThan(7_000); // not all at once
  // Pause first (the Run button takes its place when a run ends, so a late click would start
  // another), then photograph the run stopped part-way.
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await expect(page.getByRole('button', { name: /Resume/ })).toBeVisible();
  await expect(shownValue(page, 'J')).not.toHaveText(jBefore ?? '');
  await page.screenshot({ path: screenshotPath('training-halfway.png') });
  const paused = await steps(page);
  await page.waitForTimeout(600);
  expect(await steps(page)).toBe(paused);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toContainText(`Step ${paused + 1}`);
  await expect(page.getByRole('button', { name: /Resume: \d+ steps left/ })).toHaveText(
    `▶ Resume (${600 - paused - 1} left)`,
  );
  await page.getByRole('button', { name: '■ Stop' }).click();
  await expect(page.getByRole('button', { name: 'Run 600 steps' })).toBeVisible();

  // Run to end: the impatient get the whole run at once.
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(status).toContainText(`Step ${paused + 1 + 600}`, { timeout: 10_000 });
  expect(pageProblems(page)).toEqual([]);
});
