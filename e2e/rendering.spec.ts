import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  dropGraphFile,
  node,
  openEditor,
  openExample,
  pageProblems,
  shownGradient,
  shownValue,
  typeValue,
  viewAtRest,
} from './canvasDriver';

interface Counters {
  renders: Record<string, number>;
  runtimeCreations: number;
  evaluations: number;
}

const counters = (page: Page): Promise<Counters> =>
  page.evaluate(() => {
    const exposed = window.__chainrule!;
    return {
      renders: { ...exposed.renders },
      runtimeCreations: exposed.runtimeCreations(),
      evaluations: exposed.runtimeStats().evaluations,
    };
  });

declare global {
  interface Window {
    __chainrule?: {
      renders: Record<string, number>;
      runtimeCreations: () => number;
      runtimeStats: () => { evaluations: number };
      resetRenders: () => void;
    };
  }
}

/** Two animation frames: coalesced updates have been rendered and committed. */
const settle = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );

test('the runtime is created once per document, never on edits', async ({ page }) => {
  await openEditor(page);
  const initial = (await counters(page)).runtimeCreations;
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  expect((await counters(page)).runtimeCreations).toBe(initial + 1);

  await typeValue(page, 'b', '4');
  await node(page, 'u').locator('.node-name').click();
  await page.keyboard.press('ControlOrMeta+d'); // add a node and its edges
  await page.keyboard.press('Delete');
  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(shownValue(page, 'J')).toHaveText('39');
  expect((await counters(page)).runtimeCreations).toBe(initial + 1);
  expect(pageProblems(page)).toEqual([]);
});

test('editing one input updates the numbers on screen and re-renders no node or edge', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const field = node(page, 'a').locator('.value-input');
  await field.click(); // selecting a and focusing its field are not part of the measurement
  await field.press('ControlOrMeta+a');
  await settle(page);
  await page.evaluate(() => window.__chainrule!.resetRenders());
  const before = await counters(page);

  await field.pressSequentially('6');
  await expect(shownValue(page, 'J')).toHaveText('36');
  await expect(shownGradient(page, 'three')).toHaveText('dJ/d(3) = 12');
  await settle(page);
  const after = await counters(page);

  // J = 3·v, v = a + u: a's value changes a, v and J, and dJ/d3 = v: the numbers above changed
  // on screen, yet no node or edge component re-rendered (their structure did not change; the
  // numbers are written into the DOM from the runtime's streams).
  const rendered = Object.keys(after.renders).sort();
  expect(rendered).toEqual([]);
  // and the engine evaluated only the cone downstream of a
  expect(after.evaluations - before.evaluations).toBe(3);
});

test('a 200-node graph renders and stays responsive', async ({ page }) => {
  await openEditor(page);
  const layers = 20;
  const perLayer = 10;
  const nodes: string[] = [];
  const edges: string[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let row = 0; row < perLayer; row++) {
      const id = `n${layer}_${row}`;
      const position = `"position": { "x": ${layer * 220}, "y": ${row * 100} }`;
      if (layer === 0) {
        nodes.push(
          `{ "id": "${id}", "op": "input", "params": { "value": ${(row + 1) / 10} }, ${position} }`,
        );
      } else {
        const op = ['add', 'mul', 'tanh', 'sigmoid', 'sub'][(layer + row) % 5]!;
        nodes.push(`{ "id": "${id}", "op": "${op}", ${position} }`);
        const ports = op === 'tanh' || op === 'sigmoid' ? ['x'] : ['a', 'b'];
        ports.forEach((port, k) => {
          const source = `n${layer - 1}_${(row + k) % perLayer}`;
          edges.push(
            `{ "id": "e${edges.length}", "source": "${source}", "target": "${id}", "targetPort": "${port}" }`,
          );
        });
      }
    }
  }
  const text = `{
  "format": "chainrule.graph", "version": 1, "name": "200 nodes", "output": "n19_0",
  "nodes": [${nodes.join(',\n')}],
  "edges": [${edges.join(',\n')}]
}`;
  await dropGraphFile(page, 'wide.graph', text);
  await expect(page.getByTestId('document-name')).toContainText('wide.graph');
  // Fitted whole it is far below readable zoom: drawn by the low-detail layer, not the DOM.
  const layer = page.getByTestId('low-detail-layer');
  await expect(layer).toHaveAttribute('data-total', '200');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: '/tmp/shots/200-nodes.png' });

  /** Where a node's middle is drawn on the page now. */
  const drawnAt = (id: string) =>
    page.evaluate((nodeId) => {
      const [, layerIndex, row] = /^n(\d+)_(\d+)$/.exec(nodeId)!.map(Number);
      const viewport = document.querySelector('.react-flow__viewport')!;
      const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      return {
        x: box.left + m.e + (layerIndex! * 220 + 86) * m.a,
        y: box.top + m.f + (row! * 100 + 45) * m.a,
      };
    }, id);
  // The output's value, read in the inspector after clicking it on the layer.
  const outputFormula = async (): Promise<string> => {
    const at = await drawnAt('n19_0');
    await page.mouse.click(at.x, at.y);
    const formula = page.getByTestId('inspector-formula');
    await expect(formula).toContainText('n19_0');
    return (await formula.textContent()) ?? '';
  };
  const before = await outputFormula();

  // An edit at the start of the graph (zoomed in on it) propagates to the end promptly.
  const start = Date.now();
  const input = await drawnAt('n0_0');
  await page.mouse.dblclick(input.x, input.y);
  await node(page, 'n0_0').locator('.value-input').fill('0.7');
  await page.getByRole('button', { name: 'Fit view' }).click();
  await expect(layer).toHaveAttribute('data-total', '200');
  // Fit view is animated (200 ms): click on the layer once the view is still and the DOM's
  // nodes have left it, not on a node passing under the pointer.
  await viewAtRest(page);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect.poll(outputFormula).not.toBe(before);
  expect(Date.now() - start).toBeLessThan(10_000);
  expect(pageProblems(page)).toEqual([]);
});
