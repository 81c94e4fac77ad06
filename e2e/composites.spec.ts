import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  clickNode,
  dropGraphFile,
  node,
  nodeIds,
  openEditor,
  openExample,
  pageProblems,
  shownValue,
  typeValue,
  screenshotPath,
} from './canvasDriver';

/**
 * Composite ops as a person uses them: one tanh neuron defined once and used six times; open an
 * instance and read its own inner values; edit the definition inside and watch all six change;
 * undo it; Make composite and Expand round trip; the library panel.
 */

const X1 = 0.5;
const X2 = -1;
const weights = (k: number) => ({ w1: 0.1 * k, w2: 0.5 - 0.2 * k, b: 0.05 * k });
/** The oracle: the neuron's output, y = tanh(gain · (w1·x1 + w2·x2 + b)). */
const neuron = (k: number, gain: number): number => {
  const { w1, w2, b } = weights(k);
  return Math.tanh(gain * (w1 * X1 + w2 * X2 + b));
};

/** A `.graph` file: `neuron` defined once, six instances h1…h6 fed x1 and x2, J their sum. */
const sixNeuronsFile = (): string => {
  const at = (x: number, y: number) => ({ x, y });
  const inner = {
    nodes: [
      { id: 'x1', op: 'input', params: { value: 0 }, position: at(0, 0) },
      { id: 'x2', op: 'input', params: { value: 0 }, position: at(0, 240) },
      { id: 'w1', op: 'input', params: { value: 0.5 }, position: at(0, -140) },
      { id: 'w2', op: 'input', params: { value: -0.5 }, position: at(0, 380) },
      { id: 'b', op: 'input', params: { value: 0 }, position: at(260, 380) },
      { id: 'gain', op: 'const', params: { value: 1 }, position: at(520, -140) },
      { id: 'm1', op: 'mul', position: at(260, 0) },
      { id: 'm2', op: 'mul', position: at(260, 220) },
      { id: 's1', op: 'add', position: at(520, 100) },
      { id: 's2', op: 'add', position: at(780, 200) },
      { id: 'g', op: 'mul', position: at(1040, 40) },
      { id: 't', op: 'tanh', position: at(1300, 40) },
    ],
    edges: [
      ['i1', 'w1', 'm1', 'a'],
      ['i2', 'x1', 'm1', 'b'],
      ['i3', 'w2', 'm2', 'a'],
      ['i4', 'x2', 'm2', 'b'],
      ['i5', 'm1', 's1', 'a'],
      ['i6', 'm2', 's1', 'b'],
      ['i7', 's1', 's2', 'a'],
      ['i8', 'b', 's2', 'b'],
      ['i9', 'gain', 'g', 'a'],
      ['i10', 's2', 'g', 'b'],
      ['i11', 'g', 't', 'x'],
    ].map(([id, source, target, targetPort]) => ({ id, source, target, targetPort })),
  };
  const nodes: object[] = [
    { id: 'x1', op: 'input', params: { value: X1 }, position: at(0, 300) },
    { id: 'x2', op: 'input', params: { value: X2 }, position: at(0, 700) },
  ];
  const edges: object[] = [];
  for (let k = 1; k <= 6; k++) {
    nodes.push({ id: `h${k}`, op: 'neuron', params: weights(k), position: at(320, (k - 1) * 200) });
    edges.push({ id: `a${k}`, source: 'x1', target: `h${k}`, targetPort: 'x1' });
    edges.push({ id: `b${k}`, source: 'x2', target: `h${k}`, targetPort: 'x2' });
    if (k >= 2) {
      nodes.push({ id: `sum${k}`, op: 'add', position: at(660 + k * 40, (k - 1) * 200 - 40) });
      edges.push({
        id: `p${k}`,
        source: k === 2 ? 'h1' : `sum${k - 1}`,
        target: `sum${k}`,
        targetPort: 'a',
      });
      edges.push({ id: `q${k}`, source: `h${k}`, target: `sum${k}`, targetPort: 'b' });
    }
  }
  return JSON.stringify({
    format: 'chainrule.graph',
    version: 2,
    name: 'Six neurons',
    output: 'sum6',
    nodes,
    edges,
    definitions: [
      {
        name: 'neuron',
        inputs: ['x1', 'x2'],
        parameters: [
          { name: 'w1', default: 0.5 },
          { name: 'w2', default: -0.5 },
          { name: 'b', default: 0 },
        ],
        outputs: [{ name: 'out', node: 't' }],
        graph: inner,
      },
    ],
  });
};

/** A number shown on the canvas, read back. */
const shown = async (locator: Locator): Promise<number> =>
  Number(((await locator.textContent()) ?? '').replace('−', '-').trim());

const expectShown = async (locator: Locator, expected: number): Promise<void> => {
  await expect
    .poll(async () => Math.abs((await shown(locator)) - expected), { timeout: 10_000 })
    .toBeLessThan(1e-5);
};

const portValue = (page: Page, instance: string, port: string): Locator =>
  page.getByTestId(`port-value-${instance}-${port}`);

const openSixNeurons = async (page: Page): Promise<void> => {
  await openEditor(page);
  await dropGraphFile(page, 'six-neurons.graph', sixNeuronsFile());
  await expect(node(page, 'h6')).toBeVisible();
};

test('one neuron defined once, used six times: each shows its own output', async ({ page }) => {
  await openSixNeurons(page);
  for (let k = 1; k <= 6; k++) await expectShown(portValue(page, `h${k}`, 'out'), neuron(k, 1));
  // The parameters are each instance's own.
  await expectShown(portValue(page, 'h3', 'w1'), 0.3);
  await expectShown(portValue(page, 'h3', 'x2'), X2);
  // J is their sum.
  const total = [1, 2, 3, 4, 5, 6].reduce((sum, k) => sum + neuron(k, 1), 0);
  await expectShown(shownValue(page, 'sum6'), total);
  await page.screenshot({ path: screenshotPath('composite-six-neurons.png') });
  expect(pageProblems(page)).toEqual([]);
});

test('open an instance: its inner values; editing the definition updates all six live; undo', async ({
  page,
}) => {
  await openSixNeurons(page);
  // The library counts the document's instances; inside one, its view has none to count.
  const libraryItem = page
    .getByTestId('library')
    .getByRole('button', { name: 'Add neuron', exact: true });
  await expect(libraryItem).toContainText('×6');
  await node(page, 'h2').locator('.node-name').dblclick();
  await expect(page.getByTestId('breadcrumb')).toContainText(/Graph\s*›\s*h2/);
  await expect(libraryItem).not.toContainText('×');
  // Inside h2: the port x1 shows what feeds it, the parameters h2's own weights, every inner
  // node h2's own value.
  await expectShown(shownValue(page, 'x1'), X1);
  await expect(node(page, 'w1').locator('.value-input')).toHaveValue('0.2');
  const { w1, w2, b } = weights(2);
  await expectShown(shownValue(page, 'm1'), w1 * X1);
  await expectShown(shownValue(page, 's2'), w1 * X1 + w2 * X2 + b);
  await expectShown(shownValue(page, 't'), neuron(2, 1));
  await page.screenshot({ path: screenshotPath('composite-open-instance.png') });

  // Edit the definition: the gain inside becomes 2.
  await typeValue(page, 'gain', '2');
  await expectShown(shownValue(page, 't'), neuron(2, 2));
  // Back at the top, all six instances changed.
  await page.getByTestId('breadcrumb').getByRole('button', { name: 'Graph' }).click();
  await expect(node(page, 'h6')).toBeVisible();
  for (let k = 1; k <= 6; k++) await expectShown(portValue(page, `h${k}`, 'out'), neuron(k, 2));

  // Undo brings all six back; redo takes them forward again.
  await page.getByRole('button', { name: '↶ Undo' }).click();
  for (let k = 1; k <= 6; k++) await expectShown(portValue(page, `h${k}`, 'out'), neuron(k, 1));
  await page.getByRole('button', { name: '↷ Redo' }).click();
  await expectShown(portValue(page, 'h4', 'out'), neuron(4, 2));
  expect(pageProblems(page)).toEqual([]);
});

test('a parameter edited inside one instance changes that instance alone', async ({ page }) => {
  await openSixNeurons(page);
  await node(page, 'h3').locator('.node-name').dblclick();
  await typeValue(page, 'b', '1');
  await page.getByTestId('breadcrumb').getByRole('button', { name: 'Graph' }).click();
  const { w1, w2 } = weights(3);
  await expectShown(portValue(page, 'h3', 'out'), Math.tanh(w1 * X1 + w2 * X2 + 1));
  await expectShown(portValue(page, 'h3', 'b'), 1);
  await expectShown(portValue(page, 'h2', 'out'), neuron(2, 1));
});

test('Make composite from a selection, then Expand: the same graph and J = 33; undo', async ({
  page,
}) => {
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');
  const before = (await nodeIds(page)).sort();
  await clickNode(page, 'u');
  await clickNode(page, 'v', true);
  await page.getByRole('button', { name: 'Make composite' }).click();
  await page.getByLabel('Name of the new composite').fill('affine');
  await page.getByRole('button', { name: 'Make', exact: true }).click();
  await expect(node(page, 'affine1')).toBeVisible();
  await expect(node(page, 'u')).toHaveCount(0);
  await expect(shownValue(page, 'J')).toHaveText('33');
  // Its ports: a, b and c feed it; out is v = a + bc = 11.
  await expectShown(portValue(page, 'affine1', 'out'), 11);
  await expect(page.getByTestId('library')).toContainText('affine');

  await page.getByRole('button', { name: 'Expand' }).click();
  await expect(node(page, 'affine1')).toHaveCount(0);
  expect((await nodeIds(page)).sort()).toEqual(before);
  await expect(shownValue(page, 'J')).toHaveText('33');

  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(node(page, 'affine1')).toBeVisible();
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(node(page, 'affine1')).toHaveCount(0);
  expect((await nodeIds(page)).sort()).toEqual(before);
  expect(pageProblems(page)).toEqual([]);
});

test('the library adds built-in composites and ones written as expressions', async ({ page }) => {
  await openEditor(page);
  const library = page.getByTestId('library');
  await library.getByRole('button', { name: 'Add neuron(n) with 2' }).click();
  await expect(node(page, 'neuron2_1')).toBeVisible();
  await library.getByRole('button', { name: 'New composite from expression…' }).click();
  const text = library.getByLabel('Definition');
  await text.fill('cube(x) = x^3 + y');
  await library.getByRole('button', { name: 'Define and add' }).click();
  await expect(library.getByRole('alert')).toBeVisible();
  await text.fill('cube(x) = x*x*x');
  await library.getByRole('button', { name: 'Define and add' }).click();
  await expect(node(page, 'cube1')).toBeVisible();
  await expect(library).toContainText('cube');
  await library.screenshot({ path: screenshotPath('composite-library.png') });
  expect(pageProblems(page)).toEqual([]);
});

test('the player steps into the instances and Check gradients checks inside them', async ({
  page,
}) => {
  await openSixNeurons(page);
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  await toggle.click();
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByTestId('check-gradients').click();
  // x1, x2 and each instance's inner nodes (w1, w2, b, gain, …), checked by finite differences.
  await expect(page.getByRole('status').filter({ hasText: 'gradients agree' })).toBeVisible();
  await expect(page.getByTestId('check-table')).toContainText('h4/w2');

  await page.getByRole('tab', { name: 'Player' }).click();
  const next = page.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < 60; i++) {
    if (((await page.getByTestId('player-caption').textContent()) ?? '').includes('h2/')) break;
    await next.click();
  }
  await expect(page.getByTestId('player-location')).toContainText('in h2 (neuron) ›');
  // The instance being computed is lit on the canvas.
  await expect(node(page, 'h2')).toHaveClass(/player-current/);
  expect(pageProblems(page)).toEqual([]);
});
