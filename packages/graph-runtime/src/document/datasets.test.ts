import { describe, expect, it } from 'vitest';
import { testRegistry } from '../__tests__/testOps';
import { parseGraphDocument } from './parse';
import { serializeGraphDocument } from './serialize';
import { formatDocumentIssue } from './types';

/** A small valid document with the given extra top-level fields (JSON text, no trailing comma). */
const withFields = (fields: string): string => `{
  "format": "chainrule.graph",
  "version": 1,
  ${fields},
  "nodes": [
    { "id": "a", "op": "input", "params": { "value": 5 }, "position": { "x": 0, "y": 0 } }
  ],
  "edges": []
}
`;

const parse = (text: string) => parseGraphDocument(text, testRegistry);

const errors = (text: string): string[] => {
  const result = parse(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors.map(formatDocumentIssue);
};

const GENERATED = `"datasets": [
    { "id": "points", "name": "Spiral", "columns": ["x1", "x2", "y"], "split": { "test": 0.25, "seed": 3 },
      "source": { "kind": "generate", "generator": "spiral", "size": 200, "noise": 0.05, "seed": 7 } }
  ],
  "training": { "task": "classification", "prediction": "p", "target": "points/y", "inputs": ["points/x1", "points/x2"], "optimizer": "adam", "learningRate": 0.05, "batch": 32, "steps": 300, "seed": 1 }`;

describe('datasets and training in a .graph document', () => {
  it('reads a generated dataset, its split and the training settings', () => {
    const result = parse(withFields(GENERATED));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.document.datasets).toEqual([
      {
        id: 'points',
        name: 'Spiral',
        columns: ['x1', 'x2', 'y'],
        split: { test: 0.25, seed: 3 },
        source: { kind: 'generate', generator: 'spiral', size: 200, noise: 0.05, seed: 7 },
      },
    ]);
    expect(result.document.training).toEqual({
      task: 'classification',
      prediction: 'p',
      target: 'points/y',
      inputs: ['points/x1', 'points/x2'],
      optimizer: 'adam',
      learningRate: 0.05,
      batch: 32,
      steps: 300,
      seed: 1,
    });
  });

  it.each([
    ['generated', GENERATED],
    [
      'inline',
      `"datasets": [{ "id": "d", "columns": ["x", "y"], "source": { "kind": "inline", "rows": [[1, 2.5], [-3, 4e-7]] } }]`,
    ],
    [
      'file',
      `"datasets": [{ "id": "d", "columns": ["x", "y"], "source": { "kind": "file", "path": "data/points.csv" } }]`,
    ],
    ['empty training', `"training": {}`],
  ])('save → load → save is byte-identical (%s)', (_name, fields) => {
    const first = parse(withFields(fields));
    if (!first.ok) throw new Error(first.errors.map(formatDocumentIssue).join('\n'));
    const saved = serializeGraphDocument(first.document);
    const again = parse(saved);
    if (!again.ok) throw new Error(again.errors.map(formatDocumentIssue).join('\n'));
    expect(again.document.datasets).toEqual(first.document.datasets);
    expect(again.document.training).toEqual(first.document.training);
    expect(serializeGraphDocument(again.document)).toBe(saved);
  });

  it('writes inline rows one per line, so adding a point is a one-line diff', () => {
    const result = parse(
      withFields(
        `"datasets": [{ "id": "d", "columns": ["x", "y"], "source": { "kind": "inline", "rows": [[1, 2], [3, 4]] } }]`,
      ),
    );
    if (!result.ok) throw new Error('refused');
    const lines = serializeGraphDocument(result.document).split('\n');
    expect(lines.filter((line) => /^\s+\[\d, \d\],?$/.test(line))).toHaveLength(2);
  });

  it('leaves documents without data unchanged: no datasets or training fields appear', () => {
    const result = parse(withFields(`"name": "plain"`));
    if (!result.ok) throw new Error('refused');
    expect(result.document.datasets).toBeUndefined();
    expect(serializeGraphDocument(result.document)).not.toMatch(/datasets|training/);
  });

  it('locates a ragged inline row and a non-number with row and column', () => {
    const text = withFields(`"datasets": [
    { "id": "d", "columns": ["x1", "x2", "y"], "source": { "kind": "inline", "rows": [
      [1, 2, 0],
      [1, 2],
      [1, "two", 1]
    ] } }
  ]`);
    expect(errors(text)).toEqual([
      'datasets[0].source.rows[1] (line 7, column 7): row 2 has 2 values; the dataset has 3 columns (x1, x2, y)',
      'datasets[0].source.rows[2][1] (line 8, column 11): row 3, column "x2" must be a number, got the string "two"',
    ]);
  });

  it('refuses bad generators, sizes, noise, columns and splits with their paths', () => {
    expect(
      errors(
        withFields(`"datasets": [
    { "id": "d", "columns": ["x1", "x2", "y"], "split": { "test": 1, "seed": 0.5 },
      "source": { "kind": "generate", "generator": "swirl", "size": 0, "noise": -1, "seed": 1 } },
    { "id": "d", "columns": ["x", "x"], "source": { "kind": "generate", "generator": "line", "size": 10, "noise": 0, "seed": 1 } },
    { "id": "e", "columns": ["a", "b"], "source": { "kind": "generate", "generator": "line", "size": 10, "noise": 0, "seed": 1 } }
  ]`),
      ).map((line) => line.replace(/ \(line \d+, column \d+\)/, '')),
    ).toEqual([
      'datasets[0].source.generator: must be one of "circle", "xor", "gaussians", "spiral", "moons", "line", got the string "swirl"',
      'datasets[0].source.size: must be a whole number from 1 to 100000, got the number 0',
      'datasets[0].source.noise: must be a number ≥ 0, got the number -1',
      'datasets[0].split.test: must be the share of rows held out for testing, 0 ≤ test < 1, got the number 1',
      'datasets[0].split.seed: must be a whole number, got the number 0.5',
      'datasets[1].columns[1]: the column "x" is listed twice',
      'datasets[1].id: the dataset id "d" is already used by datasets[0]',
      'datasets[2].source.generator: the line generator makes the columns "x", "y", but the dataset lists "a", "b"',
    ]);
  });

  it.each(['/etc/passwd', '../up.csv', 'a//b.csv', 'C:\\\\data.csv', 'dir\\\\x.csv'])(
    'refuses the file path %s: a dataset file sits beside its document',
    (path) => {
      const [message] = errors(
        withFields(
          `"datasets": [{ "id": "d", "columns": ["x"], "source": { "kind": "file", "path": ${JSON.stringify(path.replace(/\\\\/g, '\\'))} } }]`,
        ),
      );
      expect(message).toMatch(
        /^datasets\[0\]\.source\.path .*: must be a path relative to the \.graph file's folder/,
      );
    },
  );

  it('refuses missing pieces and wrong training values, and warns about unknown fields', () => {
    expect(
      errors(
        withFields(`"datasets": [{ "id": "", "columns": [], "source": { "kind": "csv" } }],
  "training": { "task": "clustering", "learningRate": 0, "batch": 0, "inputs": "x" }`),
      ).map((line) => line.replace(/ \(line \d+, column \d+\)/, '')),
    ).toEqual([
      'datasets[0].id: must be a non-empty string, got the string ""',
      'datasets[0].columns: must be a non-empty array of column names like ["x1", "x2", "y"], got an array',
      'datasets[0].source.kind: must be "generate", "inline" or "file", got the string "csv"',
      'training.task: must be "classification" or "regression", got the string "clustering"',
      'training.inputs: must be an array of node ids, got the string "x"',
      'training.learningRate: must be a number > 0, got the number 0',
      'training.batch: must be a whole number ≥ 1, got the number 0',
    ]);
    const warned = parse(withFields(`"training": { "colour": "red" }`));
    expect(warned.ok && warned.warnings.map(formatDocumentIssue)).toEqual([
      'training.colour (line 4, column 27): unknown field "colour" is ignored and will not be saved',
    ]);
  });
});
