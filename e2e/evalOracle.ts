import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The oracle of the live-number specs: `chainrule eval --json` of a `.graph` file, run as the CLI
 * a person would run (its bin, from the TypeScript sources), compared number by number with what
 * the canvas shows.
 */

const CLI = fileURLToPath(new URL('../packages/cli/bin/chainrule.js', import.meta.url));

interface EvalNode {
  readonly value?: number;
  readonly grad?: number;
  readonly error?: string;
  readonly gradError?: string;
}
interface EvalEdge {
  readonly local?: number;
  readonly grad?: number;
  readonly error?: string;
}
/** `chainrule eval --json`'s object. */
export interface EvalResult {
  readonly output: string | null;
  readonly nodes: Record<string, EvalNode>;
  readonly edges: Record<string, EvalEdge>;
}

/** Runs `chainrule eval FILE --json` (exit code 1 only says some node is not ok). */
export const chainruleEval = (file: string): Promise<EvalResult> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, 'eval', file, '--json'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && error.code !== 1) {
          reject(new Error(`chainrule eval ${file} failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout) as EvalResult);
      },
    );
  });

/** What the canvas shows for one node, read from the DOM as a person reads it. */
interface ShownNode {
  readonly valueText: string | null;
  /** The full message (the node shows it cut at a word; the whole is its title, on hover). */
  readonly problem: string | null;
  /** The part shown on the node. */
  readonly problemShown: string | null;
  readonly gradText: string;
  readonly gradKind: string | null;
}

const readCanvas = (page: Page) =>
  page.evaluate(() => {
    const nodes: Record<string, ShownNode> = {};
    for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const id = element.dataset['id'] ?? '';
      const root = element.querySelector<HTMLElement>(`[data-testid="node-${CSS.escape(id)}"]`);
      if (!root) continue;
      const field = root.querySelector<HTMLInputElement>('.value-input');
      const shown = root.querySelector(`[data-testid="value-${CSS.escape(id)}"] .node-value`);
      const problem = root.querySelector('.node-problem');
      const grad = root.querySelector<HTMLElement>(`[data-testid="grad-${CSS.escape(id)}"]`);
      const gradLine = grad?.querySelector<HTMLElement>('.node-grad') ?? null;
      nodes[id] = {
        valueText: field ? field.value : (shown?.textContent ?? null),
        problem: problem ? (problem.getAttribute('title') ?? '').trim() : null,
        problemShown: problem ? (problem.textContent ?? '').trim() : null,
        gradText: gradLine && !gradLine.hidden ? (gradLine.textContent ?? '') : '',
        gradKind: gradLine && !gradLine.hidden ? (gradLine.dataset['kind'] ?? null) : null,
      };
    }
    // A composite instance shows its parameters on rows: `h1/w1` is row w1 of h1.
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid^="port-value-"]')) {
      const [instance, port] = row.dataset['testid']!.slice('port-value-'.length).split(
        /-(?=[^-]*$)/,
      );
      if (!row.closest('.instance-parameter')) continue;
      const grad = row.parentElement?.querySelector<HTMLElement>('.instance-port-grad .node-grad');
      nodes[`${instance}/${port}`] = {
        valueText: row.querySelector('.node-value')?.textContent ?? null,
        problem: row.querySelector('.node-problem')?.textContent?.trim() ?? null,
        problemShown: row.querySelector('.node-problem')?.textContent?.trim() ?? null,
        gradText: grad && !grad.hidden ? (grad.textContent ?? '') : '',
        gradKind: grad && !grad.hidden ? (grad.dataset['kind'] ?? null) : null,
      };
    }
    const edges: Record<string, string> = {};
    for (const label of document.querySelectorAll<HTMLElement>('[data-testid^="edge-label-"]')) {
      edges[label.dataset['testid']!.slice('edge-label-'.length)] = label.textContent ?? '';
    }
    return { nodes, edges };
  });

/** Whether `text` (the canvas's 6 significant digits) shows `expected`. */
const shows = (text: string, expected: number): boolean => {
  const parsed = Number(text.replace('−', '-'));
  if (!Number.isFinite(parsed)) return false;
  return Math.abs(parsed - expected) <= 5e-6 * Math.abs(expected) + 1e-300;
};

/** The number a label ends with: after the last `=` (`dJ/dx = 3`) or `→` (an edge's `×1 → 3`). */
const lastNumber = (text: string): string =>
  text.slice(Math.max(text.lastIndexOf('='), text.lastIndexOf('→')) + 1).trim();

/** Every difference between the canvas and the oracle, as sentences (empty when they agree). */
export const differences = async (page: Page, expected: EvalResult): Promise<string[]> => {
  const shown = await readCanvas(page);
  const problems: string[] = [];
  // Inside a composite instance only its parameters are on the document's canvas (as rows of the
  // instance); its other inner nodes are checked with the instance opened (composites.spec.ts).
  const ids = Object.keys(expected.nodes).filter((id) => !id.includes('/') || id in shown.nodes);
  const instances = new Set(
    Object.keys(expected.nodes)
      .filter((id) => id.includes('/'))
      .map((id) => id.slice(0, id.indexOf('/'))),
  );
  const onCanvas = Object.keys(shown.nodes).filter((id) => !id.includes('/')).length;
  if (
    onCanvas !==
    Object.keys(expected.nodes).filter((id) => !id.includes('/')).length + instances.size
  ) {
    problems.push(`canvas has ${onCanvas} nodes, eval ${ids.length}`);
  }
  for (const id of ids) {
    const want = expected.nodes[id]!;
    const got = shown.nodes[id];
    if (!got) {
      problems.push(`${id}: not on the canvas`);
      continue;
    }
    if (want.error !== undefined) {
      if (got.problem !== want.error)
        problems.push(`${id}: shows ${got.problem}, eval error ${want.error}`);
      // What the node shows is the start of that message, cut at a word.
      const start = (got.problemShown ?? '').replace(/…$/, '');
      if (!want.error.startsWith(start))
        problems.push(`${id}: shows "${got.problemShown}", not the start of "${want.error}"`);
      continue;
    }
    if (got.problem !== null)
      problems.push(`${id}: shows the problem "${got.problem}", eval ${want.value}`);
    if (got.valueText === null || !shows(got.valueText, want.value!)) {
      problems.push(`${id}: shows ${got.valueText}, eval ${want.value}`);
    }
    if (want.grad !== undefined) {
      if (got.gradKind !== 'ok' || !shows(lastNumber(got.gradText), want.grad)) {
        problems.push(`${id}: shows gradient "${got.gradText}", eval ${want.grad}`);
      }
    } else if (want.gradError !== undefined) {
      if (got.gradKind !== 'unavailable')
        problems.push(`${id}: shows gradient "${got.gradText}", eval unavailable`);
    } else if (got.gradKind !== null) {
      problems.push(`${id}: shows gradient "${got.gradText}", eval has none`);
    }
  }
  for (const [id, want] of Object.entries(expected.edges)) {
    if (id.includes('/')) continue; // an edge inside an instance
    const text = shown.edges[id];
    if (text === undefined) {
      problems.push(`edge ${id}: no label`);
      continue;
    }
    if (want.grad !== undefined && !shows(lastNumber(text), want.grad)) {
      problems.push(`edge ${id}: shows "${text}", eval carries ${want.grad}`);
    }
    if (want.grad === undefined && want.local !== undefined && !/[=×]/.test(text)) {
      problems.push(`edge ${id}: shows "${text}", eval local ${want.local}`);
    }
  }
  return problems;
};

/** Waits (a few frames at most) until every node and edge label agrees with the oracle. */
export const expectCanvasMatches = async (
  page: Page,
  expected: EvalResult,
  what: string,
): Promise<void> => {
  await expect
    .poll(() => differences(page, expected), {
      message: `the canvas after ${what}`,
      timeout: 10_000,
    })
    .toEqual([]);
};
