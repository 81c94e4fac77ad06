import { describe, expect, it } from 'vitest';
import type { DocumentIssue } from './types';
import { formatDocumentIssue, documentIssueLocation } from './types';
import { parseGraphDocument } from './parse';
import { serializeGraphDocument } from './serialize';
import { testRegistry } from '../__tests__/testOps';

/** The seed J = 3(a + bc), one node and one edge per line so tests can point at lines. */
const SEED = `{
  "format": "chainrule.graph",
  "version": 1,
  "name": "Seed",
  "output": "J",
  "nodes": [
    { "id": "a", "op": "input", "params": { "value": 5 }, "position": { "x": 0, "y": 0 } },
    { "id": "b", "op": "input", "params": { "value": 3 }, "position": { "x": 0, "y": 100 } },
    { "id": "c", "op": "input", "params": { "value": 2 }, "position": { "x": 0, "y": 200 } },
    { "id": "u", "op": "mul", "position": { "x": 200, "y": 150 } },
    { "id": "v", "op": "add", "position": { "x": 400, "y": 75 } },
    { "id": "three", "op": "const", "params": { "value": 3 }, "position": { "x": 400, "y": 0 } },
    { "id": "J", "op": "mul", "position": { "x": 600, "y": 40 } }
  ],
  "edges": [
    { "id": "e1", "source": "b", "target": "u", "targetPort": "a" },
    { "id": "e2", "source": "c", "target": "u", "targetPort": "b" },
    { "id": "e3", "source": "a", "target": "v", "targetPort": "a" },
    { "id": "e4", "source": "u", "target": "v", "targetPort": "b" },
    { "id": "e5", "source": "three", "target": "J", "targetPort": "a" },
    { "id": "e6", "source": "v", "target": "J", "targetPort": "b" }
  ]
}
`;
/** Line numbers in SEED: nodes[k] is on line 7 + k, edges[k] on line 16 + k. */
const nodeLine = (k: number): number => 7 + k;
const edgeLine = (k: number): number => 16 + k;

const parse = (text: string) => parseGraphDocument(text, testRegistry);

const errorsOf = (text: string): DocumentIssue[] => {
  const result = parse(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
};

/** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
const edit = (text: string, from: string, to: string): string => {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`"${from}" is not unique`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

/** A valid document built from parts, for tests that generate files. */
const documentText = (nodes: string[], edges: string[], extra = ''): string =>
  `{"format": "chainrule.graph", "version": 1${extra}, "nodes": [${nodes.join(',')}], "edges": [${edges.join(',')}]}`;

describe('parseGraphDocument: valid files', () => {
  it('loads the seed: meaning in graph, positions in layout', () => {
    const result = parse(SEED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document, warnings } = result;
    expect(warnings).toEqual([]);
    expect(document.name).toBe('Seed');
    expect(document.graph.output).toBe('J');
    expect(document.graph.nodes.map((node) => node.id)).toEqual([
      'a',
      'b',
      'c',
      'u',
      'v',
      'three',
      'J',
    ]);
    expect(document.graph.nodes[0]).toEqual({ id: 'a', op: 'input', params: { value: 5 } });
    expect(document.graph.edges[3]).toEqual({
      id: 'e4',
      source: 'u',
      target: 'v',
      targetPort: 'b',
    });
    expect(document.layout.positions['u']).toEqual({ x: 200, y: 150 });
    expect(Object.keys(document.layout.positions)).toHaveLength(7);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const result = parse(`\ufeff${SEED.replace(/\n/g, '\r\n')}`);
    expect(result.ok).toBe(true);
  });

  it('generates edge ids e1, e2, ... skipping ids the file uses', () => {
    const text = documentText(
      [
        '{"id": "x", "op": "input", "params": {"value": 1}}',
        '{"id": "y", "op": "neg"}',
        '{"id": "z", "op": "add"}',
      ],
      [
        '{"source": "x", "target": "y", "targetPort": "x"}',
        '{"id": "e1", "source": "x", "target": "z", "targetPort": "a"}',
        '{"source": "y", "target": "z", "targetPort": "b"}',
      ],
    );
    const result = parse(text);
    expect(result.ok && result.document.graph.edges.map((edge) => edge.id)).toEqual([
      'e2',
      'e1',
      'e3',
    ]);
  });

  it('lays out nodes without positions left to right, and places the rest below placed ones', () => {
    const unplaced = SEED.replace(/, "position": \{ "x": \d+, "y": \d+ \}/g, '');
    const all = parse(unplaced);
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    const positions = all.document.layout.positions;
    for (const edge of all.document.graph.edges) {
      expect(positions[edge.source]!.x).toBeLessThan(positions[edge.target]!.x);
    }
    const some = parse(edit(SEED, ', "position": { "x": 600, "y": 40 }', ''));
    expect(some.ok).toBe(true);
    if (!some.ok) return;
    expect(some.document.layout.positions['a']).toEqual({ x: 0, y: 0 });
    expect(some.document.layout.positions['J']!.y).toBeGreaterThan(200);
  });

  it('warns about unknown fields and parameters, and drops them', () => {
    const text = edit(
      edit(SEED, '"name": "Seed",', '"name": "Seed", "author": "me",'),
      '{ "id": "u", "op": "mul",',
      '{ "id": "u", "op": "mul", "params": { "value": 3 }, "colour": "red",',
    );
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.code, w.path, w.line])).toEqual([
      ['unknown-field', 'author', 4],
      ['unknown-field', 'nodes[3].colour', nodeLine(3)],
      ['unknown-param', 'nodes[3].params.value', nodeLine(3)],
    ]);
    expect(serializeGraphDocument(result.document)).not.toMatch(
      /author|colour|"value": 3 }, "pos.*"u"/,
    );
  });

  it('treats "output": null as no output', () => {
    const result = parse(edit(SEED, '"output": "J"', '"output": null'));
    expect(result.ok && result.document.graph.output).toBeNull();
  });

  it('reads a viewport', () => {
    const result = parse(
      edit(SEED, '"output": "J",', '"output": "J", "viewport": { "x": -10, "y": 5, "zoom": 1.5 },'),
    );
    expect(result.ok && result.document.layout.viewport).toEqual({ x: -10, y: 5, zoom: 1.5 });
  });
});

/**
 * Every way a file can be broken: the error code, the path and the line (or line and column)
 * a person is pointed at, and words the message must contain.
 */
const broken: {
  name: string;
  text: string;
  code: string;
  path: string;
  line?: number;
  column?: number;
  says: string;
}[] = [
  {
    name: 'not JSON',
    text: 'hello',
    code: 'syntax',
    path: '',
    line: 1,
    column: 1,
    says: 'unexpected "h"',
  },
  {
    name: 'truncated',
    text: SEED.slice(0, SEED.indexOf('"e3"')),
    code: 'truncated',
    path: '',
    line: 18,
    column: 13,
    says: 'ends too early',
  },
  {
    name: 'empty',
    text: '',
    code: 'empty',
    path: '',
    line: 1,
    column: 1,
    says: 'the file is empty',
  },
  { name: 'only whitespace', text: ' \n\t\n', code: 'empty', path: '', says: 'the file is empty' },
  {
    name: 'not an object',
    text: '[1, 2]',
    code: 'not-object',
    path: '',
    line: 1,
    column: 1,
    says: 'contains an array',
  },
  {
    name: 'a string',
    text: '"chainrule.graph"',
    code: 'not-object',
    path: '',
    says: 'contains the string',
  },
  {
    name: 'wrong format',
    text: edit(SEED, '"chainrule.graph"', '"excalidraw"'),
    code: 'wrong-format',
    path: 'format',
    line: 2,
    says: '"format" must be "chainrule.graph", got the string "excalidraw"',
  },
  {
    name: 'missing format',
    text: '{"version": 1, "nodes": [], "edges": []}',
    code: 'missing-field',
    path: 'format',
    line: 1,
    column: 1,
    says: 'not a .graph file',
  },
  {
    name: 'future version',
    text: edit(SEED, '"version": 1', '"version": 7'),
    code: 'future-version',
    path: 'version',
    line: 3,
    says: 'format version 7, but this build of Chainrule reads versions up to 2',
  },
  {
    name: 'version 0',
    text: edit(SEED, '"version": 1', '"version": 0'),
    code: 'unknown-version',
    path: 'version',
    says: 'versions start at 1',
  },
  {
    name: 'version as a string',
    text: edit(SEED, '"version": 1', '"version": "1"'),
    code: 'wrong-type',
    path: 'version',
    says: 'whole number',
  },
  {
    name: 'missing version',
    text: edit(SEED, '"version": 1,', ''),
    code: 'missing-field',
    path: 'version',
    says: '"version" is missing',
  },
  {
    name: 'missing nodes',
    text: '{"format": "chainrule.graph", "version": 1, "edges": []}',
    code: 'missing-field',
    path: 'nodes',
    says: '"nodes" is missing',
  },
  {
    name: 'missing edges',
    text: '{"format": "chainrule.graph", "version": 1, "nodes": []}',
    code: 'missing-field',
    path: 'edges',
    says: '"edges" is missing',
  },
  {
    name: 'nodes not an array',
    text: '{"format": "chainrule.graph", "version": 1, "nodes": {}, "edges": []}',
    code: 'wrong-type',
    path: 'nodes',
    says: 'must be an array, got an object',
  },
  {
    name: 'node not an object',
    text: documentText(['42'], []),
    code: 'wrong-type',
    path: 'nodes[0]',
    says: 'each node must be an object, got the number 42',
  },
  {
    name: 'node without id',
    text: edit(SEED, '{ "id": "u", ', '{ '),
    code: 'missing-field',
    path: 'nodes[3].id',
    line: nodeLine(3),
    says: '"id" is missing',
  },
  {
    name: 'node without op',
    text: edit(SEED, '"op": "add", ', ''),
    code: 'missing-field',
    path: 'nodes[4].op',
    line: nodeLine(4),
    says: '"op" is missing',
  },
  {
    name: 'empty id',
    text: edit(SEED, '"id": "v"', '"id": ""'),
    code: 'empty-id',
    path: 'nodes[4].id',
    line: nodeLine(4),
    says: 'must not be empty',
  },
  {
    name: 'id as a number',
    text: edit(SEED, '"id": "v"', '"id": 5'),
    code: 'wrong-type',
    path: 'nodes[4].id',
    says: 'must be a string, got the number 5',
  },
  {
    name: 'label as an object',
    text: edit(SEED, '{ "id": "v",', '{ "id": "v", "label": {},'),
    code: 'wrong-type',
    path: 'nodes[4].label',
    says: 'must be a string, got an object',
  },
  {
    name: 'param as a string',
    text: edit(SEED, '"value": 5', '"value": "5"'),
    code: 'wrong-type',
    path: 'nodes[0].params.value',
    line: nodeLine(0),
    column: 54,
    says: 'must be a number, got the string "5"',
  },
  {
    name: 'params as an array',
    text: edit(SEED, '{ "value": 5 }', '[5]'),
    code: 'wrong-type',
    path: 'nodes[0].params',
    says: 'must be an object, got an array',
  },
  {
    name: 'missing source value',
    text: edit(SEED, '"params": { "value": 5 }, ', ''),
    code: 'invalid-value',
    path: 'nodes[0].params.value',
    line: nodeLine(0),
    says: 'needs a value',
  },
  {
    name: 'position without y',
    text: edit(SEED, '{ "x": 200, "y": 150 }', '{ "x": 200 }'),
    code: 'missing-field',
    path: 'nodes[3].position.y',
    line: nodeLine(3),
    says: '"y" is missing',
  },
  {
    name: 'position as a string',
    text: edit(SEED, '{ "x": 200, "y": 150 }', '"here"'),
    code: 'wrong-type',
    path: 'nodes[3].position',
    says: 'must be an object like { "x": 0, "y": 0 }',
  },
  {
    name: 'bad viewport zoom',
    text: edit(SEED, '"output": "J",', '"output": "J", "viewport": { "x": 0, "y": 0, "zoom": 0 },'),
    code: 'invalid-value',
    path: 'viewport.zoom',
    says: 'greater than 0',
  },
  {
    name: 'name as a number',
    text: edit(SEED, '"name": "Seed"', '"name": 3'),
    code: 'wrong-type',
    path: 'name',
    line: 4,
    says: 'must be a string',
  },
  {
    name: 'duplicate node id',
    text: edit(SEED, '"id": "v"', '"id": "u"'),
    code: 'duplicate-id',
    path: 'nodes[4].id',
    line: nodeLine(4),
    says: 'the node id "u" is already used by nodes[3]',
  },
  {
    name: 'duplicate edge id',
    text: edit(SEED, '"id": "e4"', '"id": "e1"'),
    code: 'duplicate-id',
    path: 'edges[3].id',
    line: edgeLine(3),
    says: 'the edge id "e1" is already used by edges[0]',
  },
  {
    name: 'unknown op',
    text: edit(SEED, '"op": "add"', '"op": "foo"'),
    code: 'unknown-op',
    path: 'nodes[4].op',
    line: nodeLine(4),
    says: 'unknown op "foo"; known ops: input, const',
  },
  {
    name: 'misspelt op',
    text: edit(SEED, '"op": "add"', '"op": "Ad"'),
    code: 'unknown-op',
    path: 'nodes[4].op',
    says: 'did you mean "add"?',
  },
  {
    name: 'unknown port',
    text: edit(
      SEED,
      '"id": "e4", "source": "u", "target": "v", "targetPort": "b"',
      '"id": "e4", "source": "u", "target": "v", "targetPort": "x"',
    ),
    code: 'unknown-port',
    path: 'edges[3].targetPort',
    line: edgeLine(3),
    says: 'its ports are "a", "b"',
  },
  {
    name: 'edge from a missing node',
    text: edit(SEED, '"source": "c"', '"source": "q"'),
    code: 'missing-node',
    path: 'edges[1].source',
    line: edgeLine(1),
    says: 'node "q" that does not exist',
  },
  {
    name: 'edge to a missing node',
    text: edit(
      SEED,
      '"id": "e6", "source": "v", "target": "J"',
      '"id": "e6", "source": "v", "target": "K"',
    ),
    code: 'missing-node',
    path: 'edges[5].target',
    line: edgeLine(5),
    says: 'node "K" that does not exist',
  },
  {
    name: 'edge without targetPort',
    text: edit(SEED, ', "targetPort": "a" },\n    { "id": "e2"', ' },\n    { "id": "e2"'),
    code: 'missing-field',
    path: 'edges[0].targetPort',
    line: edgeLine(0),
    says: '"targetPort" is missing',
  },
  {
    name: 'two edges into one port',
    text: edit(
      SEED,
      '"id": "e2", "source": "c", "target": "u", "targetPort": "b"',
      '"id": "e2", "source": "c", "target": "u", "targetPort": "a"',
    ),
    code: 'port-taken',
    path: 'edges[1].targetPort',
    line: edgeLine(1),
    says: 'input "a" of "u" is already connected (edge "e1")',
  },
  {
    name: 'a self-loop',
    text: edit(SEED, '"id": "e1", "source": "b"', '"id": "e1", "source": "u"'),
    code: 'self-loop',
    path: 'edges[0].target',
    line: edgeLine(0),
    says: 'a node cannot feed itself: "u" → "u"',
  },
  {
    name: 'output not a node',
    text: edit(SEED, '"output": "J"', '"output": "K"'),
    code: 'missing-output',
    path: 'output',
    line: 5,
    says: 'the output "K" is not a node',
  },
  {
    name: 'a huge number',
    text: edit(SEED, '"value": 5', '"value": 1e400'),
    code: 'non-finite-number',
    path: '',
    line: nodeLine(0),
    column: 54,
    says: 'numbers must be finite',
  },
  {
    name: 'NaN',
    text: edit(SEED, '"value": 5', '"value": NaN'),
    code: 'non-finite-number',
    path: '',
    line: nodeLine(0),
    says: 'NaN is not a JSON number',
  },
  {
    name: 'a duplicate key',
    text: edit(SEED, '"op": "add"', '"op": "add", "op": "mul"'),
    code: 'duplicate-key',
    path: '',
    line: nodeLine(4),
    says: 'the key "op" appears twice',
  },
  {
    name: 'deep nesting',
    text: `{"format": "chainrule.graph", "version": 1, "nodes": ${'['.repeat(100_000)}`,
    code: 'too-deep',
    path: '',
    line: 1,
    says: 'nested more than 64 levels',
  },
];

describe('parseGraphDocument: every broken file gets a located, clear error', () => {
  it.each(broken)(
    '$name',
    ({ text, code, path, line, column, says }) => {
      const errors = errorsOf(text);
      const error = errors.find((candidate) => candidate.code === code);
      expect(error, JSON.stringify(errors)).toBeDefined();
      expect(error!.path).toBe(path);
      if (line !== undefined) expect(error!.line).toBe(line);
      if (column !== undefined) expect(error!.column).toBe(column);
      expect(error!.message).toContain(says);
      expect(formatDocumentIssue(error!)).toContain(says);
    },
    60_000,
  );

  it('names the full path of a cycle and points at the edge that closes it', () => {
    const text = edit(SEED, '"id": "e1", "source": "b"', '"id": "e1", "source": "J"');
    const cycle = errorsOf(text).find((error) => error.code === 'cycle')!;
    const ids = [...cycle.message.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
    // J → u (e1), u → v (e4), v → J (e6), in some rotation, closed by repeating the first id.
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(ids[3]);
    expect([...ids].slice(0, 3).sort()).toEqual(['J', 'u', 'v']);
    const edges = { 'J→u': 0, 'u→v': 3, 'v→J': 5 } as Record<string, number>;
    const closing = edges[`${ids[2]}→${ids[3]}`];
    expect(closing).toBeDefined();
    expect(cycle.path).toBe(`edges[${closing}]`);
    expect(cycle.line).toBe(edgeLine(closing!));
  });

  it('reports every problem of a file at once, not only the first', () => {
    const text = edit(edit(SEED, '"op": "add"', '"op": "foo"'), '"source": "c"', '"source": "q"');
    expect(errorsOf(text).map((error) => error.path)).toEqual(['nodes[4].op', 'edges[1].source']);
  });

  it('does not repeat a node error as errors on the edges that use the node', () => {
    const errors = errorsOf(edit(SEED, '"value": 5', '"value": "5"'));
    expect(errors.map((error) => error.path)).toEqual(['nodes[0].params.value']);
  });

  it('caps the error list and counts the rest', () => {
    const nodes = Array.from({ length: 500 }, (_, k) => `{"id": "n${k}", "op": "nope"}`);
    const result = parseGraphDocument(documentText(nodes, []), testRegistry, { maxErrors: 20 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(21);
    expect(result.errors[20]!.message).toBe('and 480 more problems not listed');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const small = parseGraphDocument(SEED, testRegistry, { maxBytes: 100 });
    expect(small.ok === false && small.errors[0]!.code).toBe('too-large');
    const huge = parse(' '.repeat(64 * 1024 * 1024 + 1));
    expect(huge.ok === false && huge.errors[0]!.message).toBe(
      'the file is 64.0 MiB, larger than the 64.0 MiB a .graph file may be',
    );
  }, 60_000);

  it('formats locations for people', () => {
    expect(
      formatDocumentIssue({ code: 'unknown-op', message: 'unknown op "foo"', path: 'nodes[3].op' }),
    ).toBe('nodes[3].op: unknown op "foo"');
    expect(
      formatDocumentIssue({ code: 'syntax', message: 'x', path: '', line: 3, column: 5 }),
    ).toBe('line 3, column 5: x');
    expect(
      documentIssueLocation({
        code: 'c',
        message: 'm',
        path: 'edges[4].targetPort',
        line: 9,
        column: 2,
      }),
    ).toBe('edges[4].targetPort (line 9, column 2)');
    expect(documentIssueLocation({ code: 'too-large', message: 'm', path: '' })).toBe('file');
  });
});

describe('parseGraphDocument: hostile files', () => {
  it('keeps __proto__ and constructor keys as plain data, polluting nothing', () => {
    const text = `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}},
      "format": "chainrule.graph", "version": 1, "output": "__proto__",
      "nodes": [
        {"id": "__proto__", "op": "input", "params": {"value": 2, "__proto__": {"polluted": 1}}, "position": {"x": 1, "y": 2}},
        {"id": "constructor", "op": "neg", "__proto__": {"op": "log"}},
        {"id": "toString", "op": "neg"}
      ],
      "edges": [
        {"id": "__proto__", "source": "__proto__", "target": "constructor", "targetPort": "x"},
        {"id": "hasOwnProperty", "source": "constructor", "target": "toString", "targetPort": "x"}
      ]}`;
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const { graph, layout } = result.document;
    expect(graph.nodes.map((node) => [node.id, node.op])).toEqual([
      ['__proto__', 'input'],
      ['constructor', 'neg'],
      ['toString', 'neg'],
    ]);
    expect(graph.nodes[0]!.params).toEqual({ value: 2 });
    expect(graph.output).toBe('__proto__');
    expect(layout.positions['__proto__']).toEqual({ x: 1, y: 2 });
    expect(Object.prototype.hasOwnProperty.call(layout.positions, 'constructor')).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '__proto__',
      'constructor',
      'nodes[0].params.__proto__',
      'nodes[1].__proto__',
    ]);
    // And the saved text reads back to the same document.
    const saved = serializeGraphDocument(result.document);
    const again = parse(saved);
    expect(again.ok && serializeGraphDocument(again.document)).toBe(saved);
  });

  it('keeps ids with HTML and control characters verbatim, and escapes them in messages', () => {
    const html = '<img src=x onerror="alert(1)">';
    const control = 'a\u001b[31mred\u0000\u202e';
    const text = documentText(
      [
        `{"id": ${JSON.stringify(html)}, "op": "input", "params": {"value": 1}}`,
        `{"id": ${JSON.stringify(control)}, "op": "neg"}`,
      ],
      [
        `{"source": ${JSON.stringify(html)}, "target": ${JSON.stringify(control)}, "targetPort": "x"}`,
      ],
    );
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.graph.nodes.map((node) => node.id)).toEqual([html, control]);
    const broken = errorsOf(edit(text, '"op": "neg"', '"op": "nope"'));
    expect(broken[0]!.message).toContain('"a\\u001b[31mred\\u0000');
    expect(broken[0]!.message).not.toContain('\u001b');
  });

  it('loads a valid 100,000-node file, every node and edge intact', () => {
    const count = 100_000;
    const nodes = [
      '{"id": "n0", "op": "input", "params": {"value": 0.5}, "position": {"x": 0, "y": 0}}',
    ];
    const edges: string[] = [];
    for (let k = 1; k < count; k++) {
      nodes.push(
        `{"id": "n${k}", "op": "${k % 2 ? 'tanh' : 'neg'}", "position": {"x": ${k * 10}, "y": ${k % 7}}}`,
      );
      edges.push(`{"id": "e${k}", "source": "n${k - 1}", "target": "n${k}", "targetPort": "x"}`);
    }
    const text = documentText(nodes, edges, `, "output": "n${count - 1}"`);
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { graph, layout } = result.document;
    expect(graph.nodes).toHaveLength(count);
    expect(graph.edges).toHaveLength(count - 1);
    expect(graph.nodes[77_777]).toEqual({ id: 'n77777', op: 'tanh' });
    expect(graph.edges[12_344]).toEqual({
      id: 'e12345',
      source: 'n12344',
      target: 'n12345',
      targetPort: 'x',
    });
    expect(layout.positions['n99999']).toEqual({ x: 999_990, y: 99_999 % 7 });
    expect(graph.output).toBe('n99999');
    // Timing is a property of the machine, not of the code: see docs/graph-format.md.
  }, 60_000);
});

describe('parseGraphDocument: many errors', () => {
  it('reports the first 100 of 200,000 wrong nodes and counts the rest', () => {
    const nodes = Array.from({ length: 200_000 }, (_, k) => `{"id": "n${k}", "op": "mull"}`);
    const result = parseGraphDocument(documentText(nodes, []), testRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(101);
    expect(result.errors[0]!.message).toContain('did you mean "mul"?');
    expect(result.errors[100]!.message).toBe('and 199900 more problems not listed');
  }, 60_000);
});
