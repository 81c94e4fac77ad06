import { describe, expect, it } from 'vitest';
import { createRuntime, edgeId, nodeId } from '@chainrule/graph-runtime';
import { seedGraph, testRegistry } from './testOps';

describe('subscriptions do not leak', () => {
  it('disposing runtimes completes every stream and leaves no subscription behind', () => {
    let completed = 0;
    for (let round = 0; round < 200; round++) {
      const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
      const subscriptions = seedGraph().nodes.flatMap((node) => [
        runtime.node(node.id).value$.subscribe({ complete: () => completed++ }),
        runtime.node(node.id).grad$.subscribe({ complete: () => completed++ }),
      ]);
      subscriptions.push(
        runtime.edge(edgeId('e1')).gradient$.subscribe({ complete: () => completed++ }),
      );
      expect(runtime.stats().subscriptions).toBe(15);
      runtime.setValue(nodeId('a'), round);
      runtime.dispose();
      expect(runtime.stats().subscriptions).toBe(0);
      expect(subscriptions.every((subscription) => subscription.closed)).toBe(true);
    }
    expect(completed).toBe(200 * 15);
  });

  it('removing a node completes its streams and its edges\u2019 streams', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const value = runtime.node(nodeId('u')).value$.subscribe();
    const grad = runtime.node(nodeId('u')).grad$.subscribe();
    const edge = runtime.edge(edgeId('e4')).gradient$.subscribe();
    const other = runtime.node(nodeId('a')).value$.subscribe();
    expect(runtime.stats().subscriptions).toBe(4);
    runtime.removeNode(nodeId('u'));
    expect([value.closed, grad.closed, edge.closed, other.closed]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(runtime.stats().subscriptions).toBe(1);
    other.unsubscribe();
    expect(runtime.stats().subscriptions).toBe(0);
    // Subscribing to a removed node's handle completes at once.
    expect(() => runtime.node(nodeId('u'))).toThrow(/no node/);
  });

  it('unsubscribing stops delivery and frees the subscription', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: unknown[] = [];
    const subscription = runtime.node(nodeId('J')).value$.subscribe((state) => seen.push(state));
    subscription.unsubscribe();
    runtime.setValue(nodeId('a'), 1);
    expect(seen).toHaveLength(1);
    expect(runtime.stats().subscriptions).toBe(0);
  });
});
