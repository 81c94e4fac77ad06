import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  node,
  nodeBox,
  openEditor,
  pageProblems,
  shownGradient,
  shownValue,
  screenshotPath,
} from './canvasDriver';

/**
 * The seed graph J = 3(a + bc), built without a mouse: every step below is a key press, as a
 * person who cannot use a pointer works.
 */

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
const tabTo = async (page: Page, selector: string, backwards = false, limit = 120) => {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
};

/** Ctrl+F, the name, Enter: the node is selected, centred and focused. */
const findNode = async (page: Page, name: string): Promise<void> => {
  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByRole('combobox', { name: 'Find a node by name' })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
};

/** Types a value into the selected node's field in the inspector. */
const setValue = async (page: Page, name: string, value: string): Promise<void> => {
  await findNode(page, name);
  await tabTo(page, '.inspector .value-input');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
};

/** Picks the source of an input port of the selected node in the inspector, by typing its name. */
const pickSource = async (page: Page, port: string, source: string): Promise<void> => {
  await tabTo(page, `.inspector select[aria-label="Source of ${port}"]`);
  await page.keyboard.type(source);
};

const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('J = 3(a + bc) is built by keyboard alone: J = 33, dJ/da = 3, dJ/db = 6, dJ/dc = 9', async ({
  page,
}) => {
  await openEditor(page);
  // The palette's search: type an op, Enter adds it (at a free spot, never on top of another).
  await tabTo(page, '.palette-search');
  for (const [op, times] of [
    ['input', 3],
    ['mul', 2],
    ['add', 1],
    ['const', 1],
  ] as const) {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(op);
    for (let i = 0; i < times; i++) await page.keyboard.press('Enter');
  }
  const ids = ['a', 'b', 'c', 'mul1', 'mul2', 'add1', 'const1'];
  await expect(page.locator('.react-flow__node')).toHaveCount(ids.length);
  // Named as a textbook names them, and no two stacked.
  await expect(node(page, 'mul1')).toHaveAttribute('data-node-name', 'u');
  await expect(node(page, 'mul2')).toHaveAttribute('data-node-name', 'v');
  await expect(node(page, 'add1')).toHaveAttribute('data-node-name', 'w');
  const boxes = await Promise.all(ids.map((id) => nodeBox(page, id)));
  for (const [i, box] of boxes.entries())
    for (const other of boxes.slice(i + 1)) expect(overlaps(box, other)).toBe(false);

  await setValue(page, 'a', '5');
  await setValue(page, 'b', '3');
  await setValue(page, 'c', '2');
  await setValue(page, 'const1', '3');

  // u = b·c, w = a + u, v = 3·w: each port's source picked in the inspector.
  await findNode(page, 'mul1');
  await pickSource(page, 'a', 'b');
  await pickSource(page, 'b', 'c');
  await findNode(page, 'add1');
  await pickSource(page, 'a', 'a');
  await pickSource(page, 'b', 'u');
  await findNode(page, 'mul2');
  await pickSource(page, 'a', 'const1');
  await pickSource(page, 'b', 'w');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await tabTo(page, '.inspector [data-output-toggle]');
  await page.keyboard.press('Enter');

  await expect(shownValue(page, 'mul2')).toHaveText('33');
  await expect(shownGradient(page, 'a')).toHaveText('dJ/da = 3');
  await expect(shownGradient(page, 'b')).toHaveText('dJ/db = 6');
  await expect(shownGradient(page, 'c')).toHaveText('dJ/dc = 9');
  // The polite live region said what happened.
  await expect(page.getByTestId('canvas-announcer')).toContainText('J = 33');

  // Changing b by keyboard is announced with J and dJ/db.
  await setValue(page, 'b', '4');
  await expect(page.getByTestId('canvas-announcer')).toHaveText('Set b. J = 39, dJ/db = 6');
  expect(pageProblems(page)).toEqual([]);
});

test('arrow keys move the selected node (Shift further); focus is visible on nodes and edges', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel('Open an example').selectOption('seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await findNode(page, 'b');
  await expect(node(page, 'b').locator('xpath=..')).toBeFocused();
  // Where b is on the canvas (flow coordinates, from its wrapper's translate): Find may still be
  // moving the view to b, so screen boxes would mix the node's move with the view's.
  const at = () =>
    node(page, 'b')
      .locator('xpath=..')
      .evaluate((element) => {
        const m = new DOMMatrixReadOnly(getComputedStyle(element).transform);
        return { x: m.e, y: m.f };
      });
  const before = await at();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await at()).y).toBeGreaterThan(before.y);
  const step = await at();
  expect(step.x).toBeGreaterThan(before.x);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await at()).x).toBeGreaterThan(step.x);
  const far = await at();
  expect(far.x - step.x).toBeGreaterThan(step.x - before.x);
  // Focus on a node is drawn as a ring.
  const outline = await node(page, 'b').evaluate(
    (element) => getComputedStyle(element).outlineStyle,
  );
  expect(outline).toBe('solid');
  await page.screenshot({ path: screenshotPath('keyboard-focus-node.png') });

  // Tab reaches the edges too; the focused edge is highlighted, and Shift+F10 opens its menu.
  await tabTo(page, '.react-flow__edge[data-id="b-u"]', false, 250);
  const halo = await page.evaluate(() => {
    const path = document.activeElement?.querySelector('.react-flow__edge-interaction');
    return path ? getComputedStyle(path).strokeOpacity : null;
  });
  expect(Number(halo)).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('keyboard-focus-edge.png') });
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'Menu of the edge' })).toBeVisible();
  await expect(page.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  expect(pageProblems(page)).toEqual([]);
});

test('the palette’s skip link jumps to the canvas', async ({ page }) => {
  await openEditor(page);
  await page.getByLabel('Open an example').selectOption('seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await tabTo(page, '.skip-link');
  await expect(page.locator('.skip-link')).toBeVisible();
  await page.keyboard.press('Enter');
  expect(
    await page.evaluate(() => document.activeElement?.classList.contains('react-flow__node')),
  ).toBe(true);
});
