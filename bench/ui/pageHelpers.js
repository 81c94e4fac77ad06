// In-page helpers for bench/ui/uiBench.ts, injected with page.addInitScript({ path }) so the
// browser runs this file as written (functions passed to page.evaluate from a tsx-run script
// carry esbuild's `__name` wrappers, which do not exist in the page).
/* global window, document, requestAnimationFrame, getComputedStyle, DOMMatrixReadOnly, DataTransfer, DragEvent, MutationObserver, WheelEvent */

window.__benchUi = {
  /**
   * Drops a `.graph` file on the canvas as a person would and resolves with the ms until every
   * node is drawn and the output shows a value.
   */
  dropAndTime(name, text, nodes, output) {
    return new Promise((resolve, reject) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      const target = document.querySelector('.react-flow__pane') ?? document.body;
      const started = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
      // performance.now(), not the rAF timestamp: that is when the frame began, which can be
      // before the long task that did the work.
      const poll = () => {
        const now = performance.now();
        const drawn = document.querySelectorAll('.react-flow__node').length;
        const shown = document.querySelector(`[data-testid="value-${output}"]`)?.textContent ?? '';
        const loaded = document.querySelector('[data-testid="document-name"]')?.textContent ?? '';
        // Zoomed out, the low-detail layer draws the nodes (and J's value) on a canvas.
        const layer = document.querySelector('[data-testid="low-detail-layer"]');
        const drawnOnLayer =
          layer && layer.dataset.total === String(nodes) ? Number(layer.dataset.drawn) : 0;
        // The canvas draws only what is in view, so "rendered" is: the new document is shown,
        // nodes are drawn and the output shows its value (or the low-detail layer drew them).
        if (loaded.includes(name) && ((drawn > 0 && shown.trim() !== '') || drawnOnLayer > 0)) {
          // One more frame: the DOM is complete, the next frame paints it.
          requestAnimationFrame(() => {
            this.lastDrawn = drawn || drawnOnLayer;
            resolve(performance.now() - started);
          });
        } else if (now - started > 60_000)
          reject(new Error(`only ${drawn} of ${nodes} nodes after 60 s`));
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
  },

  /**
   * Resolves with the ms from the next keydown to the moment the output's value text changes
   * (the DOM mutation), i.e. one edit's trip through engine, React and the DOM.
   */
  armEditLatency(output) {
    const target = document.querySelector(`[data-testid="value-${output}"]`);
    const before = target.textContent;
    let keyAt = null;
    window.addEventListener('keydown', (event) => (keyAt = event.timeStamp), {
      capture: true,
      once: true,
    });
    this.latency = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (keyAt !== null && target.textContent !== before) {
          observer.disconnect();
          resolve(performance.now() - keyAt);
        }
      });
      observer.observe(target, { subtree: true, childList: true, characterData: true });
    });
  },

  /** Starts recording requestAnimationFrame timestamps. */
  startFrames() {
    this.frames = [];
    this.recording = true;
    const tick = (t) => {
      this.frames.push(t);
      if (this.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },

  /**
   * Stops recording. A frame counts as dropped when an interval spans more than one display
   * frame (`displayInterval`, measured on a blank page; the page's own median when absent).
   */
  stopFrames(displayInterval) {
    this.recording = false;
    const t = this.frames;
    const intervals = t.slice(1).map((x, i) => x - t[i]);
    const sorted = [...intervals].sort((a, b) => a - b);
    const interval = displayInterval ?? sorted[Math.floor(sorted.length / 2)] ?? 16.7;
    let dropped = 0;
    for (const d of intervals) dropped += Math.max(0, Math.round(d / interval) - 1);
    return {
      frames: intervals.length,
      dropped,
      interval,
      median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    };
  },

  /** A wheel notch over the canvas at (x, y), its middle by default; returns when it was sent. */
  wheel(deltaY, x, y) {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane.getBoundingClientRect();
    const started = performance.now();
    pane.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY,
        clientX: x ?? box.left + box.width / 2,
        clientY: y ?? box.top + box.height / 2,
        bubbles: true,
        cancelable: true,
      }),
    );
    return started;
  },

  /**
   * One zoom step (a wheel notch over the canvas), dispatched at the start of a frame; resolves
   * with the ms until the next frame starts, i.e. whether the step's work fit in one frame.
   */
  zoomStep(deltaY, x, y) {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const started = this.wheel(deltaY, x, y);
        requestAnimationFrame(() => resolve(performance.now() - started));
      });
    });
  },

  /**
   * One zoom step (a wheel notch over the canvas), dispatched at the start of a frame, with what
   * it cost: `work` is the main-thread ms from the wheel event to the end of that frame's
   * rendering (handlers, React, rAF callbacks, style, layout, paint: a message posted during the
   * frame runs once its rendering is done), i.e. whether the step fits in one frame's budget;
   * `after` is the longest such frame among the frames that follow until the canvas is at rest
   * (work a step leaves for later frames counts too); `frames` how many that was; `frame` is the
   * ms until the next frame starts.
   */
  zoomStepWork(deltaY, x, y, settle = 6) {
    const afterRendering = () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    const frameWork = () =>
      new Promise((resolve) => {
        // From the frame's start (its rAF timestamp: callbacks registered before this one run
        // first) to the end of its rendering.
        requestAnimationFrame((began) => {
          void afterRendering().then((ended) => resolve(ended - began));
        });
      });
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const started = this.wheel(deltaY, x, y);
        let frame = 0;
        requestAnimationFrame(() => (frame = performance.now() - started));
        void afterRendering().then(async (ended) => {
          const work = ended - started;
          let after = 0;
          let frames = 0;
          // At least `settle` frames, and on until the canvas is at rest: every node in view in
          // the DOM (the low-detail layer has none pending) and no text-size step waiting for
          // the end of the gesture (Canvas.tsx), up to 120 frames.
          const busy = () =>
            document.querySelector('[data-testid="low-detail-layer"][data-pending="1"]') !== null ||
            document.querySelector('.canvas[data-text-step]') !== null;
          while (frames < settle || (busy() && frames < 120)) {
            after = Math.max(after, await frameWork());
            frames++;
          }
          resolve({ work, after, frame, frames });
        });
      });
    });
  },

  /**
   * Clicks the element `selector` finds and resolves with the ms until some element's text
   * starts with `text` (a notice saying the work is done), and the longest frame meanwhile.
   */
  clickAndWaitForText(selector, text) {
    return new Promise((resolve) => {
      const frames = [];
      let waiting = true;
      const tick = (t) => {
        frames.push(t);
        if (waiting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const done = () =>
        [...document.querySelectorAll('[role="status"], .notice, p, span, div')].some(
          (element) => element.childElementCount === 0 && element.textContent.startsWith(text),
        );
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (!done()) return;
        observer.disconnect();
        waiting = false;
        const ms = performance.now() - started;
        const longest = Math.max(0, ...frames.slice(1).map((x, i) => x - frames[i]));
        resolve({ ms, longestFrame: longest });
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      document.querySelector(selector).click();
    });
  },

  /** Where a point of the flow (canvas coordinates) is on the screen now. */
  flowToScreen(x, y) {
    const viewport = document.querySelector('.react-flow__viewport');
    const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const box = document.querySelector('.react-flow__pane').getBoundingClientRect();
    return { x: box.left + m.e + x * m.a, y: box.top + m.f + y * m.a };
  },

  /** Resolves on the next animation frame. */
  nextFrame() {
    return new Promise((resolve) => requestAnimationFrame(() => resolve()));
  },
};
