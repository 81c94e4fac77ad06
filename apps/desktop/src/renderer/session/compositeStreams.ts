import type { EdgeGradient, EdgeId, NodeGradient, Runtime } from '@chainrule/graph-runtime';
import { Observable } from 'rxjs';

/**
 * A reading of several flat edges at once, made on subscribe and again after each transaction
 * that changed one of them: the engine has finished both passes by then, so the reading never
 * mixes two versions (as combining their streams one by one would).
 */
const readEdges = <T>(
  runtime: Runtime,
  edges: readonly EdgeId[],
  read: (gradients: readonly EdgeGradient[]) => T,
  same: (a: T, b: T) => boolean,
): Observable<T> =>
  new Observable<T>((subscriber) => {
    const watched = new Set<string>(edges);
    const current = (): T =>
      read(edges.filter((id) => runtime.hasEdge(id)).map((id) => runtime.edge(id).gradient()));
    let last = current();
    subscriber.next(last);
    const subscription = runtime.changes$.subscribe((changes) => {
      if (!changes.outputChanged && !changes.edges.some((id) => watched.has(id))) return;
      const next = current();
      if (same(next, last)) return;
      last = next;
      subscriber.next(next);
    });
    return () => subscription.unsubscribe();
  });

const sameEdgeGradient = (a: EdgeGradient, b: EdgeGradient): boolean =>
  a.kind === b.kind &&
  Object.is(a.local, b.local) &&
  (a.kind !== 'ok' ||
    (b.kind === 'ok' &&
      Object.is(a.upstream, b.upstream) &&
      Object.is(a.contribution, b.contribution))) &&
  (a.kind !== 'unavailable' || (b.kind === 'unavailable' && a.message === b.message));

/**
 * The chain-rule factor of a document edge that became several flat edges (an edge into an
 * instance's port read by several inner nodes): its contribution to dJ/d(source) is the sum of
 * theirs. Written as upstream · local with upstream the sum of the flat edges' dJ/d(consumer),
 * so that product is that sum: the local is their upstream-weighted mean.
 */
export const sumEdgeGradients = (gradients: readonly EdgeGradient[]): EdgeGradient => {
  if (gradients.length === 1) return gradients[0]!;
  const unavailable = gradients.find((gradient) => gradient.kind === 'unavailable');
  if (unavailable) return unavailable;
  let contribution = 0;
  let upstream = 0;
  let localSum = 0;
  for (const gradient of gradients) {
    if (gradient.kind !== 'ok') {
      localSum += gradient.local ?? 0;
      continue;
    }
    contribution += gradient.contribution;
    upstream += gradient.upstream;
    localSum += gradient.local;
  }
  if (gradients.some((gradient) => gradient.kind === 'none') || gradients.length === 0)
    return { kind: 'none', local: gradients.length === 0 ? null : localSum };
  return {
    kind: 'ok',
    contribution,
    upstream,
    local: upstream !== 0 ? contribution / upstream : localSum,
  };
};

/** The chain-rule factor of a document edge that became the flat edges `edges`. */
export const combinedEdgeGradient$ = (
  runtime: Runtime,
  edges: readonly EdgeId[],
): Observable<EdgeGradient> => readEdges(runtime, edges, sumEdgeGradients, sameEdgeGradient);

/**
 * dJ/d(an input port of one instance): what flows back into the port's feeder through this
 * instance alone, the sum of the contributions of the flat edges the port's inner edges became.
 */
export const sumAsNodeGradient = (gradients: readonly EdgeGradient[]): NodeGradient => {
  const unavailable = gradients.find((gradient) => gradient.kind === 'unavailable');
  if (unavailable && unavailable.kind === 'unavailable')
    return { kind: 'unavailable', message: unavailable.message };
  if (gradients.some((gradient) => gradient.kind === 'none')) return { kind: 'none' };
  let value = 0;
  for (const gradient of gradients) if (gradient.kind === 'ok') value += gradient.contribution;
  return { kind: 'ok', value };
};

const sameNodeGradient = (a: NodeGradient, b: NodeGradient): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'ok' || (b.kind === 'ok' && Object.is(a.value, b.value))) &&
  (a.kind !== 'unavailable' || (b.kind === 'unavailable' && a.message === b.message));

/** The gradient at an input port, from the flat edges its inner edges became. */
export const portGradient$ = (
  runtime: Runtime,
  edges: readonly EdgeId[],
): Observable<NodeGradient> =>
  readEdges(
    runtime,
    edges,
    (gradients) =>
      gradients.length === 0 && runtime.output() === null
        ? { kind: 'none' as const }
        : sumAsNodeGradient(gradients),
    sameNodeGradient,
  );
