// Transactional reads for RxJS users: select$ and changes$ (issue #10).
import { combineLatest } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  createRuntime,
  edgeId,
  nodeId,
  type GraphSpec,
  type NodeReading,
  type RuntimeChanges,
} from '@chainrule/graph-runtime';
import { e, n, seedGraph, testRegistry } from './testOps';

const id = nodeId;

/** y = −x, J = x + y = 0 (so every gradient is defined). */
const mirror = (): GraphSpec => ({
  nodes: [n('x', 'input', 1), n('y', 'neg'), n('J', 'add')],
  edges: [e('e1', 'x', 'y', 'x'), e('e2', 'x', 'J', 'a'), e('e3', 'y', 'J', 'b')],
  output: id('J'),
});

const valueOf = (reading: NodeReading): number =>
  reading.value.kind === 'ok' ? reading.value.value : Number.NaN;

describe('select$', () => {
  it('emits one consistent tuple per transaction, where combineLatest tears', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: mirror() });
    const x = runtime.node(id('x'));
    const y = runtime.node(id('y'));
    const torn: [number, number][] = [];
    combineLatest([x.value$, y.value$]).subscribe(([vx, vy]) => {
      if (vx.kind === 'ok' && vy.kind === 'ok') torn.push([vx.value, vy.value]);
    });
    const tuples: [number, number][] = [];
    runtime
      .select$([id('x'), id('y')])
      .subscribe(([rx, ry]) => tuples.push([valueOf(rx!), valueOf(ry!)]));
    runtime.setValue(id('x'), 2);
    runtime.setValue(id('x'), 3);
    // combineLatest is not transactional: it shows (2, -1) and (3, -2).
    expect(torn).toContainEqual([2, -1]);
    expect(tuples).toEqual([
      [1, -1],
      [2, -2],
      [3, -3],
    ]);
  });

  it('gives a record for a record of ids, with values and gradients of the same version', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: Record<'a' | 'J', NodeReading>[] = [];
    runtime.select$({ a: id('a'), J: id('J') }).subscribe((reading) => seen.push(reading));
    runtime.setValue(id('b'), 4);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual({
      a: { value: { kind: 'ok', value: 5 }, grad: { kind: 'ok', value: 3 } },
      J: { value: { kind: 'ok', value: 39 }, grad: { kind: 'ok', value: 1 } },
    });
  });

  it('stays quiet when none of its nodes changed, and completes when one is removed', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    let emissions = 0;
    let completed = false;
    runtime.select$([id('a')]).subscribe({
      next: () => emissions++,
      complete: () => (completed = true),
    });
    runtime.setValue(id('b'), 4); // changes J, not a's value or its gradient dJ/da = 3
    expect(emissions).toBe(1);
    runtime.setValue(id('a'), 7);
    expect(emissions).toBe(2);
    runtime.removeNode(id('a'));
    expect(completed).toBe(true);
    expect(runtime.stats().subscriptions).toBe(0);
  });

  it('sends a selection made during an emission its reading once', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: mirror() });
    const tuples: number[][] = [];
    let armed = false;
    runtime.node(id('x')).value$.subscribe(() => {
      if (!armed) return;
      armed = false;
      runtime.select$([id('x'), id('y')]).subscribe((r) => tuples.push(r.map(valueOf)));
    });
    armed = true;
    runtime.setValue(id('x'), 4);
    expect(tuples).toEqual([[4, -4]]);
    runtime.setValue(id('x'), 5);
    expect(tuples).toEqual([
      [4, -4],
      [5, -5],
    ]);
  });

  it('refuses an unknown id at once', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    expect(() => runtime.select$([id('nope')])).toThrow(/no node "nope"/);
  });
});

describe('changes$', () => {
  it('names what changed, once per transaction, and nothing on subscribe', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const seen: RuntimeChanges[] = [];
    runtime.changes$.subscribe((changes) => seen.push(changes));
    expect(seen).toEqual([]);
    runtime.setValue(id('a'), 1);
    expect(seen).toHaveLength(1);
    expect([...seen[0]!.values].sort()).toEqual(['J', 'a', 'v']);
    // Only dJ/dthree = v changes, and the edge three → J whose local derivative is v.
    expect(seen[0]!.grads).toEqual(['three']);
    expect(seen[0]!.edges).toEqual(['e5']);
    runtime.batch(() => {
      runtime.addNode(n('w', 'neg'));
      runtime.addEdge(e('e9', 'J', 'w', 'x'));
    });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({
      addedNodes: ['w'],
      addedEdges: ['e9'],
      removedNodes: [],
      outputChanged: false,
    });
    expect(seen[1]!.values).toEqual(['w']);
    expect(seen[1]!.edges).toEqual(['e9']);
    runtime.setOutput(id('w'));
    expect(seen[2]!.outputChanged).toBe(true);
    expect(seen[2]!.grads.length).toBeGreaterThan(0);
  });

  it('comes after every node and edge emission, before the transaction report', () => {
    const runtime = createRuntime({ registry: testRegistry, graph: seedGraph() });
    const order: string[] = [];
    runtime.transaction$.subscribe(() => order.push('report'));
    runtime.changes$.subscribe(() => order.push('changes'));
    runtime.select$([id('J')]).subscribe(() => order.push('select'));
    runtime.edge(edgeId('e2')).gradient$.subscribe(() => order.push('edge'));
    runtime.node(id('c')).grad$.subscribe(() => order.push('grad'));
    runtime.node(id('J')).value$.subscribe(() => order.push('value'));
    order.length = 0;
    runtime.setValue(id('b'), 4);
    expect(order).toEqual(['value', 'grad', 'edge', 'select', 'changes', 'report']);
  });
});
