import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { clickNode, node, openEditor, pageProblems, shownValue, typeValue } from './canvasDriver';

/**
 * Learning mode as a person uses it: type an expression, play backpropagation step by step,
 * nudge an input, check every gradient, and train the least-squares-by-hand example.
 */

const SHOTS = '/tmp/shots';

const openLearn = async (page: Page, tab: string): Promise<void> => {
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: tab }).click();
};

/** Steps the player forward until its caption matches, as a person clicking Next would. */
const stepUntil = async (page: Page, caption: RegExp, limit = 40): Promise<void> => {
  const shown = page.getByTestId('player-caption');
  for (let i = 0; i < limit; i++) {
    if (caption.test((await shown.textContent()) ?? '')) return;
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(shown).toHaveText(caption);
};

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('typing J = 3*(a + b*c) builds the seed; the player shows b’s backward step 3 · 2 = 6', async ({
  page,
}) => {
  await openEditor(page);
  await openLearn(page, 'Expression');
  const box = page.getByLabel(/Expression: one per line/);
  await box.click();
  await page.keyboard.type('J = 3*(a + b*c)\na = 5\nb = 3\nc = 2');
  await page.getByRole('button', { name: 'Build graph' }).click();

  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(shownValue(page, 'J')).toHaveText('33');
  // Laid out left to right: the inputs are left of J.
  const jBox = (await node(page, 'J').boundingBox())!;
  for (const input of ['a', 'b', 'c']) {
    expect((await node(page, input).boundingBox())!.x).toBeLessThan(jBox.x);
  }
  // One undo step takes the whole build back.
  await expect(page.getByRole('button', { name: '↶ Undo' })).toHaveAttribute(
    'title',
    /Build from expression/,
  );

  await openLearn(page, 'Backprop player');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByTestId('player-phase')).toContainText('Forward pass');
  await stepUntil(page, /^u = b·c = 3·2 = 6$/);
  // The node being computed lights up with its computation; nodes not yet computed are dimmed.
  await expect(page.getByTestId('player-bubble-mul1')).toHaveText('u = b·c = 3·2 = 6');
  await expect(node(page, 'J')).toHaveClass(/player-pending/);
  await page.screenshot({ path: `${SHOTS}/player-forward.png` });
  await stepUntil(page, /∂\w+\/∂b = 3 · 2 = 6/);
  await expect(page.getByTestId('player-caption')).toContainText('3 · 2 = 6');
  await expect(page.getByTestId('player-phase')).toContainText('Backward pass');
  // The canvas lights b's edge and writes the factor on it.
  await expect(page.locator('.player-edge-caption')).toContainText('3 · 2 = 6');
  await expect(node(page, 'b')).toHaveClass(/player-current/);
  await page.screenshot({ path: `${SHOTS}/player-backward.png` });

  // Stepping back returns to the previous step; the scrubber goes anywhere by keyboard.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByTestId('player-caption')).not.toContainText('∂b');
  const scrubber = page.getByLabel('Player position');
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('player-phase')).toHaveText(/Ready/);
  expect(pageProblems(page)).toEqual([]);
});

test('the empty canvas offers the gallery; an expression error points at the exact column', async ({
  page,
}) => {
  await openEditor(page);
  await page.screenshot({ path: `${SHOTS}/empty-canvas.png` });
  await page.getByRole('button', { name: 'Vanishing gradients' }).click();
  await expect(page.getByTestId('document-name')).toContainText('sigmoid-chain');
  // Its one sentence on what to try, over the canvas while the learning panel is closed.
  await expect(page.getByText(/Vanishing gradients: Compare dJ\/dw1/)).toBeVisible();

  await openLearn(page, 'Expression');
  await page.getByLabel(/Expression: one per line/).fill('J = 3*sigmod(a)');
  const error = page.getByTestId('expression-error');
  await expect(error).toContainText('Line 1, column 7');
  await expect(error).toContainText('Did you mean sigmoid?');
  await expect(error.locator('.learn-caret-mark')).toHaveText('      ^^^^^^');
  await expect(page.getByRole('button', { name: 'Build graph' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/expression-error.png` });
});

test('nudging shows the predicted change beside the actual one; every gradient checks out', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByRole('button', { name: /Open the example/ }).click();
  await expect(shownValue(page, 'J')).toHaveText('33');
  await openLearn(page, 'Verify');
  await page.getByLabel('Input', { exact: true }).selectOption({ label: 'b' });
  await page.getByLabel('by Δ').fill('0.1');
  await page.getByRole('button', { name: 'Nudge', exact: true }).click();
  await expect(page.getByTestId('nudge-predicted')).toHaveText('dJ/db · Δ = 6 · 0.1 = 0.6');
  await expect(page.getByTestId('nudge-actual')).toHaveText('33.6 − 33 = 0.6');
  await expect(shownValue(page, 'J')).toHaveText('33.6');

  await page.getByTestId('check-gradients').click();
  await expect(page.getByRole('status').filter({ hasText: 'gradients agree' })).toContainText(
    '✓ All 7 gradients agree',
  );
  await expect(page.locator('.check-badge.check-ok')).toHaveCount(7);

  // The formula of the selected node, typeset, with its text.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await clickNode(page, 'J');
  await expect(page.getByTestId('learn-formula').locator('.katex')).toBeVisible();
  await page.getByRole('button', { name: 'Copy the formula of J as text' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Formula copied.' })).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('J = 3*(a + b*c)');
  await expect(page.getByTestId('learn-formula-text')).toHaveText(/= 3\*\(a \+ b\*c\)$/);
  await page.screenshot({ path: `${SHOTS}/verify-and-formula.png` });
  expect(pageProblems(page)).toEqual([]);
});

test('near the largest double, Nudge and Check gradients say why instead of failing', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel('Open an example').selectOption('tanh-neuron.graph');
  // b at the largest double: z = w·x + b is still finite and y = tanh(z) = 1.
  await typeValue(page, 'b', '1.7976931348623157e308');
  await expect(shownValue(page, 'y')).toHaveText('1');
  await openLearn(page, 'Verify');
  await page.getByLabel('Input', { exact: true }).selectOption({ label: 'b' });
  await page.getByLabel('by Δ').fill('1e300');
  await page.getByRole('button', { name: 'Nudge', exact: true }).click();
  await expect(page.locator('.learn-verify-nudge .node-problem')).toHaveText(
    '1.79769e308 + 1e300 overflows the largest number; try a smaller Δ.',
  );
  await page.getByTestId('check-gradients').click();
  // b and z cannot be differenced (a step from them overflows): skipped with the reason, and
  // the other four agree.
  await expect(page.getByRole('status').filter({ hasText: 'gradients agree' })).toContainText(
    '✓ All 4 gradients agree',
  );
  await expect(
    page.getByTestId('check-table').getByText(/skipped: a step of ±1\.80e\+303 from/),
  ).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/verify-overflow.png` });
  expect(pageProblems(page)).toEqual([]);
});

test('training the least-squares-by-hand example reduces J, and one undo restores the values', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel('Open an example').selectOption('least-squares-by-hand.graph');
  await expect(page.getByTestId('document-name')).toContainText('least-squares-by-hand');
  await openLearn(page, 'Train');
  const before = Number(await shownValue(page, 'J').textContent());
  expect(before).toBeGreaterThan(10);

  await page.getByLabel('Learning rate').fill('0.02');
  await page.getByLabel('Steps', { exact: true }).fill('400');
  // Run to end: the whole run at once (Run plays it at a watchable pace, see teaching.spec.ts).
  await expect(page.getByRole('button', { name: /Run 400 steps/ })).toBeEnabled();
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.getByTestId('training-status')).toContainText('Step 400', { timeout: 20_000 });
  const after = Number(await page.getByTestId('training-loss').textContent());
  expect(after).toBeLessThan(before / 10);
  await expect(shownValue(page, 'J')).toHaveText(String(after));
  await expect(page.getByTestId('loss-chart').locator('canvas')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/training.png` });

  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(shownValue(page, 'J')).toHaveText(String(before));

  // A fixed input is data, not a parameter: training leaves it alone.
  await clickNode(page, 'b');
  await page.getByLabel(/^Fixed: training leaves b alone/).check();
  await page.getByLabel('Steps', { exact: true }).fill('50');
  await page.getByRole('button', { name: /Run 50 steps/ }).click();
  await expect(page.getByTestId('training-status')).toContainText('Step 50');
  await expect(page.getByText('Training w. Undo takes a whole run back.')).toBeVisible();
  await expect(page.getByLabel('Value of b', { exact: true })).toHaveValue('0');
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(shownValue(page, 'J')).toHaveText(String(before));

  // Too large a rate diverges: training stops with a message and the values stay finite.
  await page.getByLabel('Learning rate').fill('1');
  await page.getByLabel('Steps', { exact: true }).fill('400');
  await page.getByRole('button', { name: /Run 400 steps/ }).click();
  await expect(page.getByTestId('training-message')).toContainText('diverged');
  await expect(shownValue(page, 'J')).not.toHaveText(/NaN|∞/);
  expect(pageProblems(page)).toEqual([]);
});

test('Tidy up lays the graph out left to right as one undo step', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: /Open the example/ }).click();
  await expect(shownValue(page, 'J')).toHaveText('33');
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByRole('button', { name: '↶ Undo' })).toHaveAttribute('title', /Tidy up/);
  const edges = [
    ['b', 'u'],
    ['u', 'v'],
    ['v', 'J'],
  ];
  for (const [from, to] of edges) {
    expect((await node(page, from!).boundingBox())!.x).toBeLessThan(
      (await node(page, to!).boundingBox())!.x,
    );
  }
});

test('at a fan-out the player sums the gradient term by term, one term per edge', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel('Open an example').selectOption('fan-out.graph');
  await openLearn(page, 'Backprop player');
  await expect(page.getByTestId('learn-tip')).toContainText('2 + 1 = 3');
  const scrubber = page.getByLabel('Player position');
  await scrubber.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('player-caption')).toHaveText('dJ/dx = 2 + 1 = 3');
  await expect(page.getByTestId('player-bubble-x')).toHaveText('dJ/dx = 2 + 1 = 3');
  await expect(page.locator('.react-flow__edge-path.player-current')).toHaveCount(2);
  // The list of steps says where the player is, and a click goes anywhere.
  await page.getByTestId('player-steps').getByRole('button', { name: 'u = x·y = 3·2 = 6' }).click();
  await expect(page.getByTestId('player-phase')).toContainText('Forward pass');
  await expect(node(page, 'u')).toHaveClass(/player-current/);

  // Play runs to the end by itself at the chosen speed, then offers Play again.
  await page.getByLabel('Speed').selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByTestId('player-caption')).toHaveText('dJ/dx = 2 + 1 = 3');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // The tabs follow the WAI-ARIA pattern: arrow keys move between them.
  await page.getByRole('tab', { name: 'Backprop player' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Verify' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Verify' })).toBeFocused();
});
