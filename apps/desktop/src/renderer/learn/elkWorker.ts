import ELK from 'elkjs/lib/elk-api.js';
import type { ElkLayout } from './elkLayout';

/** An ELK whose layouts run in a Web Worker, and a way to stop the one under way. */
export interface WorkerElk extends ElkLayout {
  /** Stops the worker; a layout under way never finishes. */
  terminateWorker(): void;
}

/**
 * Creates an ELK that lays out in a new Web Worker (bundled by Vite from `elk.worker.ts`; the
 * production CSP allows `worker-src 'self'`). One per layout, so Cancel can terminate it.
 */
export const createWorkerElk = (): WorkerElk =>
  new ELK({
    workerFactory: () =>
      new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' }),
  }) as unknown as WorkerElk;

let shared: WorkerElk | null = null;

/**
 * The window's layout worker, created on first use and kept: ELK is a large compiled program,
 * and a fresh worker spends most of a layout loading and optimising it: the next Tidy up runs
 * warm.
 */
export const sharedWorkerElk = (): WorkerElk => (shared ??= createWorkerElk());

/** Stops the shared worker (Cancel): a layout under way never finishes; the next one starts afresh. */
export const stopSharedWorkerElk = (): void => {
  shared?.terminateWorker();
  shared = null;
};
