import { createRuntime, nodeId } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import type { EditorDocument } from '../document/editorDocument';
import { idTable } from '../document/editorDocument';
import { createTrainingRuntime, withLiveValues, withTrainedValues } from './trainingData';
import { logisticGraph } from './testModel';

const doc: EditorDocument = {
  graph: {
    nodes: [
      { id: nodeId('a'), op: 'input', params: { value: 1 } },
      { id: nodeId('h1'), op: 'neuron2', params: { w1: 0.5, w2: -1, b: 0 } },
    ],
    edges: [],
    output: null,
  },
  positions: idTable(),
};

describe('withTrainedValues', () => {
  it('writes inputs and instance parameters by flat id, in one copy', () => {
    const next = withTrainedValues(
      doc,
      new Map([
        [nodeId('a'), 2],
        [nodeId('h1/w2'), 0.25],
        [nodeId('h1/inner/w'), 9],
        [nodeId('gone'), 3],
      ]),
    );
    expect(next.graph.nodes).toEqual([
      { id: 'a', op: 'input', params: { value: 2 } },
      { id: 'h1', op: 'neuron2', params: { w1: 0.5, w2: 0.25, b: 0 } },
    ]);
  });

  it('returns the same document when nothing changes', () => {
    expect(withTrainedValues(doc, new Map([[nodeId('h1/w1'), 0.5]]))).toBe(doc);
  });
});

describe('createTrainingRuntime', () => {
  const data = {
    ...doc,
    datasets: [
      {
        id: 'data',
        columns: ['x1', 'x2', 'y'],
        source: { kind: 'generate', generator: 'xor', size: 40, noise: 0.1, seed: 1 },
        split: { test: 0.25, seed: 1 },
      } as const,
    ],
  };

  it('feeds the training split into a runtime of the flat graph', () => {
    const runtime = createTrainingRuntime(
      data,
      logisticGraph(1, 1),
      standardRegistry,
      createRuntime,
    );
    expect(runtime.lanes()).toBe(30);
    expect(runtime.node(nodeId('J')).value().kind).toBe('ok');
  });

  it('refuses, with a sentence, data it cannot feed', () => {
    expect(() =>
      createTrainingRuntime(doc, logisticGraph(1, 1), standardRegistry, createRuntime),
    ).toThrow(/does not define/);
  });
});

describe('withLiveValues', () => {
  const flat = {
    nodes: [
      { id: nodeId('a'), op: 'input', params: { value: 1 } },
      { id: nodeId('h1/w1'), op: 'input', params: { value: 0.5 } },
      { id: nodeId('h1/z'), op: 'mul' },
    ],
    edges: [],
    output: null,
  };

  it('puts a run’s values on the flat graph by flat id and keeps the other nodes', () => {
    const live = withLiveValues(flat, new Map([[nodeId('h1/w1'), 2]]));
    expect(live.nodes[1]!.params).toEqual({ value: 2 });
    expect(live.nodes[0]).toBe(flat.nodes[0]);
    expect(live.nodes[2]).toBe(flat.nodes[2]);
  });

  it('is the same graph when there is nothing new', () => {
    expect(withLiveValues(flat, null)).toBe(flat);
    expect(withLiveValues(flat, new Map([[nodeId('a'), 1]]))).toBe(flat);
  });
});
