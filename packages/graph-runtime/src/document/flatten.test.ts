import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine/evaluate';
import { nodeId } from '../graph/ids';
import { testRegistry } from '../__tests__/testOps';
import { flattenDocument } from './flatten';
import { parseGraphDocument } from './parse';
import { serializeGraphDocument } from './serialize';
import type { CompositeDefinition, GraphDocument } from './types';

/** neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2 + b), and a layer of two of them. */
const NET = `{
  "format": "chainrule.graph",
  "version": 2,
  "output": "J",
  "nodes": [
    { "id": "a", "op": "input", "params": { "value": 0.5 } },
    { "id": "c", "op": "input", "params": { "value": -1.5 } },
    { "id": "L", "op": "layer" },
    { "id": "h3", "op": "neuron2", "params": { "w1": 0.7, "b": -0.2 } },
    { "id": "J", "op": "mul" }
  ],
  "edges": [
    { "id": "a-L", "source": "a", "target": "L", "targetPort": "x1" },
    { "id": "c-L", "source": "c", "target": "L", "targetPort": "x2" },
    { "id": "L-h3a", "source": "L", "sourcePort": "y1", "target": "h3", "targetPort": "x1" },
    { "id": "L-h3b", "source": "L", "sourcePort": "y2", "target": "h3", "targetPort": "x2" },
    { "id": "h3-J", "source": "h3", "target": "J", "targetPort": "a" },
    { "id": "a-J", "source": "a", "target": "J", "targetPort": "b" }
  ],
  "definitions": [
    {
      "name": "neuron2",
      "expression": "neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2 + b)",
      "inputs": ["x1", "x2"],
      "parameters": [{ "name": "w1", "default": 0.5 }, { "name": "w2", "default": -0.3 }, { "name": "b", "default": 0.1 }],
      "outputs": [{ "name": "y", "node": "t" }],
      "graph": {
        "nodes": [
          { "id": "x1", "op": "input", "params": { "value": 0 } },
          { "id": "x2", "op": "input", "params": { "value": 0 } },
          { "id": "w1", "op": "input", "params": { "value": 0.5 } },
          { "id": "w2", "op": "input", "params": { "value": -0.3 } },
          { "id": "b", "op": "input", "params": { "value": 0.1 } },
          { "id": "m1", "op": "mul" },
          { "id": "m2", "op": "mul" },
          { "id": "s1", "op": "add" },
          { "id": "s2", "op": "add" },
          { "id": "t", "op": "tanh" }
        ],
        "edges": [
          { "id": "e1", "source": "w1", "target": "m1", "targetPort": "a" },
          { "id": "e2", "source": "x1", "target": "m1", "targetPort": "b" },
          { "id": "e3", "source": "w2", "target": "m2", "targetPort": "a" },
          { "id": "e4", "source": "x2", "target": "m2", "targetPort": "b" },
          { "id": "e5", "source": "m1", "target": "s1", "targetPort": "a" },
          { "id": "e6", "source": "m2", "target": "s1", "targetPort": "b" },
          { "id": "e7", "source": "s1", "target": "s2", "targetPort": "a" },
          { "id": "e8", "source": "b", "target": "s2", "targetPort": "b" },
          { "id": "e9", "source": "s2", "target": "t", "targetPort": "x" }
        ]
      }
    },
    {
      "name": "layer",
      "inputs": ["x1", "x2"],
      "outputs": [{ "name": "y1", "node": "h1" }, { "name": "y2", "node": "h2" }],
      "graph": {
        "nodes": [
          { "id": "x1", "op": "input", "params": { "value": 0 } },
          { "id": "x2", "op": "input", "params": { "value": 0 } },
          { "id": "h1", "op": "neuron2", "params": { "w1": 1, "w2": 2, "b": 0.5 } },
          { "id": "h2", "op": "neuron2", "params": { "w1": -1, "w2": 0.25, "b": 0 } }
        ],
        "edges": [
          { "id": "p1", "source": "x1", "target": "h1", "targetPort": "x1" },
          { "id": "p2", "source": "x2", "target": "h1", "targetPort": "x2" },
          { "id": "p3", "source": "x1", "target": "h2", "targetPort": "x1" },
          { "id": "p4", "source": "x2", "target": "h2", "targetPort": "x2" }
        ]
      }
    }
  ]
}
`;

const parse = (text: string): GraphDocument => {
  const parsed = parseGraphDocument(text, testRegistry);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  expect(parsed.warnings).toEqual([]);
  return parsed.document;
};

const flat = (doc: GraphDocument) => {
  const result = flattenDocument(doc, { registry: testRegistry });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
};

const errorsOf = (doc: GraphDocument) => {
  const result = flattenDocument(doc, { registry: testRegistry });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
};

/** The same network written out by hand, as a reference. */
const byHand = (a: number, c: number) => {
  const neuron = (x1: number, x2: number, w1: number, w2: number, b: number): number =>
    Math.tanh(w1 * x1 + w2 * x2 + b);
  const h1 = neuron(a, c, 1, 2, 0.5);
  const h2 = neuron(a, c, -1, 0.25, 0);
  const h3 = neuron(h1, h2, 0.7, -0.3, -0.2);
  return h3 * a;
};

describe('flattenDocument', () => {
  it('gives inner nodes path ids, parameters their instance values, and computes the same J', () => {
    const { graph, map } = flat(parse(NET));
    const ids = graph.nodes.map((node) => node.id);
    expect(ids).toContain('L/h1/m1');
    expect(ids).toContain('h3/t');
    expect(ids).not.toContain('L/x1');
    expect(ids).not.toContain('h3/x1');
    expect(graph.nodes.find((node) => node.id === 'L/h2/w1')).toMatchObject({
      op: 'input',
      params: { value: -1 },
    });
    // Missing instance params take the definition's default.
    expect(graph.nodes.find((node) => node.id === 'h3/w2')?.params).toEqual({ value: -0.3 });
    expect(graph.output).toBe('J');
    const snapshot = evaluate(testRegistry, graph);
    const J = snapshot.nodes.get(nodeId('J'))!.value;
    expect(J.kind === 'ok' && J.value).toBeCloseTo(byHand(0.5, -1.5), 14);
    // dJ/da by central differences on the hand-written reference.
    const step = 1e-6;
    const slope = (byHand(0.5 + step, -1.5) - byHand(0.5 - step, -1.5)) / (2 * step);
    const grad = snapshot.nodes.get(nodeId('a'))!.grad;
    expect(grad.kind === 'ok' && grad.value).toBeCloseTo(slope, 7);
    expect(map.instances()).toEqual(['L', 'L/h1', 'L/h2', 'h3']);
    expect(map.definitionOf('L/h2')).toBe('neuron2');
    expect(map.ports('L')).toEqual({ inputs: ['x1', 'x2'], parameters: [], outputs: ['y1', 'y2'] });
    expect(map.ports('h3').parameters).toEqual(['w1', 'w2', 'b']);
    expect(map.ports('nope')).toEqual({ inputs: [], parameters: [], outputs: [] });
  });

  it('maps ports, edges and flat ids back to the document', () => {
    const { graph, map } = flat(parse(NET));
    expect(map.inputCarrier('L/h1', 'x1')).toBe('a');
    expect(map.inputCarrier('h3', 'x2')).toBe('L/h2/t');
    expect(map.outputCarrier('L', 'y2')).toBe('L/h2/t');
    expect(map.outputCarrier('h3', 'y')).toBe('h3/t');
    expect(map.outputCarrier('h3', 'nope')).toBeNull();
    // a feeds L.x1, which feeds x1 of both inner neurons: two flat edges.
    expect([...map.flatEdges('a-L')].sort()).toEqual(['L/h1/e2', 'L/h2/e2']);
    expect(map.flatEdges('L/p1')).toEqual(['L/h1/e2']);
    expect(map.flatEdges('h3-J')).toEqual(['h3-J']);
    const edge = graph.edges.find((candidate) => candidate.id === 'L/h1/e2')!;
    expect(edge).toMatchObject({ source: 'a', target: 'L/h1/m1', targetPort: 'b' });
    expect(map.locate(nodeId('L/h1/m1'))).toEqual({ instancePath: ['L', 'h1'], node: 'm1' });
    expect(map.locate(nodeId('J'))).toEqual({ instancePath: [], node: 'J' });
    expect(map.locate(nodeId('L/x1'))).toBeUndefined();
  });

  it('wires a pass-through output to what feeds its input, and maps the edges it crosses', () => {
    const doc: GraphDocument = {
      graph: {
        nodes: [
          { id: nodeId('a'), op: 'input', params: { value: 2 } },
          { id: nodeId('p'), op: 'same' },
          { id: nodeId('J'), op: 'neg' },
        ],
        edges: [
          { id: 'a-p' as never, source: nodeId('a'), target: nodeId('p'), targetPort: 'x' },
          { id: 'p-J' as never, source: nodeId('p'), target: nodeId('J'), targetPort: 'x' },
        ],
        output: nodeId('J'),
      },
      layout: { positions: {} },
      definitions: [
        {
          name: 'same',
          inputs: ['x'],
          outputs: [{ name: 'y', node: nodeId('x') }],
          graph: { nodes: [{ id: nodeId('x'), op: 'input', params: { value: 0 } }], edges: [] },
        },
      ],
    };
    const { graph, map } = flat(doc);
    expect(graph.edges).toEqual([{ id: 'p-J', source: 'a', target: 'J', targetPort: 'x' }]);
    expect(map.flatEdges('a-p')).toEqual(['p-J']);
    expect(map.outputCarrier('p', 'y')).toBe('a');
    expect(map.inputCarrier('p', 'x')).toBe('a');
    expect(map.flatEdges('nope')).toEqual([]);
  });

  it('leaves a document without composites as it is', () => {
    const doc = parse(
      '{"format": "chainrule.graph", "version": 2, "nodes": [], "edges": [], "definitions": []}',
    );
    expect(doc.definitions).toEqual([]);
    expect(flat(doc).graph).toBe(doc.graph);
    const plain: GraphDocument = {
      graph: { nodes: [{ id: nodeId('x'), op: 'input', params: { value: 1 } }], edges: [] },
      layout: { positions: {} },
    };
    const result = flat(plain);
    expect(result.graph).toBe(plain.graph);
    expect(result.map.locate(nodeId('x'))).toEqual({ instancePath: [], node: 'x' });
  });

  it('saves definitions and source ports, and reads them back byte for byte', () => {
    const doc = parse(NET);
    const saved = serializeGraphDocument(doc);
    expect(saved).toContain('"version": 2');
    expect(saved).toContain('"sourcePort": "y1"');
    const again = parse(saved);
    expect(serializeGraphDocument(again)).toBe(saved);
    expect(again.definitions?.[0]?.expression).toBe(
      'neuron2(x1, x2; w1, w2, b) = tanh(w1*x1 + w2*x2 + b)',
    );
    expect(again.definitions?.[0]?.parameters).toEqual([
      { name: 'w1', default: 0.5 },
      { name: 'w2', default: -0.3 },
      { name: 'b', default: 0.1 },
    ]);
  });

  it('turns a dataset node into one data node per column', () => {
    const doc = {
      graph: {
        nodes: [
          { id: nodeId('d'), op: 'dataset', params: { dataset: 'pts' } },
          { id: nodeId('s'), op: 'add' },
        ],
        edges: [
          { id: 'e1', source: 'd', sourcePort: 'x', target: 's', targetPort: 'a' },
          { id: 'e2', source: 'd', sourcePort: 'y', target: 's', targetPort: 'b' },
        ],
        output: nodeId('s'),
      },
      layout: { positions: {} },
      datasets: [{ id: 'pts', columns: ['x', 'y'] }],
    } as unknown as GraphDocument;
    const { graph, map } = flat(doc);
    expect(graph.nodes.slice(0, 2)).toEqual([
      { id: 'd/x', op: 'data', params: { dataset: 'pts', column: 'x' }, label: 'x' },
      { id: 'd/y', op: 'data', params: { dataset: 'pts', column: 'y' }, label: 'y' },
    ]);
    expect(graph.edges.map((edge) => [edge.source, edge.target])).toEqual([
      ['d/x', 's'],
      ['d/y', 's'],
    ]);
    expect(map.locate(nodeId('d/y'))).toEqual({ instancePath: [], node: 'd', column: 'y' });
    const wrong = { ...doc, datasets: [{ id: 'pts', columns: ['x'] }] } as unknown as GraphDocument;
    expect(errorsOf(wrong)).toMatchObject([{ code: 'unknown-port', path: 'edges[1].sourcePort' }]);
  });
});

/** NET with one text edit, parsed (expected to fail) for its errors. */
const refusedFile = (from: string | RegExp, to: string) => {
  const result = parseGraphDocument(NET.replace(from, to), testRegistry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
};

describe('refusals, each with a location', () => {
  it('refuses recursion through definitions at any depth, in the file and in memory', () => {
    // neuron2 uses layer, which uses neuron2.
    const errors = refusedFile('{ "id": "t", "op": "tanh" }', '{ "id": "t", "op": "layer" }');
    const recursion = errors.find((error) => error.code === 'recursive-definition');
    expect(recursion?.message).toMatch(/"(layer|neuron2)" → "(neuron2|layer)" → "\1"/);
    expect(recursion?.path).toMatch(/^definitions\[[01]\]\.graph\.nodes\[\d\]\.op$/);
    expect(recursion?.line).toBeGreaterThan(20);
    const doc = parse(NET);
    const self: CompositeDefinition = {
      ...doc.definitions![0]!,
      graph: {
        ...doc.definitions![0]!.graph,
        nodes: doc.definitions![0]!.graph.nodes.map((node) =>
          node.id === 't' ? { ...node, op: 'neuron2' } : node,
        ),
      },
    };
    const errors2 = errorsOf({ ...doc, definitions: [self, doc.definitions![1]!] });
    expect(errors2.find((error) => error.code === 'recursive-definition')).toMatchObject({
      path: 'definitions[0].graph.nodes[9].op',
      message: expect.stringContaining('"neuron2" uses itself'),
    });
  });

  it('refuses a missing definition', () => {
    const errors = refusedFile('"op": "layer" }', '"op": "layr" }');
    expect(errors[0]).toMatchObject({ code: 'unknown-op', path: 'nodes[2].op', line: 8 });
    const inner = refusedFile('{ "id": "h2", "op": "neuron2"', '{ "id": "h2", "op": "neuron3"');
    expect(inner[0]).toMatchObject({
      code: 'unknown-op',
      path: 'definitions[1].graph.nodes[3].op',
    });
    expect(inner[0]!.line).toBeGreaterThan(60);
  });

  it('refuses a name that clashes with an op or with another definition', () => {
    const op = refusedFile('"name": "layer"', '"name": "tanh"');
    expect(op.find((error) => error.code === 'name-clash')).toMatchObject({
      path: 'definitions[1].name',
      message: expect.stringContaining('built-in op'),
    });
    const twice = refusedFile('"name": "layer"', '"name": "neuron2"');
    expect(twice.find((error) => error.code === 'name-clash')).toMatchObject({
      path: 'definitions[1].name',
      message: expect.stringContaining('definitions[0]'),
    });
  });

  it('refuses port mismatches on both sides of an instance', () => {
    const into = refusedFile(
      '"target": "h3", "targetPort": "x2"',
      '"target": "h3", "targetPort": "x9"',
    );
    expect(into[0]).toMatchObject({ code: 'unknown-port', path: 'edges[3].targetPort', line: 16 });
    const out = refusedFile('"sourcePort": "y2"', '"sourcePort": "y3"');
    expect(out[0]).toMatchObject({ code: 'unknown-port', path: 'edges[3].sourcePort' });
    expect(out[0]!.message).toContain('its outputs: "y1", "y2"');
    const unnamed = refusedFile('"sourcePort": "y2", ', '');
    expect(unnamed[0]).toMatchObject({ code: 'missing-source-port', path: 'edges[3]' });
    const plain = refusedFile(
      '"source": "a", "target": "J"',
      '"source": "a", "sourcePort": "y", "target": "J"',
    );
    expect(plain[0]).toMatchObject({ code: 'unknown-port', path: 'edges[5].sourcePort' });
    const param = refusedFile('"params": { "w1": 0.7', '"params": { "w9": 0.7');
    expect(param[0]).toMatchObject({ code: 'unknown-param', path: 'nodes[3].params.w9' });
    const port = refusedFile(
      '"inputs": ["x1", "x2"],\n      "outputs"',
      '"inputs": ["x1", "x3"],\n      "outputs"',
    );
    expect(port.map((error) => error.path)).toContain('definitions[1].inputs[1]');
    const output = refusedFile('"node": "h2"', '"node": "h9"');
    expect(output[0]).toMatchObject({
      code: 'missing-node',
      path: 'definitions[1].outputs[1].node',
    });
  });

  it('refuses flat ids that two nodes would share', () => {
    const doc = parse(NET);
    const clash: GraphDocument = {
      ...doc,
      graph: {
        ...doc.graph,
        nodes: [...doc.graph.nodes, { id: nodeId('h3/t'), op: 'input', params: { value: 1 } }],
      },
    };
    expect(errorsOf(clash)[0]).toMatchObject({ code: 'id-clash' });
  });

  it('refuses an expansion too large to hold, before building it', () => {
    // d0 = two d1, d1 = two d2, ...: 2^30 plain nodes.
    const definitions: CompositeDefinition[] = Array.from({ length: 30 }, (_, k) => ({
      name: `d${k}`,
      inputs: [],
      outputs: [{ name: 'y', node: nodeId('p') }],
      graph: {
        nodes:
          k === 29
            ? [{ id: nodeId('p'), op: 'const', params: { value: 1 } }]
            : [
                { id: nodeId('p'), op: `d${k + 1}` },
                { id: nodeId('q'), op: `d${k + 1}` },
              ],
        edges: [],
      },
    }));
    const doc: GraphDocument = {
      graph: { nodes: [{ id: nodeId('top'), op: 'd0' }], edges: [] },
      layout: { positions: {} },
      definitions,
    };
    expect(errorsOf(doc)[0]).toMatchObject({ code: 'too-large' });
  });
});

describe('deep nesting', () => {
  it('flattens definitions nested 10,000 deep without recursion', () => {
    const depth = 10_000;
    const definitions: CompositeDefinition[] = Array.from({ length: depth }, (_, k) => ({
      name: `d${k}`,
      inputs: ['x'],
      outputs: [{ name: 'y', node: nodeId('i') }],
      graph: {
        nodes: [
          { id: nodeId('x'), op: 'input', params: { value: 0 } },
          { id: nodeId('i'), op: k === depth - 1 ? 'neg' : `d${k + 1}` },
        ],
        edges: [{ id: 'e' as never, source: nodeId('x'), target: nodeId('i'), targetPort: 'x' }],
      },
    }));
    const doc: GraphDocument = {
      graph: {
        nodes: [
          { id: nodeId('a'), op: 'input', params: { value: 3 } },
          { id: nodeId('n'), op: 'd0' },
          { id: nodeId('J'), op: 'tanh' },
        ],
        edges: [
          { id: 'a-n' as never, source: nodeId('a'), target: nodeId('n'), targetPort: 'x' },
          { id: 'n-J' as never, source: nodeId('n'), target: nodeId('J'), targetPort: 'x' },
        ],
        output: nodeId('J'),
      },
      layout: { positions: {} },
      definitions,
    };
    const { graph, map } = flat(doc);
    expect(graph.nodes).toHaveLength(3);
    const inner = graph.nodes.find((node) => node.op === 'neg')!.id;
    expect(inner.split('/')).toHaveLength(depth + 1);
    const J = evaluate(testRegistry, graph).nodes.get(nodeId('J'))!.value;
    expect(J).toEqual({ kind: 'ok', value: Math.tanh(-3) });
    expect(map.flatEdges('a-n')).toHaveLength(1);
    // A cycle closing at the bottom is found just as well.
    const cyclic = definitions.map((definition, k) =>
      k === depth - 1
        ? {
            ...definition,
            graph: {
              ...definition.graph,
              nodes: [definition.graph.nodes[0]!, { id: nodeId('i'), op: 'd0' }],
            },
          }
        : definition,
    );
    const errors = errorsOf({ ...doc, definitions: cyclic });
    expect(errors.find((error) => error.code === 'recursive-definition')?.message).toContain('… (');
  }, 120_000);
});
