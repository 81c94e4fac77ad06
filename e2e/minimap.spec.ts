import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  clickNode,
  dropGraphFile,
  openEditor,
  openExample,
  pageProblems,
  thousandNodes,
  viewAtRest,
} from './canvasDriver';

/**
 * The minimap (CanvasMiniMap.tsx): one `<canvas>` showing every node of the document, mounted
 * or not, the output dark and the selection blue; pressing on it pans the view there, the wheel
 * over it zooms the view.
 */

interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** The viewport's transform as React Flow applied it. */
const view = (page: Page): Promise<View> =>
  page.locator('.react-flow__viewport').evaluate((element) => {
    const matrix = new DOMMatrixReadOnly(getComputedStyle(element).transform);
    return { x: matrix.e, y: matrix.f, zoom: matrix.a };
  });

/** Waits until the view stopped moving (the fit view after opening a document is animated). */
const settled = async (page: Page): Promise<View> => {
  await page.waitForTimeout(300);
  await viewAtRest(page);
  return view(page);
};

/** How many of the minimap's device pixels are (nearly) each colour. */
const colourCounts = (page: Page, colours: Record<string, string>) =>
  page.locator('.react-flow__minimap canvas').evaluate((element, wanted) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const targets = Object.entries(wanted).map(([name, hex]) => ({
      name,
      rgb: [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)),
    }));
    const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
    for (let index = 0; index < data.length; index += 4) {
      for (const { name, rgb } of targets) {
        if (rgb.every((value, channel) => Math.abs(data[index + channel]! - value) <= 12))
          counts[name]! += 1;
      }
    }
    return counts;
  }, colours);

const minimap = (page: Page) => page.locator('.react-flow__minimap');

test('the minimap draws the seed’s nodes, the output dark and the selection blue', async ({
  page,
}) => {
  await openEditor(page);
  // An empty canvas has nothing to map: no empty box in its corner.
  await expect(page.locator('.empty-hint')).toBeVisible();
  await expect(minimap(page)).toHaveCount(0);
  await openExample(page, 'seed.graph');
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  const canvas = minimap(page).locator('canvas');
  await expect(canvas).toHaveAttribute('role', 'img');
  await expect(canvas).toHaveAttribute('aria-label', 'Minimap');
  await expect(canvas).toHaveAttribute('data-nodes', '7');
  await settled(page);
  // Its size is the one the canvas was designed around.
  const box = (await minimap(page).boundingBox())!;
  expect(box.width).toBeCloseTo(150, 0);
  expect(box.height).toBeCloseTo(96, 0);
  // Drawn at the device's pixel ratio.
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  expect(await canvas.evaluate((element: HTMLCanvasElement) => element.width)).toBe(
    Math.round(148 * ratio),
  );

  const before = await colourCounts(page, { node: '#cbd5e1', output: '#0f172a', blue: '#2563eb' });
  expect(before.node).toBeGreaterThan(20);
  expect(before.output).toBeGreaterThan(2);
  expect(before.blue).toBe(0);

  await clickNode(page, 'a');
  await expect
    .poll(async () => (await colourCounts(page, { blue: '#2563eb' })).blue)
    .toBeGreaterThan(2);
  expect(pageProblems(page)).toEqual([]);
});

test('pressing on the minimap pans the view there, dragging keeps panning', async ({ page }) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  const start = await settled(page);
  const box = (await minimap(page).boundingBox())!;

  // Near the top-left corner: the view's centre goes left and up, so the translation grows.
  await page.mouse.click(box.x + 8, box.y + 8);
  await expect.poll(async () => (await view(page)).x).toBeGreaterThan(start.x + 10);
  const topLeft = await view(page);
  expect(topLeft.y).toBeGreaterThan(start.y);
  expect(topLeft.zoom).toBeCloseTo(start.zoom);

  // Near the bottom-right corner: the other way.
  await page.mouse.click(box.x + box.width - 8, box.y + box.height - 8);
  await expect.poll(async () => (await view(page)).x).toBeLessThan(topLeft.x - 10);
  const bottomRight = await view(page);
  expect(bottomRight.y).toBeLessThan(topLeft.y);

  // A drag to the right pans on while the button is held, and stops when it is released.
  await page.mouse.move(box.x + 50, box.y + 48);
  await page.mouse.down();
  await expect.poll(async () => (await view(page)).x).toBeGreaterThan(bottomRight.x + 10);
  const pressed = await view(page);
  await page.mouse.move(box.x + 80, box.y + 48, { steps: 4 });
  await expect.poll(async () => (await view(page)).x).toBeLessThan(pressed.x - 10);
  await page.mouse.up();
  const released = await view(page);
  await page.mouse.move(box.x + 20, box.y + 48, { steps: 4 });
  await page.waitForTimeout(200);
  expect(await view(page)).toEqual(released);
  expect(pageProblems(page)).toEqual([]);
});

test('the wheel over the minimap zooms the view around its centre, not the page', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  const start = await settled(page);
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const centre = (v: View) => ({
    x: (pane.width / 2 - v.x) / v.zoom,
    y: (pane.height / 2 - v.y) / v.zoom,
  });
  const box = (await minimap(page).boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);

  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await view(page)).zoom).toBeLessThan(start.zoom * 0.8);
  const out = await view(page);
  expect(centre(out).x).toBeCloseTo(centre(start).x, 0);
  expect(centre(out).y).toBeCloseTo(centre(start).y, 0);

  await page.mouse.wheel(0, -600);
  await expect.poll(async () => (await view(page)).zoom).toBeGreaterThan(out.zoom * 1.5);
  expect(centre(await view(page)).x).toBeCloseTo(centre(start).x, 0);

  // Clamped to the canvas's zoom range (0.05 to 3).
  for (let step = 0; step < 12; step++) await page.mouse.wheel(0, -1000);
  await expect.poll(async () => (await view(page)).zoom).toBeCloseTo(3);
  expect(pageProblems(page)).toEqual([]);
});

test('the minimap shows every node of a 1,000-node graph, mounted or not', async ({ page }) => {
  await openEditor(page);
  await dropGraphFile(page, 'thousand.graph', thousandNodes());
  await expect(page.getByTestId('document-name')).toContainText('thousand.graph');
  await settled(page);
  // Zoomed in on the minimap until node boxes are in the DOM: only those in view are.
  const box = (await minimap(page).boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);
  for (let step = 0; step < 6; step++) await page.mouse.wheel(0, -400);
  await expect.poll(async () => page.locator('.react-flow__node').count()).toBeGreaterThan(0);
  await settled(page);
  const mounted = await page.locator('.react-flow__node').count();
  expect(mounted).toBeLessThan(1039);
  await expect(minimap(page).locator('canvas')).toHaveAttribute('data-nodes', '1039');
  // Drawn whole, not only around the view (where nodes are mounted): node pixels (opaque; the mask
  // outside the view is not) reach every edge of the minimap, and the output J is among them.
  const drawn = await minimap(page)
    .locator('canvas')
    .evaluate((element: HTMLCanvasElement) => {
      const { width, height } = element;
      const { data } = element.getContext('2d')!.getImageData(0, 0, width, height);
      const edge = { left: 0, right: 0, top: 0, bottom: 0 };
      let opaque = 0;
      let dark = 0;
      for (let index = 0; index < data.length; index += 4) {
        if (data[index + 3] !== 255) continue;
        opaque += 1;
        if (data[index]! < 200) dark += 1;
        const x = (index / 4) % width;
        const y = Math.floor(index / 4 / width);
        if (x < width * 0.15) edge.left += 1;
        if (x > width * 0.85) edge.right += 1;
        if (y < height * 0.15) edge.top += 1;
        if (y > height * 0.85) edge.bottom += 1;
      }
      return { opaque, dark, all: width * height, edge };
    });
  expect(drawn.opaque / drawn.all).toBeGreaterThan(0.1);
  for (const side of Object.values(drawn.edge)) expect(side).toBeGreaterThan(5);
  expect(drawn.dark).toBeGreaterThan(0);
  expect(pageProblems(page)).toEqual([]);
});
