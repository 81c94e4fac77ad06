import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openEditor, openExample, pageProblems, shownValue, screenshotPath } from './canvasDriver';

/**
 * The canvas exports as a picture with values and gradients (a handout, like micrograd's
 * draw_dot), as SVG and PNG, under the production CSP (the e2e server sends it).
 */

test('the canvas exports as SVG and PNG with every value and gradient', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(t: string): void }).reportViolation(
        `${event.violatedDirective}: ${event.blockedURI}`,
      ),
    ),
  );
  await openEditor(page);
  await openExample(page, 'seed.graph');
  await expect(shownValue(page, 'J')).toHaveText('33');

  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the canvas as SVG' }).click();
  const svgFile = await download;
  expect(svgFile.suggestedFilename()).toBe('seed.svg');
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  for (const text of [
    '>33</text>',
    '>dJ/da = 3</text>',
    '>dJ/db = 6</text>',
    '>dJ/dc = 9</text>',
    '>×2 → 6</text>',
  ]) {
    expect(svg).toContain(text);
  }

  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the canvas as PNG' }).click();
  const pngFile = await download;
  expect(pngFile.suggestedFilename()).toBe('seed.png');
  await pngFile.saveAs(screenshotPath('export-canvas.png'));
  const png = readFileSync(screenshotPath('export-canvas.png'));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  // Width and height from the IHDR chunk: the picture at twice the canvas's size.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBeGreaterThan(1_500);
  expect(height).toBeGreaterThan(500);
  expect(violations).toEqual([]);
  expect(pageProblems(page)).toEqual([]);
});
