import type { GraphEdge, GraphNode, OpRegistry } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkLayout } from './elkLayout';
import { BIG_LAYOUT, layoutGraph } from './elkLayout';

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
let warmed: Promise<unknown> | null = null;

/**
 * The window's layout worker, created on first use and kept: ELK is a large compiled program,
 * and a fresh worker spends most of a big layout loading and optimising it (a cold 1,000-node
 * layout takes several times as long as a warm one).
 */
export const sharedWorkerElk = (): WorkerElk => (shared ??= createWorkerElk());

/** Stops the shared worker (Cancel): a layout under way never finishes; the next one starts afresh. */
export const stopSharedWorkerElk = (): void => {
  shared?.terminateWorker();
  shared = null;
  warmed = null;
};

/** A lattice of `BIG_LAYOUT` add nodes: enough to run the big-graph code paths of ELK. */
const warmUpGraph = () => {
  const width = 15;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let index = 0; index < BIG_LAYOUT; index++) {
    nodes.push({ id: nodeId(`n${index}`), op: 'add' });
    if (index < width) continue;
    for (const [port, from] of [
      ['a', index - width],
      ['b', index - width + ((index + 1) % width === 0 ? 1 - width : 1)],
    ] as const) {
      edges.push({
        id: edgeId(`e${edges.length}`),
        source: nodeId(`n${from}`),
        target: nodeId(`n${index}`),
        targetPort: port,
      });
    }
  }
  return { nodes, edges, output: null };
};

/**
 * Loads the shared worker and runs one throw-away big layout in it, off the main thread, so that
 * the Tidy up of a big graph that may follow runs warm. Once per worker; errors are ignored (the
 * real layout reports its own).
 */
export const warmUpSharedWorkerElk = (registry: OpRegistry): void => {
  warmed ??= layoutGraph(warmUpGraph(), registry, { elk: sharedWorkerElk() }).catch(() => null);
};
