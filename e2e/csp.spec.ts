import { expect, test } from '@playwright/test';
import { PRODUCTION_CSP } from '../apps/desktop/src/shared/csp';

/**
 * The production renderer under the production CSP: the very policy string Electron's app://
 * handler sends, which the config's `vite preview` server also sends with the built web bundle.
 * Any violation the page reports fails the test.
 */

test('the production renderer runs under the production CSP without a violation', async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation: (text: string) => void })
        .__reportViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(PRODUCTION_CSP);

  // Exercise what draws: an example graph with values, gradients, edges and the inspector.
  await page.getByLabel('Open an example').selectOption('seed.graph');
  await expect(page.getByTestId('document-name')).toContainText('seed.graph');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await page.locator('.react-flow__node').first().click();
  const value = page.getByLabel('Value of a', { exact: true });
  await value.fill('6');
  await value.press('Tab');
  // The edit makes the document dirty, so switching asks first (the host's in-page dialog).
  await page.getByLabel('Open an example').selectOption('tanh-neuron.graph');
  await page.getByRole('dialog').getByRole('button', { name: "Don't Save" }).click();
  await expect(page.getByTestId('document-name')).toContainText('tanh-neuron.graph');
  await page.waitForTimeout(300);

  expect(violations).toEqual([]);

  // The policy is really in force: it names no eval or inline escape hatch, and an inline
  // script injected into the page is refused and reported.
  expect(PRODUCTION_CSP).not.toMatch(/unsafe-eval|unsafe-inline/);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false);
});
