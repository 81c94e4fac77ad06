import { expect, test } from '@playwright/test';
import {
  dragOpToCanvas,
  edgeCount,
  node,
  nodeBox,
  openEditor,
  openExample,
  pageProblems,
  shownValue,
  screenshotPath,
} from './canvasDriver';

/** Find a node by name, the context menus of nodes, edges and the canvas, and dropping ops. */

test('Ctrl+F finds a node by name and jumps to it: selected, centred, focused', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await page.keyboard.press('ControlOrMeta+f');
  const search = page.getByRole('combobox', { name: 'Find a node by name' });
  await expect(search).toBeFocused();
  await page.keyboard.type('v');
  const options = page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('option');
  await expect(options.first()).toContainText('v = a + u');
  await page.screenshot({ path: screenshotPath('find.png') });
  await page.keyboard.press('Enter');
  await expect(search).toHaveCount(0);
  await expect(node(page, 'v')).toHaveClass(/is-selected/);
  await expect(page.getByTestId('inspector-formula')).toContainText('v = a + u');
  // Centred: the node is in the middle of the canvas.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const box = await nodeBox(page, 'v');
  expect(Math.abs(box.x + box.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(40);
  // Escape closes it without moving anything; a name nobody has says so.
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('zzz');
  await expect(page.getByText('No node matches')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);
  expect(pageProblems(page)).toEqual([]);
});

test('right-click menus on a node, an edge and the canvas run the editor’s actions', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');

  // A node: its actions, and Duplicate makes a copy.
  await node(page, 'u').locator('.node-name').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Menu of the node' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Set as output J',
    'Rename…',
    'Duplicate',
    'Disconnect',
    'Delete',
  ]);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.screenshot({ path: screenshotPath('context-menu.png') });
  await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(menu).toHaveCount(0);

  // Rename… puts the cursor in the inspector's name field.
  await node(page, 'a').locator('.node-name').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

  // An edge: Disconnect removes it.
  const before = await edgeCount(page);
  await page.locator('.react-flow__edge[data-id="a-v"]').click({ button: 'right', force: true });
  await page.getByRole('menuitem', { name: 'Disconnect' }).click();
  expect(await edgeCount(page)).toBe(before - 1);

  // The canvas: Add node here… opens quick add where the menu was opened.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.click(pane.x + 120, pane.y + pane.height - 140, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Add node here…' }).click();
  await expect(page.getByRole('combobox', { name: 'Add an op: type to search' })).toBeFocused();
  await page.keyboard.press('Escape');

  // A constant has no slider until its menu asks for one.
  await expect(node(page, 'three').locator('.value-slider')).toHaveCount(0);
  await node(page, 'three').locator('.node-name').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show slider' }).click();
  await expect(node(page, 'three').locator('.value-slider')).toHaveCount(1);
  expect(pageProblems(page)).toEqual([]);
});

test('the context menu works from the keyboard: Shift+F10, arrows, Escape gives focus back', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('J');
  await page.keyboard.press('Enter');
  const wrapper = node(page, 'J').locator('xpath=..');
  await expect(wrapper).toBeFocused();
  await page.keyboard.press('Shift+F10');
  const items = page.getByRole('menu', { name: 'Menu of the node' }).getByRole('menuitem');
  await expect(items.first()).toHaveText('Clear output J');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(items).toHaveCount(0);
  await expect(wrapper).toBeFocused();
  // The ContextMenu key does the same; Enter runs the focused item.
  await page.keyboard.press('ContextMenu');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node(page, 'J')).not.toHaveClass(/is-output/);
});

test('an op dropped from the palette lands where it was dropped', async ({ page }) => {
  await openEditor(page);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  for (const [x, y] of [
    [200, 150],
    [520, 420],
  ] as const) {
    await dragOpToCanvas(page, 'mul', x, y);
    const added = page.locator('.react-flow__node').last();
    const box = (await added.boundingBox())!;
    // The pointer is over the node's header, near its middle (snapped to the 20px grid), and the
    // view did not move: the first node on an empty canvas used to be zoomed away from the drop.
    expect(Math.abs(box.x + box.width / 2 - (pane.x + x))).toBeLessThan(40);
    expect(Math.abs(box.y + 20 - (pane.y + y))).toBeLessThan(30);
  }
});
