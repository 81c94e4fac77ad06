import { expect, test } from '@playwright/test';
import {
  dropGraphFile,
  openEditor,
  openExample,
  pageProblems,
  thousandNodes,
} from './canvasDriver';

/**
 * Nodes enter the DOM a frame's budget at a time (canvas/useMountGate.ts), and the low-detail
 * layer draws every node in view that is not in the DOM yet: however many nodes a zoom brings
 * into view, every frame shows all of them, and once they have arrived the layer steps aside.
 */

test.beforeEach(async ({ page }) => {
  await openEditor(page);
});

/** What the page records, frame by frame (mutated in the page as frames pass). */
interface FrameCheck {
  frames: number;
  /** Frames in which some node in view was neither in the DOM nor drawn by the layer. */
  holes: string[];
  /** Frames in which the DOM held only part of the nodes in view (the rest drawn). */
  partial: number;
  lastInView: number;
  lastInDom: number;
}

test('zooming in on 1,000 nodes: every frame shows every node in view, in the DOM or drawn, until all are in the DOM', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const text = thousandNodes();
  await dropGraphFile(page, 'thousand.graph', text);
  const layer = page.getByTestId('low-detail-layer');
  await expect(layer).toHaveAttribute('data-total', '1039');
  const boxes = (
    JSON.parse(text) as { nodes: { op: string; position: { x: number; y: number } }[] }
  ).nodes.map((n) => ({ ...n.position, height: n.op === 'input' ? 100 : 92 }));

  // Watch every frame from here: the nodes whose box is in the pane (from the file's positions
  // and the viewport's transform), the DOM's nodes in the pane, and what the layer drew.
  await page.evaluate((all) => {
    const w = window as unknown as { __check: FrameCheck & { stop: boolean } };
    w.__check = { frames: 0, holes: [], partial: 0, lastInView: 0, lastInDom: 0, stop: false };
    const tick = (): void => {
      const check = w.__check;
      if (check.stop) return;
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
      const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      // Strictly inside (1 px in), so a node that only touches the edge does not count.
      const inside = (x: number, y: number, width: number, height: number): boolean =>
        x + width > 1 && y + height > 1 && x < pane.width - 1 && y < pane.height - 1;
      let inView = 0;
      for (const box of all) {
        if (inside(m.e + box.x * m.a, m.f + box.y * m.a, 172 * m.a, box.height * m.a)) inView++;
      }
      let inDom = 0;
      for (const element of document.querySelectorAll('.react-flow__node')) {
        const r = element.getBoundingClientRect();
        if (inside(r.left - pane.left, r.top - pane.top, r.width, r.height)) inDom++;
      }
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="low-detail-layer"]');
      const drawn = canvas && !canvas.hidden ? Number(canvas.dataset['drawn'] ?? 0) : 0;
      check.frames++;
      if (inDom + drawn < inView)
        check.holes.push(
          `frame ${check.frames}: ${inView} in view, ${inDom} in the DOM, ${drawn} drawn`,
        );
      if (inDom > 0 && inDom < inView) check.partial++;
      check.lastInView = inView;
      check.lastInDom = inDom;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, boxes);

  // From the whole graph, wheel in on its middle a notch at a time, as a person does, into the
  // zooms where nodes are in the DOM.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let notch = 0; notch < 14; notch++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  // The DOM catches up, and the layer steps aside.
  await expect(layer).toBeHidden({ timeout: 20_000 });
  await expect(layer).toHaveAttribute('data-drawn', '0');
  const check = await page.evaluate(() => {
    const w = window as unknown as { __check: FrameCheck & { stop: boolean } };
    w.__check.stop = true;
    return w.__check;
  });
  expect(check.holes).toEqual([]);
  expect(check.frames).toBeGreaterThan(20);
  // All nodes in view are in the DOM now, ready to edit.
  expect(check.lastInView).toBeGreaterThan(10);
  expect(check.lastInDom).toBe(check.lastInView);
  await expect(page.locator('.react-flow__node [data-testid^="value-"]').first()).toBeVisible();
  expect(pageProblems(page)).toEqual([]);
});

test('more nodes in view than the DOM should hold: the overview draws them, and a node is still selectable', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await dropGraphFile(page, 'thousand.graph', thousandNodes());
  const layer = page.getByTestId('low-detail-layer');
  await expect(layer).toHaveAttribute('data-total', '1039');
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  // Zoom in to where names are readable (above 44%) but far more than 60 nodes are in view.
  for (let notch = 0; notch < 10; notch++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  const zoom = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    return new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
  });
  expect(zoom).toBeGreaterThan(0.44);
  await expect(layer).toBeVisible();
  await expect(layer).toHaveAttribute('role', 'img');
  expect(Number(await layer.getAttribute('data-drawn'))).toBeGreaterThan(60);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // A click on a drawn node selects it.
  await page.mouse.click(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await expect(page.getByTestId('inspector-formula')).toBeVisible();
  expect(pageProblems(page)).toEqual([]);
});

test('nodes a person adds appear at once, whatever the zoom budget: a duplicate of 14 nodes is in the DOM before the next frame', async ({
  page,
}) => {
  await openExample(page, 'seed.graph');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  // Select all and duplicate, twice: 7 new nodes, then 14 — more than the budget a zoom may
  // mount per frame. Counted before any animation frame can run (only microtasks, in which React
  // renders what the keystrokes changed).
  const counts = await page.evaluate(async () => {
    const press = (key: string): void => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true }));
    };
    const settle = async (): Promise<void> => {
      for (let k = 0; k < 5; k++) await new Promise<void>((resolve) => queueMicrotask(resolve));
    };
    let frames = 0;
    const tick = (): void => {
      frames++;
    };
    requestAnimationFrame(tick);
    press('a');
    await settle();
    press('d');
    await settle();
    const first = document.querySelectorAll('.react-flow__node').length;
    press('a');
    await settle();
    press('d');
    await settle();
    const second = document.querySelectorAll('.react-flow__node').length;
    return { first, second, frames };
  });
  expect(counts.frames).toBe(0);
  expect(counts.first).toBe(14);
  expect(counts.second).toBe(28);
  expect(pageProblems(page)).toEqual([]);
});
