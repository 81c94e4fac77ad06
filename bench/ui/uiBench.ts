/**
 * `npm run bench:ui` — the canvas under load, in Chromium driven by Playwright, against the built
 * web renderer (the same bundle the app ships). Not part of the CI test run: a browser on a
 * shared 2-core machine is a measurement, not a pass/fail test.
 *
 * Measures the UI targets:
 * - on a 1,000-node graph, a typed input edit reaches the DOM (J's value text changes) within
 *   16 ms median, from the key event's timestamp to the DOM mutation;
 * - a 60-frame slider drag drops no more than 3 frames (frame intervals seen by
 *   requestAnimationFrame during the drag, against the same count with the page idle);
 * - a zoom step on the 1,000-node graph fits in one frame: the longest main-thread frame it
 *   causes, its own and those after it until the canvas is at rest, ≤ 16 ms median; and so does
 *   one on the 10,000-node graph at fit zoom (the low-detail layer);
 * - Tidy up of the 1,000-node graph finishes ≤ 1.5 s with the window answering (longest frame);
 * - a 5,000-node file opens (dropped on the window) to a rendered canvas with J shown ≤ 2 s,
 *   a 10,000-node file ≤ 4 s, and panning the 10,000-node graph runs at ≥ 30 fps;
 * - the decision-boundary view (issue 14) refreshes ≥ 10 times per second while the spiral
 *   example trains (`--only boundary` measures just this and writes nothing; `--only zoom`
 *   prints the zoom steps of both graphs, step by step, and writes nothing).
 *
 * Writes its table into the UI section of docs/benchmarks.md (which `npm run bench` preserves).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { autoLayout, serializeGraphDocument } from '@chainrule/graph-runtime';
import type { GraphSpec } from '@chainrule/graph-runtime';
import { latticeFamily } from '../src/families';
import { median } from '../src/timing';
import { replaceUiSection } from './uiSection';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const desktop = resolve(root, 'apps/desktop');
const vite = resolve(root, 'node_modules/.bin/vite');
const port = Number(process.env['BENCH_UI_PORT'] ?? 4178);
// An explicit address: `localhost` may resolve to ::1 while the server listens on IPv4.
const origin = `http://127.0.0.1:${port}`;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const edits = 40;
const dragFrames = 60;

const documentText = (spec: GraphSpec, name: string): string =>
  serializeGraphDocument({ name, graph: spec, layout: { positions: autoLayout(spec) } });

/** Builds the renderer into its own folder and serves it with `vite preview`. */
const serve = async (): Promise<ChildProcess> => {
  // Relative to vite's root (src/renderer): lands in apps/desktop/dist, out of the sources.
  const outDir = `../../dist/bench-ui-${port}`;
  const build = spawnSync(
    vite,
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: desktop,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('bench:ui: the renderer build failed');
  const server = spawn(
    vite,
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: desktop,
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`bench:ui: vite preview did not answer on port ${port}`);
};

/** What one zoom step cost (pageHelpers.js `zoomStepWork`). */
interface ZoomStep {
  /** Main-thread ms from the wheel event to the end of that frame's rendering. */
  readonly work: number;
  /** The longest frame (start → end of its rendering) among the frames that followed. */
  readonly after: number;
  /** Ms from the wheel event (at a frame's start) to the next frame's start. */
  readonly frame: number;
  /** Frames watched after it, until the canvas was at rest. */
  readonly frames: number;
}

/** The helpers pageHelpers.js installs in the page. */
interface BenchUiHelpers {
  dropAndTime(name: string, text: string, nodes: number, output: string): Promise<number>;
  armEditLatency(output: string): void;
  latency: Promise<number>;
  startFrames(): void;
  stopFrames(displayInterval?: number): {
    frames: number;
    dropped: number;
    interval: number;
    median: number;
  };
  nextFrame(): Promise<void>;
  flowToScreen(x: number, y: number): { x: number; y: number };
  clickAndWaitForText(
    selector: string,
    text: string,
  ): Promise<{ ms: number; longestFrame: number }>;
  zoomStep(deltaY: number, x?: number, y?: number): Promise<number>;
  zoomStepWork(deltaY: number, x?: number, y?: number): Promise<ZoomStep>;
  lastDrawn: number;
}

declare global {
  interface Window {
    __benchUi: BenchUiHelpers;
    __chainrule?: { runtimeStats: () => { transactions: number } };
    __chainruleData?: { refreshes(): number; busyMs(): number };
  }
}

/** How the decision-boundary view kept up while the spiral example trained. */
interface BoundaryResult {
  /** Pictures with model values drawn per second. */
  readonly refreshesPerSecond: number;
  readonly refreshes: number;
  readonly seconds: number;
  /** Training steps taken meanwhile, per second. */
  readonly stepsPerSecond: number;
  /** Main-thread ms the boundary view's model took per refresh (grid + test split + curves). */
  readonly msPerRefresh: number;
  /** The machine's 1-minute load average meanwhile: the frame rate is shared with it. */
  readonly load: number;
}

/** Seconds of training the boundary view is watched for. */
const BOUNDARY_SECONDS = 4;

/**
 * Opens the spiral example in a fresh page (the app as a person launches it), starts training
 * from the Train tab and counts the boundary pictures drawn over {@link BOUNDARY_SECONDS}.
 */
const measureBoundary = async (page: Page): Promise<BoundaryResult> => {
  await page.goto(`${origin}/?instrument`);
  await page.locator('.react-flow__pane').waitFor();
  await page.getByLabel('Open an example').selectOption('spiral.graph');
  await page.locator('[data-testid="boundary-canvas"][data-refreshes]').waitFor();
  const toggle = page.getByRole('button', { name: 'Learn', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.getByRole('tab', { name: 'Train' }).click();
  const steps = async (): Promise<number> =>
    Number(
      /Step (\d+)/.exec((await page.getByTestId('training-status').textContent()) ?? '')?.[1] ?? 0,
    );
  const refreshes = (): Promise<number> =>
    page.evaluate(() => window.__chainruleData?.refreshes() ?? 0);
  const busy = (): Promise<number> => page.evaluate(() => window.__chainruleData?.busyMs() ?? 0);
  // The fastest pace, so every frame has new parameter values to draw.
  await page.getByLabel('Pace').selectOption('120');
  await page.getByRole('button', { name: /^Run \d+ steps$/ }).click();
  // Past the first frames of the run (the private runtime is being built).
  await page.waitForTimeout(500);
  const startSteps = await steps();
  const startRefreshes = await refreshes();
  const startBusy = await busy();
  const started = Date.now();
  await page.waitForTimeout(BOUNDARY_SECONDS * 1000);
  const seconds = (Date.now() - started) / 1000;
  const drawn = (await refreshes()) - startRefreshes;
  const stepped = (await steps()) - startSteps;
  const busyMs = (await busy()) - startBusy;
  return {
    msPerRefresh: drawn > 0 ? busyMs / drawn : NaN,
    load: os.loadavg()[0]!,
    refreshesPerSecond: drawn / seconds,
    refreshes: drawn,
    seconds,
    stepsPerSecond: stepped / seconds,
  };
};

const boundaryRow = (b: BoundaryResult): string =>
  `| decision-boundary view refreshes ≥ 10 times per second while the spiral example trains | ${b.refreshesPerSecond.toFixed(1)} /s | ${(10 / b.refreshesPerSecond).toFixed(2)}× | ${b.refreshes} pictures in ${b.seconds.toFixed(1)} s (each a 64×64 grid = 4,096 lanes through the network) while training ran at ${b.stepsPerSecond.toFixed(0)} steps/s (pace 120); the view's own work is ${b.msPerRefresh.toFixed(1)} ms per refresh, the rest of each frame is training, the canvas and the panels; machine load ${b.load.toFixed(1)} | ${b.refreshesPerSecond >= 10 ? '✅ met' : '❌ not met'} |`;

const dropAndTime = (
  page: Page,
  name: string,
  text: string,
  nodes: number,
  output: string,
): Promise<number> =>
  page.evaluate(([n, t, c, o]) => window.__benchUi.dropAndTime(n, t, c, o), [
    name,
    text,
    nodes,
    output,
  ] as const);
const nextFrame = (page: Page): Promise<void> => page.evaluate(() => window.__benchUi.nextFrame());
const startFrames = (page: Page): Promise<void> =>
  page.evaluate(() => window.__benchUi.startFrames());
const stopFrames = (page: Page, displayInterval?: number) =>
  page.evaluate((d) => window.__benchUi.stopFrames(d), displayInterval);

/**
 * Drops the 1,000-node lattice (40 wide × 25 deep, plus the 39-add sum tree: every input reaches
 * J) on the page and zooms in on one input as a person does to work on it.
 */
const open1kZoomedIn = async (
  page: Page,
): Promise<{ open1k: number; inputId: string; consumer: string }> => {
  const lattice1k = latticeFamily(40, 25);
  const nodes1k = lattice1k.spec.nodes.length;
  const open1k = await dropAndTime(
    page,
    'lattice-1k.graph',
    documentText(lattice1k.spec, 'lattice 1k'),
    nodes1k,
    'J',
  );
  const inputId = lattice1k.spec.nodes[20]!.id;
  // The canvas draws only what is in view, and a person zooms in to work: zoom in around the
  // input (a wheel zoom keeps the point under the pointer where it is), then watch its first
  // consumer's value, which is in view beside it.
  const consumer = lattice1k.spec.edges.find((e) => e.source === inputId)!.target;
  // At fit zoom the nodes are drawn by the low-detail layer, not in the DOM: find the input on
  // the screen from its position in the file.
  const inputAt = autoLayout(lattice1k.spec)[inputId]!;
  const inputCentre = await page.evaluate(([x, y]) => window.__benchUi.flowToScreen(x, y), [
    inputAt.x + 86,
    inputAt.y + 50,
  ] as const);
  for (let z = 0; z < 12; z++) {
    await page.evaluate(([x, y]) => window.__benchUi.zoomStep(-120, x, y), [
      inputCentre.x,
      inputCentre.y,
    ] as const);
  }
  return { open1k, inputId, consumer };
};

/**
 * Zoom steps on the 1,000-node graph from where a person edits it: 4 notches further in first
 * (not measured, about 160%), then 10 notches out and 10 back in (160% ↔ 30%), through the
 * zooms where nodes are in the DOM, the overview, and the drawn view below 44%.
 */
const zoomSteps1k = async (page: Page): Promise<ZoomStep[]> => {
  for (let k = 0; k < 4; k++) await page.evaluate(() => window.__benchUi.zoomStepWork(-120));
  const steps: ZoomStep[] = [];
  for (let k = 0; k < 20; k++) {
    steps.push(await page.evaluate((d) => window.__benchUi.zoomStepWork(d), k < 10 ? 120 : -120));
  }
  return steps;
};

/** Fit view of the 10,000-node graph (all on the low-detail layer), then 20 steps around it. */
const zoomSteps10k = async (page: Page): Promise<ZoomStep[]> => {
  await page.getByRole('button', { name: 'Fit view' }).click();
  await page.waitForTimeout(500);
  const steps: ZoomStep[] = [];
  for (let z = 0; z < 20; z++) {
    steps.push(
      await page.evaluate((d) => window.__benchUi.zoomStepWork(d), z % 10 < 5 ? -120 : 120),
    );
  }
  return steps;
};

interface UiResults {
  readonly editLatencies: number[];
  readonly drag: {
    frames: number;
    dropped: number;
    interval: number;
    idleDropped: number;
    /** Median frame interval of the idle page with the 1k graph shown. */
    idleMedian: number;
    updates: number;
  };
  /** The display's frame interval, measured on a blank page. */
  readonly displayInterval: number;
  readonly open5k: number[];
  readonly open1k: number;
  readonly zoomSteps: ZoomStep[];
  /** Zoom steps at fit zoom of the 10,000-node graph (drawn by the low-detail layer). */
  readonly zoomSteps10k: ZoomStep[];
  /** Tidy up of the 1,000-node graph: ms to the done notice, and the longest frame meanwhile. */
  readonly tidyUp: { ms: number; longestFrame: number }[];
  readonly open10k: number[];
  /** Frames per second while dragging the 10,000-node canvas, and nodes in the DOM meanwhile. */
  readonly pan10k: { fps: number; frames: number; drawn: number };
  readonly drawn5k: number;
  readonly boundary: BoundaryResult;
}

const measure = async (page: Page, freshPage: () => Promise<Page>): Promise<UiResults> => {
  // The display's pace first, on a blank page: dropped frames are counted against it.
  await page.goto('about:blank');
  await startFrames(page);
  for (let k = 0; k < dragFrames; k++) await nextFrame(page);
  const displayInterval = (await stopFrames(page)).median;
  await page.goto(`${origin}/?instrument`);
  await page.locator('.react-flow__pane').waitFor();

  const { open1k, inputId, consumer } = await open1kZoomedIn(page);
  await page.getByTestId(`value-${consumer}`).waitFor();
  const field = page.getByTestId(`node-${inputId}`).locator('.value-input');
  await field.scrollIntoViewIfNeeded();
  await field.click();

  const editLatencies: number[] = [];
  for (let k = 0; k < edits; k++) {
    await field.press('ControlOrMeta+a');
    await nextFrame(page);
    await nextFrame(page);
    await page.evaluate((id) => window.__benchUi.armEditLatency(id), consumer);
    await field.press(String(1 + (k % 9)));
    const latency = await page.evaluate(() => window.__benchUi.latency);
    if (typeof latency !== 'number') throw new Error('bench:ui: no latency measured for an edit');
    editLatencies.push(latency);
  }

  // Slider drag over 60 frames, one pointer move per frame.
  const slider = page.getByTestId(`node-${inputId}`).locator('.value-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await startFrames(page);
  for (let k = 0; k < dragFrames; k++) await nextFrame(page);
  const idle = await stopFrames(page, displayInterval);
  const jBefore = await page.getByTestId(`value-${consumer}`).textContent();
  const updatesBefore = await page.evaluate(
    () => window.__chainrule?.runtimeStats().transactions ?? 0,
  );
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await startFrames(page);
  for (let k = 0; k < dragFrames; k++) {
    await page.mouse.move(
      box.x + box.width * (0.2 + (0.6 * (k + 1)) / dragFrames),
      box.y + box.height / 2,
    );
    await nextFrame(page);
  }
  const drag = await stopFrames(page, displayInterval);
  await page.mouse.up();
  const updates =
    (await page.evaluate(() => window.__chainrule?.runtimeStats().transactions ?? 0)) -
    updatesBefore;
  if ((await page.getByTestId(`value-${consumer}`).textContent()) === jBefore)
    throw new Error('the slider drag did not change the consumer of the input');

  const zoomSteps = await zoomSteps1k(page);

  // Tidy up of the 1,000-node graph, three times (undone in between): click → "Tidied up".
  const tidyUp: { ms: number; longestFrame: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const run = await page.evaluate(() =>
      window.__benchUi.clickAndWaitForText('button[aria-label="Tidy up"]', 'Tidied up'),
    );
    console.error(
      `tidy up ${k + 1}: ${run.ms.toFixed(0)} ms, longest frame ${run.longestFrame.toFixed(0)} ms`,
    );
    tidyUp.push(run);
    await page.getByRole('button', { name: '↶ Undo' }).click();
    await page
      .getByText(/^Tidied up/)
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }

  /**
   * Opens a file in a fresh browser context (the app as a person launches it, nothing
   * restored) by dropping it on the canvas; the ms until J shows its value.
   */
  const openFresh = async (name: string, text: string, spec: GraphSpec) => {
    const fresh = await freshPage();
    await fresh.goto(`${origin}/?instrument`);
    await fresh.locator('.react-flow__pane').waitFor();
    const before = await fresh.locator('.react-flow__node').count();
    const ms = await dropAndTime(fresh, name, text, spec.nodes.length, 'J');
    return { fresh, ms, before };
  };

  // 5,000-node file (lattice 100 × 50 plus its sum tree), opened three times on a fresh page.
  const lattice5k = latticeFamily(100, 50);
  const text5k = documentText(lattice5k.spec, 'lattice 5k');
  const open5k: number[] = [];
  let drawn5k = 0;
  for (let k = 0; k < 3; k++) {
    const { fresh, ms, before } = await openFresh(`lattice-5k-${k}.graph`, text5k, lattice5k.spec);
    console.error(`5k open ${k + 1}: ${ms.toFixed(0)} ms (canvas had ${before} nodes before)`);
    open5k.push(ms);
    drawn5k = await fresh.evaluate(() => window.__benchUi.lastDrawn);
    await fresh.context().close();
  }

  // 10,000-node file (lattice 200 × 50 plus its sum tree): open twice, then pan the second.
  const lattice10k = latticeFamily(200, 50);
  const text10k = documentText(lattice10k.spec, 'lattice 10k');
  const open10k: number[] = [];
  let pan10k = { fps: 0, frames: 0, drawn: 0 };
  let zoom10k: ZoomStep[] = [];
  for (let k = 0; k < 2; k++) {
    const { fresh, ms } = await openFresh(`lattice-10k-${k}.graph`, text10k, lattice10k.spec);
    console.error(`10k open ${k + 1}: ${ms.toFixed(0)} ms`);
    open10k.push(ms);
    if (k === 0) zoom10k = await zoomSteps10k(fresh);
    if (k === 1) {
      // Zoom in to where nodes are readable, then drag the pane for 60 frames.
      for (let z = 0; z < 8; z++) await fresh.evaluate(() => window.__benchUi.zoomStep(-120));
      const pane = (await fresh.locator('.react-flow__pane').boundingBox())!;
      const cx = pane.x + pane.width / 2;
      const cy = pane.y + pane.height / 2;
      await fresh.mouse.move(cx, cy);
      await fresh.mouse.down();
      await startFrames(fresh);
      const started = Date.now();
      for (let f = 0; f < dragFrames; f++) {
        await fresh.mouse.move(cx - f * 12, cy - f * 4);
        await nextFrame(fresh);
      }
      const seconds = (Date.now() - started) / 1000;
      const frames = await stopFrames(fresh);
      await fresh.mouse.up();
      const drawn = await fresh.locator('.react-flow__node').count();
      pan10k = { fps: frames.frames / seconds, frames: frames.frames, drawn };
    }
    await fresh.context().close();
  }
  const boundaryPage = await freshPage();
  const boundary = await measureBoundary(boundaryPage);
  await boundaryPage.context().close();
  return {
    boundary,
    editLatencies,
    drag: { ...drag, idleDropped: idle.dropped, idleMedian: idle.median, updates },
    displayInterval,
    open5k,
    open1k,
    zoomSteps,
    zoomSteps10k: zoom10k,
    tidyUp,
    open10k,
    pan10k,
    drawn5k,
  };
};

/** `git rev-parse --short HEAD` of the checkout measured, or `unknown`. */
const commit = (): string => {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
};

/**
 * A zoom step's cost is the longest frame it causes: the frame the wheel event lands in (event →
 * end of that frame's rendering) or any of the frames after it (work left for later frames).
 */
const stepCost = (step: ZoomStep): number => Math.max(step.work, step.after);

const zoomRow = (target: string, steps: readonly ZoomStep[], how: string): string => {
  const cost = median(steps.map(stepCost));
  const work = median(steps.map((s) => s.work));
  const after = median(steps.map((s) => s.after));
  const frame = median(steps.map((s) => s.frame));
  const worst = Math.max(...steps.map(stepCost));
  return `| ${target} | ${cost.toFixed(1)} ms | ${(cost / 16).toFixed(2)}× | ${steps.length} ${how}. The longest frame a step causes, main-thread time from its start to the end of its rendering (a message posted in the frame runs once it is painted): the wheel's own frame ${work.toFixed(1)} ms, the frames after it, until every node in view was in the DOM and the text at its size (${median(steps.map((s) => s.frames)).toFixed(0)} frames), ${after.toFixed(1)} ms (medians); worst step ${worst.toFixed(1)} ms; the next frame started ${frame.toFixed(1)} ms after the wheel (one display frame is the floor of that) | ${cost <= 16 ? '✅ met' : '❌ not met'} |`;
};

const render = (r: UiResults, load: readonly number[]): string => {
  const sorted = [...r.editLatencies].sort((a, b) => a - b);
  const verdict = (ok: boolean): string => (ok ? '✅ met' : '❌ not met');
  /** measured ÷ target (≤ 1 meets a "≤" target), or target ÷ measured for an "≥" target. */
  const ratio = (value: number, target: number): string => `${(value / target).toFixed(2)}×`;
  const editMedian = median(r.editLatencies);
  const open = median(r.open5k);
  const open10 = median(r.open10k);
  const frame = r.displayInterval;
  const tidy = median(r.tidyUp.map((t) => t.ms));
  const tidyFrame = Math.max(...r.tidyUp.map((t) => t.longestFrame));
  return [
    '## UI (Chromium, Playwright)',
    '',
    `Written by \`npm run bench:ui -w @chainrule/bench\` (bench/ui/uiBench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()} (engine v2), against the built web renderer served by \`vite preview\`, in ${chromiumPath} headless (software rendering, \`--disable-gpu\`) at 1280×800, on ${os.cpus()[0]?.model.trim() ?? ''} × ${os.cpus().length} (load average ${load.map((x) => x.toFixed(1)).join(' / ')} over 1 / 5 / 15 min when the run started: the machine is shared, so wall-clock times here are upper bounds). Medians; the ratio is measured ÷ target (≤ 1× meets a ≤ target; for fps, target ÷ measured).`,
    '',
    '| target | median | ratio | how it is measured | verdict |',
    '|---|---|---|---|---|',
    `| 1,000-node graph: a typed input edit reaches the DOM ≤ 16 ms | ${editMedian.toFixed(1)} ms | ${ratio(editMedian, 16)} | min–max ${sorted[0]!.toFixed(1)}–${sorted[sorted.length - 1]!.toFixed(1)} ms over ${sorted.length} keystrokes: key event → the value text of the input's consumer (in view beside it, zoomed in as a person edits) mutated | ${verdict(editMedian <= 16)} |`,
    `| 60-frame slider drag drops ≤ 3 frames | ${r.drag.dropped} dropped | ${ratio(r.drag.dropped, 3)} | over ${r.drag.frames} frames (display frame ${frame.toFixed(1)} ms; the idle page with the graph drops ${r.drag.idleDropped} over ${dragFrames} frames, median frame ${r.drag.idleMedian.toFixed(1)} ms), ${r.drag.updates} propagations | ${verdict(r.drag.dropped <= 3)} |`,
    zoomRow(
      '1,000-node graph: a zoom step ≤ 16 ms (one frame)',
      r.zoomSteps,
      'steps out and back in between 160% and 30% zoom, from nodes in the DOM through the overview (more than 80 nodes in view, back to the DOM at 60) to the drawn view below 44%',
    ),
    zoomRow(
      '10,000-node graph at fit zoom: a zoom step ≤ 16 ms',
      r.zoomSteps10k,
      'steps in and out from Fit view (every node drawn by the low-detail layer)',
    ),
    `| Tidy up of the 1,000-node graph ≤ 1.5 s, window responsive | ${(tidy / 1000).toFixed(2)} s | ${ratio(tidy, 1500)} | click → the "Tidied up" notice (${r.tidyUp.map((t) => (t.ms / 1000).toFixed(2)).join(', ')} s; undone in between; from 300 nodes Tidy up uses graph-runtime's layered layout, below that ELK in a worker); longest frame meanwhile ${tidyFrame.toFixed(0)} ms (0: done within one frame) | ${verdict(tidy <= 1500)} |`,
    `| 5,000-node file: first render with J shown ≤ 2 s | ${(open / 1000).toFixed(2)} s | ${ratio(open, 2000)} | ${r.open5k.map((x) => (x / 1000).toFixed(2)).join(', ')} s: drop on a fresh page → J showing its value; opens zoomed on J, ${r.drawn5k} nodes drawn | ${verdict(open <= 2000)} |`,
    `| 10,000-node file: first render with J shown ≤ 4 s | ${(open10 / 1000).toFixed(2)} s | ${ratio(open10, 4000)} | ${r.open10k.map((x) => (x / 1000).toFixed(2)).join(', ')} s, as above | ${verdict(open10 <= 4000)} |`,
    `| panning the 10,000-node graph ≥ 30 fps | ${r.pan10k.fps.toFixed(1)} fps | ${ratio(30, r.pan10k.fps)} | ${r.pan10k.frames} frames of a mouse drag, ${r.pan10k.drawn} nodes in the DOM, zoomed in 8 notches from where it opened | ${verdict(r.pan10k.fps >= 30)} |`,
    boundaryRow(r.boundary),
    '',
    `The 1,000-node graph (1,039 nodes) itself opened in ${(r.open1k / 1000).toFixed(2)} s (at fit zoom, on the low-detail layer).`,
    '',
  ].join('\n');
};

const main = async (): Promise<void> => {
  const server = await serve();
  try {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const problems: string[] = [];
      const freshPage = async (): Promise<Page> => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript({
          path: resolve(dirname(fileURLToPath(import.meta.url)), 'pageHelpers.js'),
        });
        page.on('pageerror', (e) => problems.push(e.message));
        return page;
      };
      if (process.argv.includes('--only') && process.argv.includes('boundary')) {
        const page = await freshPage();
        console.log(boundaryRow(await measureBoundary(page)));
        if (problems.length > 0)
          throw new Error(`the page reported errors: ${problems.join('; ')}`);
        return;
      }
      if (process.argv.includes('--only') && process.argv.includes('zoom')) {
        // Just the zoom steps, printed and not written: for working on the canvas's zoom.
        const page = await freshPage();
        await page.goto(`${origin}/?instrument`);
        await page.locator('.react-flow__pane').waitFor();
        await open1kZoomedIn(page);
        const steps1k = await zoomSteps1k(page);
        const big = await freshPage();
        await big.goto(`${origin}/?instrument`);
        await big.locator('.react-flow__pane').waitFor();
        const lattice10k = latticeFamily(200, 50);
        await dropAndTime(
          big,
          'lattice-10k.graph',
          documentText(lattice10k.spec, 'lattice 10k'),
          lattice10k.spec.nodes.length,
          'J',
        );
        const steps10k = await zoomSteps10k(big);
        const show = (steps: readonly ZoomStep[]) =>
          steps.map((s) => `${s.work.toFixed(0)}/${s.after.toFixed(0)}(${s.frames})`).join(' ');
        console.log(`1k steps (work/after ms): ${show(steps1k)}`);
        console.log(`10k steps (work/after ms): ${show(steps10k)}`);
        console.log(zoomRow('1,000-node graph: a zoom step ≤ 16 ms (one frame)', steps1k, 'steps'));
        console.log(
          zoomRow('10,000-node graph at fit zoom: a zoom step ≤ 16 ms', steps10k, 'steps'),
        );
        console.log(
          `load ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' / ')}`,
        );
        if (problems.length > 0)
          throw new Error(`the page reported errors: ${problems.join('; ')}`);
        return;
      }
      const load = os.loadavg();
      const results = await measure(await freshPage(), freshPage);
      if (problems.length > 0) throw new Error(`the page reported errors: ${problems.join('; ')}`);
      const section = render(results, load);
      console.log(section);
      const docs = resolve(root, 'docs/benchmarks.md');
      const existing = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
      writeFileSync(docs, replaceUiSection(existing, section));
      console.error(`wrote the UI section of ${docs}`);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
