import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

/** Opens the editor with the render counters on, and waits for the canvas. */
export const openEditor = async (page: Page): Promise<void> => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto('/?instrument');
  await expect(page.locator('.react-flow__pane')).toBeVisible();
  (page as Page & { problems?: string[] }).problems = problems;
};

/**
 * Makes Save fall back to a download (and Open to a file input): no native pickers, so a test
 * sees what was saved. Call before {@link openEditor}.
 */
export const saveByDownload = async (page: Page): Promise<void> => {
  await page.addInitScript(() => {
    const target = window as unknown as Record<string, unknown>;
    delete target.showOpenFilePicker;
    delete target.showSaveFilePicker;
  });
};

/** Errors the page logged since {@link openEditor}. */
export const pageProblems = (page: Page): string[] =>
  (page as Page & { problems?: string[] }).problems ?? [];

export const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

const center = async (locator: Locator): Promise<{ x: number; y: number }> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Drags an op from the palette onto the canvas at (x, y) relative to the canvas, with the mouse. */
export const dragOpToCanvas = async (
  page: Page,
  op: string,
  x: number,
  y: number,
): Promise<void> => {
  const item = page.locator(`.palette-item[data-op="${op}"]`);
  await item.scrollIntoViewIfNeeded();
  const from = await center(item);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y, { steps: 4 });
  await page.mouse.move(pane.x + x, pane.y + y, { steps: 8 });
  await page.mouse.up();
};

/** Drags from one node's output handle to another's input port, with the mouse. */
export const connectHandles = async (
  page: Page,
  source: string,
  target: string,
  port: string,
): Promise<void> => {
  const from = await center(node(page, source).locator('.react-flow__handle.source'));
  const to = await center(
    node(page, target).locator(`.react-flow__handle[data-handleid="${port}"]`),
  );
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
};

/** Types a value into a source node's field, replacing what was there, and leaves the field. */
export const typeValue = async (page: Page, id: string, value: string): Promise<void> => {
  const field = node(page, id).locator('.value-input');
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(value);
  await field.press('Enter');
};

/** The value shown on a function node. */
export const shownValue = (page: Page, id: string): Locator => page.getByTestId(`value-${id}`);
/** The gradient dJ/d(node) shown on a node, e.g. `dJ/da = 3`. */
export const shownGradient = (page: Page, id: string): Locator => page.getByTestId(`grad-${id}`);

/** Drags a node by its header by (dx, dy). */
export const moveNode = async (page: Page, id: string, dx: number, dy: number): Promise<void> => {
  const header = await center(node(page, id).locator('.node-name'));
  await page.mouse.move(header.x, header.y);
  await page.mouse.down();
  await page.mouse.move(header.x + dx / 2, header.y + dy / 2, { steps: 5 });
  await page.mouse.move(header.x + dx, header.y + dy, { steps: 5 });
  await page.mouse.up();
};

/**
 * Waits until the viewport's transform is the same over 150 ms: an animated move (Fit view, Find,
 * a rebuild's refit) has ended, so a click lands where the node is, not where it passes.
 */
export const viewAtRest = async (page: Page): Promise<void> => {
  const transform = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((element) => getComputedStyle(element).transform);
  let last = '';
  await expect
    .poll(async () => {
      await page.waitForTimeout(150);
      const now = await transform();
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
};

/** Where a node is drawn, in screen pixels. */
export const nodeBox = async (page: Page, id: string) => {
  const box = await node(page, id).boundingBox();
  if (!box) throw new Error(`node ${id} is not visible`);
  return box;
};

/** Opens an example from the top bar. */
export const openExample = async (page: Page, file: string): Promise<void> => {
  await page.getByLabel('Open an example').selectOption(file);
};

/** Drops a `.graph` file onto the window, as a person dragging it from their file manager. */
export const dropGraphFile = async (page: Page, name: string, text: string): Promise<void> => {
  await page.evaluate(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      const target = document.querySelector('.react-flow__pane') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { name, text },
  );
};

/** Clicks a node's name (selecting it), optionally adding to the selection with Shift. */
export const clickNode = async (page: Page, id: string, shift = false): Promise<void> => {
  if (shift) await page.keyboard.down('Shift');
  await node(page, id).locator('.node-name').click();
  if (shift) await page.keyboard.up('Shift');
};

/** Chooses a node as the output J through its ⋯ menu. */
export const setOutputFromMenu = async (page: Page, id: string): Promise<void> => {
  await node(page, id).locator('.node-menu > button').click();
  await page.getByRole('menuitem', { name: 'Set as output J' }).click();
};

/** Ids of the nodes on the canvas. */
export const nodeIds = async (page: Page): Promise<string[]> =>
  page
    .locator('.react-flow__node')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-id') ?? ''));

/** How many edges the canvas draws. */
export const edgeCount = (page: Page): Promise<number> => page.locator('.react-flow__edge').count();

/**
 * A `.graph` lattice of about 1,000 nodes: 40 inputs, 24 layers of adds/muls, a sum into J
 * (`width` inputs and `depth` layers for other sizes).
 */
export const thousandNodes = (width = 40, depth = 25): string => {
  const nodes: string[] = [];
  const edges: string[] = [];
  const id = (layer: number, row: number) => `n${layer}_${row}`;
  for (let layer = 0; layer < depth; layer++) {
    for (let row = 0; row < width; row++) {
      const at = `"position": { "x": ${layer * 220}, "y": ${row * 110} }`;
      if (layer === 0) {
        nodes.push(
          `{ "id": "${id(layer, row)}", "op": "input", "params": { "value": ${(row % 7) / 10 + 0.1} }, ${at} }`,
        );
        continue;
      }
      nodes.push(
        `{ "id": "${id(layer, row)}", "op": "${(layer + row) % 2 ? 'add' : 'mul'}", ${at} }`,
      );
      for (const [port, from] of [
        ['a', row],
        ['b', (row + 1) % width],
      ] as const) {
        edges.push(
          `{ "id": "e${edges.length}", "source": "${id(layer - 1, from)}", "target": "${id(layer, row)}", "targetPort": "${port}" }`,
        );
      }
    }
  }
  let level = Array.from({ length: width }, (_, row) => id(depth - 1, row));
  let sums = 0;
  while (level.length > 1) {
    const next: string[] = [];
    for (let k = 0; k < level.length; k += 2) {
      if (k + 1 === level.length) {
        next.push(level[k]!);
        continue;
      }
      const sum = level.length === 2 ? 'J' : `s${++sums}`;
      nodes.push(
        `{ "id": "${sum}", "op": "add", "position": { "x": ${(depth + Math.log2(width / level.length)) * 220}, "y": ${k * 110} } }`,
      );
      edges.push(
        `{ "id": "e${edges.length}", "source": "${level[k]}", "target": "${sum}", "targetPort": "a" }`,
      );
      edges.push(
        `{ "id": "e${edges.length}", "source": "${level[k + 1]}", "target": "${sum}", "targetPort": "b" }`,
      );
      next.push(sum);
    }
    level = next;
  }
  return `{ "format": "chainrule.graph", "version": 1, "name": "1,000 nodes", "output": "J",
  "nodes": [${nodes.join(',\n')}],
  "edges": [${edges.join(',\n')}] }`;
};

/**
 * Where a spec's picture goes: `docs/images/` when `UPDATE_SCREENSHOTS=1` is set (the pictures the
 * docs and closing notes show), else the test's own output folder, so a test run leaves the tree
 * as it found it.
 */
export const screenshotPath = (name: string): string =>
  process.env['UPDATE_SCREENSHOTS']
    ? fileURLToPath(new URL(`../docs/images/${name}`, import.meta.url))
    : test.info().outputPath(name);
