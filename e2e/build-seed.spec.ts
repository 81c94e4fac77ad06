import { expect, test } from '@playwright/test';
import {
  connectHandles,
  dragOpToCanvas,
  node,
  nodeIds,
  openEditor,
  pageProblems,
  setOutputFromMenu,
  shownGradient,
  shownValue,
  typeValue,
} from './canvasDriver';

test('builds J = 3(a + bc) from an empty canvas and watches gradients update live', async ({
  page,
}) => {
  await openEditor(page);
  await expect(page.getByText('Build a computational graph')).toBeVisible();

  // Forward from left to right: inputs, then u = b·c, v = a + u, J = 3·v.
  await dragOpToCanvas(page, 'input', 80, 60); // a
  await dragOpToCanvas(page, 'input', 80, 200); // b
  await dragOpToCanvas(page, 'input', 80, 340); // c
  await dragOpToCanvas(page, 'mul', 280, 280); // mul1, named u
  await dragOpToCanvas(page, 'add', 480, 160); // add1, named v
  await dragOpToCanvas(page, 'const', 480, 40); // const1: 3
  await dragOpToCanvas(page, 'mul', 670, 100); // mul2, named w: J
  expect(await nodeIds(page)).toEqual(['a', 'b', 'c', 'mul1', 'add1', 'const1', 'mul2']);

  await typeValue(page, 'a', '5');
  await typeValue(page, 'b', '3');
  await typeValue(page, 'c', '2');
  await typeValue(page, 'const1', '3');

  await connectHandles(page, 'b', 'mul1', 'a');
  await connectHandles(page, 'c', 'mul1', 'b');
  await connectHandles(page, 'a', 'add1', 'a');
  await connectHandles(page, 'mul1', 'add1', 'b');
  await connectHandles(page, 'const1', 'mul2', 'a');
  await connectHandles(page, 'add1', 'mul2', 'b');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // Values flow, but without an output there are no gradients, and the canvas says so.
  await expect(shownValue(page, 'mul2')).toHaveText('33');
  await expect(page.getByText('No output chosen, so no gradients yet.')).toBeVisible();
  await expect(shownGradient(page, 'a')).toHaveText('');

  await setOutputFromMenu(page, 'mul2');
  await expect(node(page, 'mul2')).toHaveClass(/is-output/);
  await expect(page.getByText('No output chosen, so no gradients yet.')).toBeHidden();
  await expect(shownValue(page, 'mul1')).toHaveText('6');
  await expect(shownValue(page, 'add1')).toHaveText('11');
  await expect(shownGradient(page, 'a')).toHaveText('dJ/da = 3');
  await expect(shownGradient(page, 'b')).toHaveText('dJ/db = 6');
  await expect(shownGradient(page, 'c')).toHaveText('dJ/dc = 9');
  await expect(shownGradient(page, 'mul2')).toHaveText('dJ/dw = 1');

  // Change b: J and every gradient that depends on b follow, keystroke by keystroke.
  const field = node(page, 'b').locator('.value-input');
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially('1');
  await expect(shownValue(page, 'mul2')).toHaveText('21'); // 3(5 + 1·2)
  await field.pressSequentially('0');
  await expect(shownValue(page, 'mul2')).toHaveText('75'); // 3(5 + 10·2)
  await expect(shownValue(page, 'mul1')).toHaveText('20');
  await expect(shownGradient(page, 'a')).toHaveText('dJ/da = 3');
  await expect(shownGradient(page, 'b')).toHaveText('dJ/db = 6');
  await expect(shownGradient(page, 'c')).toHaveText('dJ/dc = 30');
  await expect(shownGradient(page, 'const1')).toHaveText('dJ/d(const1) = 25');
  await field.press('Enter');

  // Arrow keys step the value.
  await field.click();
  await field.press('ArrowDown');
  await expect(shownValue(page, 'mul2')).toHaveText('69'); // b = 9
  await expect(shownGradient(page, 'c')).toHaveText('dJ/dc = 27');

  // Hovering an edge shows the chain-rule factor it carries.
  const edgeAtoAdd = page.locator('.react-flow__edge[data-id="e3"]');
  await edgeAtoAdd.hover();
  await expect(page.getByTestId('edge-label-e3')).toHaveText('dJ/dv · ∂v/∂a = 3 · 1 = 3');

  // The chain-rule factor on an edge, with numbers, once v is called v.
  await node(page, 'add1').locator('.node-name').click();
  await page.getByLabel('Name', { exact: true }).fill('v');
  await page.getByLabel('Edge labels').check();
  await expect(page.getByTestId('edge-label-e3')).toHaveText('×1 → 3'); // compact until looked at
  await edgeAtoAdd.hover();
  await expect(page.getByTestId('edge-label-e3')).toHaveText('dJ/dv · ∂v/∂a = 3 · 1 = 3');
  await expect(page.getByTestId('inspector-gradient')).toHaveText(
    'dJ/dv = dJ/dw · ∂w/∂v = 1 · 3 = 3',
  );
  expect(pageProblems(page)).toEqual([]);
});
