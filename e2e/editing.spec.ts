import { expect, test } from '@playwright/test';
import {
  clickNode,
  connectHandles,
  dragOpToCanvas,
  edgeCount,
  moveNode,
  node,
  nodeBox,
  nodeIds,
  openEditor,
  openExample,
  pageProblems,
  setOutputFromMenu,
  shownGradient,
  shownValue,
  typeValue,
} from './canvasDriver';

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

test.afterEach(async ({ page }) => {
  expect(pageProblems(page)).toEqual([]);
});

test('refuses a connection that would make a cycle, and says why', async ({ page }) => {
  await dragOpToCanvas(page, 'input', 80, 120); // a
  await dragOpToCanvas(page, 'add', 300, 120); // add1, named u
  await dragOpToCanvas(page, 'neg', 520, 120); // neg1, named v
  await connectHandles(page, 'a', 'add1', 'a');
  await connectHandles(page, 'add1', 'neg1', 'x');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  await connectHandles(page, 'neg1', 'add1', 'b');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Connecting v to u would make a cycle: v → u → v.');
  expect(await edgeCount(page)).toBe(2);

  // A node cannot feed itself either.
  await connectHandles(page, 'add1', 'add1', 'b');
  await expect(notice).toContainText('A node cannot feed itself: u → u.');
  expect(await edgeCount(page)).toBe(2);
});

test('offers to replace the connection of an occupied port', async ({ page }) => {
  await dragOpToCanvas(page, 'input', 80, 80); // a
  await dragOpToCanvas(page, 'input', 80, 240); // b
  await dragOpToCanvas(page, 'neg', 340, 160); // neg1, named u
  await typeValue(page, 'a', '2');
  await typeValue(page, 'b', '7');
  await connectHandles(page, 'a', 'neg1', 'x');
  await expect(shownValue(page, 'neg1')).toHaveText('-2');

  await connectHandles(page, 'b', 'neg1', 'x');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Port x of u is already connected from a.');
  await expect(shownValue(page, 'neg1')).toHaveText('-2');
  await notice.getByRole('button', { name: 'Replace' }).click();
  await expect(shownValue(page, 'neg1')).toHaveText('-7');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(notice).toBeHidden();

  // Replacing was one edit: one undo brings the old connection back.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(shownValue(page, 'neg1')).toHaveText('-2');
});

test('undoes and redoes add, wire, move, value edits and delete, one step each', async ({
  page,
}) => {
  await dragOpToCanvas(page, 'input', 80, 120); // a
  await dragOpToCanvas(page, 'neg', 320, 120); // neg1
  await connectHandles(page, 'a', 'neg1', 'x');
  const before = await nodeBox(page, 'neg1');
  await moveNode(page, 'neg1', 120, 80);
  const moved = await nodeBox(page, 'neg1');
  expect(moved.x - before.x).toBeGreaterThan(80);
  await typeValue(page, 'a', '12'); // two keystrokes, one undo step
  await expect(shownValue(page, 'neg1')).toHaveText('-12');
  await clickNode(page, 'neg1');
  await page.keyboard.press('Delete');
  expect(await nodeIds(page)).toEqual(['a']);

  const undo = () => page.keyboard.press('ControlOrMeta+z');
  const redo = () => page.keyboard.press('ControlOrMeta+Shift+z');

  await undo(); // delete
  expect(await nodeIds(page)).toEqual(['a', 'neg1']);
  await expect(shownValue(page, 'neg1')).toHaveText('-12');
  expect(await edgeCount(page)).toBe(1);
  await undo(); // value edit "12"
  await expect(shownValue(page, 'neg1')).toHaveText('0');
  await undo(); // move
  await expect.poll(async () => (await nodeBox(page, 'neg1')).x).toBeCloseTo(before.x, 0);
  await undo(); // wire
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(shownValue(page, 'neg1')).toContainText('not connected');
  await undo(); // add neg
  await expect(node(page, 'neg1')).toHaveCount(0);
  await undo(); // add input
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Undo/ })).toBeDisabled();

  for (let i = 0; i < 5; i++) await redo();
  await expect(shownValue(page, 'neg1')).toHaveText('-12');
  await expect.poll(async () => (await nodeBox(page, 'neg1')).x).toBeCloseTo(moved.x, 0);
  await redo();
  expect(await nodeIds(page)).toEqual(['a']);
  await expect(page.getByRole('button', { name: /Redo/ })).toBeDisabled();
});

test('one slider drag is one undo step', async ({ page }) => {
  await dragOpToCanvas(page, 'input', 120, 120); // a
  await dragOpToCanvas(page, 'square', 360, 120); // square1
  await connectHandles(page, 'a', 'square1', 'x');
  const slider = await node(page, 'a').locator('.value-slider').boundingBox();
  if (!slider) throw new Error('no slider');
  const y = slider.y + slider.height / 2;
  await page.mouse.move(slider.x + slider.width / 2, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++)
    await page.mouse.move(slider.x + slider.width / 2 + step * 3, y);
  await page.mouse.up();
  const dragged = await node(page, 'a').locator('.value-input').inputValue();
  expect(Number(dragged)).toBeGreaterThan(0);
  await expect(shownValue(page, 'square1')).not.toHaveText('0');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, 'a').locator('.value-input')).toHaveValue('0');
  await expect(shownValue(page, 'square1')).toHaveText('0');
  await page.keyboard.press('ControlOrMeta+z'); // the wire, not another slider frame
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
});

test('copy and paste keeps the edges between copied nodes, within and between graphs', async ({
  page,
}) => {
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  await clickNode(page, 'b');
  await clickNode(page, 'c', true);
  await clickNode(page, 'u', true);
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  // b, c and u pasted as d, e, mul1 with b→u and c→u kept (but not u→v, which left the selection)
  expect(await nodeIds(page)).toEqual(['a', 'b', 'c', 'u', 'v', 'three', 'J', 'd', 'e', 'mul1']);
  await expect(shownValue(page, 'mul1')).toHaveText('6');
  expect(await edgeCount(page)).toBe(8);

  // Into another graph: a new document (discarding the unsaved paste), then paste.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page
    .getByTestId('unsaved-dialog')
    .getByRole('button', { name: /Don.t Save/ })
    .click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+v');
  expect(await nodeIds(page)).toEqual(['a', 'b', 'mul1']);
  await expect(shownValue(page, 'mul1')).toHaveText('6');
  expect(await edgeCount(page)).toBe(2);

  // Duplicate works on the selection (the pasted nodes are selected).
  await page.keyboard.press('ControlOrMeta+d');
  expect(await nodeIds(page)).toHaveLength(6);
  expect(await edgeCount(page)).toBe(4);
});

test('log of a negative number is an error on that node, and blocks what depends on it', async ({
  page,
}) => {
  await dragOpToCanvas(page, 'input', 80, 120); // a
  await dragOpToCanvas(page, 'log', 300, 120); // log1, named u
  await dragOpToCanvas(page, 'square', 520, 120); // square1, named v
  await connectHandles(page, 'a', 'log1', 'x');
  await connectHandles(page, 'log1', 'square1', 'x');
  await setOutputFromMenu(page, 'square1');
  await typeValue(page, 'a', '-1');

  await expect(node(page, 'log1')).toHaveClass(/state-error/);
  await expect(shownValue(page, 'log1')).toHaveText('log needs x > 0, got -1');
  await expect(node(page, 'square1')).toHaveClass(/state-blocked/);
  await expect(shownValue(page, 'square1')).toContainText('blocked by an error in "u"');
  await expect(shownGradient(page, 'a')).toHaveText('dJ/da = —');
  await page.screenshot({ path: '/tmp/shots/error-state.png' });

  // Fixing the input heals the whole chain.
  await typeValue(page, 'a', '2');
  await expect(node(page, 'log1')).toHaveClass(/state-ok/);
  await expect(shownValue(page, 'square1')).toHaveText('0.480453'); // ln(2)²
  await expect(shownGradient(page, 'a')).toHaveText('dJ/da = 0.693147'); // 2·ln2 · 1/2
});

test('builds a graph from the keyboard alone with quick add', async ({ page }) => {
  await page.keyboard.press('/');
  const search = page.getByRole('combobox', { name: 'Add an op: type to search' });
  await expect(search).toBeFocused();
  await page.keyboard.type('input');
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();
  expect(await nodeIds(page)).toEqual(['a']);

  // With a selected, the next quick add is wired from it.
  await page.keyboard.press('/');
  await page.keyboard.type('exp');
  await expect(
    page.getByRole('listbox', { name: 'Matching ops' }).getByRole('option', { selected: true }),
  ).toContainText('Exponential');
  await page.keyboard.press('Enter');
  expect(await nodeIds(page)).toEqual(['a', 'exp1']);
  expect(await edgeCount(page)).toBe(1);
  await expect(shownValue(page, 'exp1')).toHaveText('1');

  // Arrow keys choose among matches; Escape closes without adding.
  await page.keyboard.press('/');
  await page.keyboard.type('s');
  await page.keyboard.press('ArrowDown');
  const second = await page
    .getByRole('listbox', { name: 'Matching ops' })
    .getByRole('option', { selected: true })
    .textContent();
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  expect(second).toBeTruthy();
  expect(await nodeIds(page)).toHaveLength(2);

  // Edit a value by keyboard: Tab into the field of a and type.
  await node(page, 'a').locator('.value-input').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1');
  await expect(shownValue(page, 'exp1')).toHaveText('2.71828');
});

test('reconnects an edge by dragging its end, and deletes edges', async ({ page }) => {
  await dragOpToCanvas(page, 'input', 80, 80); // a
  await dragOpToCanvas(page, 'input', 80, 260); // b
  await dragOpToCanvas(page, 'sub', 340, 160); // sub1 = a - b
  await typeValue(page, 'a', '5');
  await typeValue(page, 'b', '2');
  await connectHandles(page, 'a', 'sub1', 'a');
  await connectHandles(page, 'b', 'sub1', 'b');
  await expect(shownValue(page, 'sub1')).toHaveText('3');

  // Drag the end of a → sub1.a onto nothing: the edge goes, sub1 is blocked on port a.
  const end = page.locator('.react-flow__edge').first().locator('.react-flow__edgeupdater-target');
  const from = await end.boundingBox();
  if (!from) throw new Error('no edge end');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 200, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(shownValue(page, 'sub1')).toContainText('not connected');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(shownValue(page, 'sub1')).toHaveText('3');

  // Drag the same end onto another node's port: the edge now feeds neg1.
  await dragOpToCanvas(page, 'neg', 560, 300); // neg1
  const again = await page.locator('[data-id="e1"] .react-flow__edgeupdater-target').boundingBox();
  const port = await node(page, 'neg1').locator('[data-handleid="x"]').boundingBox();
  if (!again || !port) throw new Error('no edge end or port');
  await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
  await page.mouse.down();
  await page.mouse.move(port.x + 30, port.y + 30, { steps: 6 });
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(shownValue(page, 'neg1')).toHaveText('-5');
  await expect(shownValue(page, 'sub1')).toContainText('not connected');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+z'); // one step back to a → sub1.a
  await expect(shownValue(page, 'sub1')).toHaveText('3');

  // Click an edge and delete it.
  await page.locator('.react-flow__edge').nth(1).click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(shownValue(page, 'sub1')).toContainText('not connected');
});

test('box-selects with Shift+drag, and the dirty marker follows the history', async ({ page }) => {
  await openExample(page, 'seed.graph');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  const a = await nodeBox(page, 'a');
  const c = await nodeBox(page, 'c');
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 20, a.y - 20);
  await page.mouse.down();
  await page.mouse.move(c.x + c.width + 10, c.y + c.height + 10, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  for (const id of ['a', 'b', 'c']) await expect(node(page, id)).toHaveClass(/is-selected/);
  await expect(node(page, 'u')).not.toHaveClass(/is-selected/);
  await expect(page.getByText('3 nodes selected.')).toBeVisible();

  await page.keyboard.press('Delete');
  expect(await nodeIds(page)).toEqual(['u', 'v', 'three', 'J']);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  expect(await nodeIds(page)).toHaveLength(7);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
});

test("a node's ⋯ menu duplicates and deletes that node alone", async ({ page }) => {
  await openExample(page, 'seed.graph');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  // Another node is selected: the menu must act on its own node, not on the selection.
  await clickNode(page, 'a');
  await node(page, 'u').locator('.node-menu > button').click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  const copy = (await nodeIds(page)).find(
    (id) => !['a', 'b', 'c', 'u', 'v', 'three', 'J'].includes(id),
  );
  // A lone copy keeps no edges (only edges inside a duplicated selection are kept): it waits.
  await expect(shownValue(page, copy!)).toContainText('not connected');
  expect(await nodeIds(page)).toContain('a');
  await node(page, 'c').locator('.node-menu > button').click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  expect(await nodeIds(page)).not.toContain('c');
  expect(await nodeIds(page)).toContain('a');
  await expect(shownValue(page, 'u')).toContainText('not connected');
});
