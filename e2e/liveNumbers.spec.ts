import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  dropGraphFile,
  node,
  openEditor,
  openExample,
  pageProblems,
  saveByDownload,
  thousandNodes,
  typeValue,
} from './canvasDriver';
import type { EvalResult } from './evalOracle';
import { chainruleEval, expectCanvasMatches } from './evalOracle';

/**
 * What the canvas shows is what the graph computes, whatever happened to the nodes behind the
 * ids (issue 11): rebuilds from the expression box that reuse ids, undo, redo and opened files,
 * each checked number by number against `chainrule eval` of the same graph.
 */

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chainrule-live-'));
let saves = 0;

/** Saves the open document (a download) and evaluates the file with the CLI. */
const evalOfCurrent = async (page: Page): Promise<EvalResult> => {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = join(work, `doc-${++saves}.graph`);
  await (await downloading).saveAs(path);
  return chainruleEval(path);
};

const openLearnExpression = async (page: Page): Promise<void> => {
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: 'Expression' }).click();
};

/** Types an expression into the box, replacing what was there, and builds it. */
const build = async (page: Page, expression: string): Promise<void> => {
  await openLearnExpression(page);
  const box = page.getByTestId('expression-input');
  await box.fill(expression);
  await page.getByRole('button', { name: 'Build graph' }).click();
  await expect(page.getByText(/^Built \d+ nodes/)).toBeVisible();
};

const showEdgeLabels = async (page: Page): Promise<void> => {
  const toggle = page.getByLabel('Edge labels');
  if (!(await toggle.isChecked())) await toggle.check();
};

test.beforeEach(async ({ page }) => {
  await saveByDownload(page);
  await openEditor(page);
  await showEdgeLabels(page);
});

test('rebuilding from the expression box with reused ids shows the new graph’s numbers', async ({
  page,
}) => {
  // The story: J = a*b, then J = a + b (same ids J, a, b), then an edit of a.
  await build(page, 'J = a*b\na = 2\nb = 3');
  await expectCanvasMatches(page, await evalOfCurrent(page), 'building J = a*b');

  await build(page, 'J = a + b\na = 1\nb = 2');
  await expectCanvasMatches(page, await evalOfCurrent(page), 'rebuilding as J = a + b');

  await typeValue(page, 'a', '7');
  await expectCanvasMatches(page, await evalOfCurrent(page), 'editing a to 7');
  await expect(node(page, 'a').getByTestId('grad-a')).toContainText('dJ/da');

  // A division by zero, then a graph without it under the same output id.
  await build(page, 'J = a/b\na = 1\nb = 0');
  await expectCanvasMatches(page, await evalOfCurrent(page), 'building J = a/b at b = 0');
  await build(page, 'J = 0.1 + 0.2');
  await expectCanvasMatches(page, await evalOfCurrent(page), 'rebuilding as J = 0.1 + 0.2');
  await expect(page.locator('.node-problem')).toHaveCount(0);

  // Several more graphs in a row, each reusing some of the previous one's ids.
  for (const expression of [
    'J = tanh(w*x + b)\nw = 0.5\nx = 2\nb = -1',
    'J = (w*x + b - y)^2\nw = 2\nx = 3\nb = 1\ny = 4',
    'J = exp(a) + log(b) * a\na = 1.5\nb = 4',
    'J = sigmoid(a*b)\na = 2\nb = 3',
  ]) {
    await build(page, expression);
    await expectCanvasMatches(page, await evalOfCurrent(page), `building ${expression}`);
  }
  expect(pageProblems(page)).toEqual([]);
});

test('every gallery example shows the engine’s numbers after a rebuild, an undo and a redo', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Room for the data panel and the learning dock beside every example's nodes, the spiral's
  // eight 17-port neurons stacked included (3,600 px tall at 100%): what is out of view is not
  // in the DOM, and the oracle reads the DOM.
  await page.setViewportSize({ width: 2560, height: 3000 });
  const files = await page
    .getByLabel('Open an example')
    .locator('option')
    .evaluateAll((options) =>
      options.map((o) => (o as HTMLOptionElement).value).filter((v) => v.endsWith('.graph')),
    );
  expect(files.sort()).toEqual(
    readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.graph'))
      .sort(),
  );
  // Evaluated once each, in parallel, while the browser works.
  const oracles = new Map(files.map((file) => [file, chainruleEval(join(EXAMPLES, file))]));
  // Ids the expression parser gives (J, mul1, add1, const1…) are the ids the examples use.
  const rebuild = 'J = a*b + 2*c\na = 3\nb = -2\nc = 0.5';
  let rebuilt: EvalResult | null = null;
  for (const file of files) {
    const dirty = (await page.getByTestId('dirty-marker').count()) > 0;
    await openExample(page, file);
    // The previous example was edited (rebuilt): leave it unsaved.
    if (dirty) await page.getByRole('button', { name: "Don't Save" }).click();
    await expect(page.getByTestId('document-name')).toContainText(file);
    const example = await oracles.get(file)!;
    await expectCanvasMatches(page, example, `opening ${file}`);
    await build(page, rebuild);
    rebuilt ??= await evalOfCurrent(page);
    await expectCanvasMatches(page, rebuilt, `rebuilding over ${file}`);
    await page.getByRole('button', { name: '↶ Undo' }).click();
    // The canvas draws only what is in view: show the whole graph, as a person would.
    await page.getByRole('button', { name: 'Fit view' }).click();
    await expectCanvasMatches(page, example, `undoing the rebuild of ${file}`);
    await page.getByRole('button', { name: '↷ Redo' }).click();
    await page.getByRole('button', { name: 'Fit view' }).click();
    await expectCanvasMatches(page, rebuilt, `redoing the rebuild of ${file}`);
  }
  expect(pageProblems(page)).toEqual([]);
});

/** Where a point of the flow (canvas coordinates) is on the page now. */
const flowToPage = (page: Page, at: { x: number; y: number }) =>
  page.evaluate(({ x, y }) => {
    const viewport = document.querySelector('.react-flow__viewport')!;
    const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    return { x: box.left + m.e + x * m.a, y: box.top + m.f + y * m.a };
  }, at);

test('zoomed out, the graph is drawn on the low-detail layer; a click selects, a double-click zooms in', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const text = thousandNodes();
  await dropGraphFile(page, 'thousand.graph', text);
  await expect(page.getByTestId('document-name')).toContainText('thousand.graph');
  // Fitted whole, 1,039 nodes are far below readable zoom: none is in the DOM, the layer
  // draws them (and React Flow draws no edge either).
  const layer = page.getByTestId('low-detail-layer');
  await expect(layer).toHaveAttribute('data-total', '1039');
  await expect(layer).not.toHaveAttribute('data-drawn', '0');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  const positions = Object.fromEntries(
    (JSON.parse(text) as { nodes: { id: string; position: { x: number; y: number } }[] }).nodes.map(
      (n) => [n.id, n.position],
    ),
  );
  // A click on a drawn node selects it: the inspector shows it.
  const input = await flowToPage(page, {
    x: positions['n0_3']!.x + 80,
    y: positions['n0_3']!.y + 50,
  });
  await page.mouse.click(input.x, input.y);
  await expect(page.getByTestId('inspector-formula')).toContainText('n0_3');

  // A double-click on a drawn node zooms in on it: it is a DOM node again, showing the
  // engine's number (J of this file overflows; n1_3 = n0_3 · n0_4 is a plain number).
  const target = await flowToPage(page, {
    x: positions['n1_3']!.x + 80,
    y: positions['n1_3']!.y + 45,
  });
  await page.mouse.dblclick(target.x, target.y);
  // Once every node in view is in the DOM, the layer draws nothing and is out of the page.
  await expect(layer).toHaveAttribute('data-drawn', '0');
  await expect(layer).toBeHidden();
  const want = (await evalOfCurrent(page)).nodes['n1_3']!.value!;
  await expect
    .poll(async () => {
      const text = await page.getByTestId('value-n1_3').textContent();
      return Math.abs(Number(text?.replace('−', '-')) - want) <= 5e-6 * Math.abs(want);
    })
    .toBe(true);

  // Fit view shows the whole graph again, on the layer.
  await page.getByRole('button', { name: 'Fit view' }).click();
  await expect(layer).toHaveAttribute('data-total', '1039');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  expect(pageProblems(page)).toEqual([]);
});
