// A small op set with the standard ids and ports, for testing the engine and the document format
// without the real op library (graph-runtime is op-agnostic and may not import it).
import { createOpRegistry, type OpDefinition, type OpKernel, type OpRegistry } from '../ops';
import type { GraphEdge, GraphNode, GraphSpec } from '../graph/types';
import { edgeId, nodeId } from '../graph/ids';

const source = (id: string): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'source',
  description: id,
  inputs: [],
  params: [{ name: 'value', kind: 'number', default: 0 }],
  kind: 'source',
  trainable: id === 'input',
  formula: 'value',
  forward: () => 0,
  derivatives: [],
});

const binary = (
  id: string,
  forward: (a: number, b: number) => number,
  da: (a: number, b: number, out: number) => number,
  db: (a: number, b: number, out: number) => number,
): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'arithmetic',
  description: id,
  inputs: ['a', 'b'],
  params: [],
  kind: 'function',
  formula: id,
  forward: forward as OpDefinition['forward'],
  derivatives: [
    { formula: `d${id}/da`, fn: da as never },
    { formula: `d${id}/db`, fn: db as never },
  ],
});

const unary = (
  id: string,
  forward: (x: number) => number,
  dx: (x: number, out: number) => number,
  domain?: (x: number) => string | null,
  undefinedAt?: (x: number, out: number) => string | null,
): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'exponential',
  description: id,
  inputs: ['x'],
  params: [],
  kind: 'function',
  formula: id,
  forward: forward as OpDefinition['forward'],
  ...(domain ? { domain: domain as OpDefinition['domain'] } : {}),
  derivatives: [
    {
      formula: `d${id}/dx`,
      fn: dx as never,
      ...(undefinedAt ? { undefinedAt: undefinedAt as never } : {}),
    },
  ],
});

/** An op that runs batches through the engine's lane kernel of the same name. */
const withKernel = (op: OpDefinition, kernel: OpKernel): OpDefinition => ({ ...op, kernel });

const reduce = (id: 'sum' | 'mean'): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'reduction',
  description: id,
  inputs: ['x'],
  params: [],
  kind: 'reduce',
  reduce: id,
  formula: id,
  forward: (x) => x,
  derivatives: [{ formula: `d${id}/dx`, fn: () => 1 }],
});

/** The varying source: one value per sample, from `runtime.feed`. */
export const dataTestOp: OpDefinition = {
  id: 'data',
  label: 'data',
  symbol: 'data',
  category: 'data',
  description: 'data',
  inputs: [],
  params: [],
  kind: 'source',
  varying: true,
  formula: 'column',
  forward: () => 0,
  derivatives: [],
};

// add, mul, log and exp run batches through kernels; sub, neg, tanh and sqrt through the
// generic lane path (their forward, lane by lane).
export const testOps: OpDefinition[] = [
  source('input'),
  source('const'),
  withKernel(
    binary(
      'add',
      (a, b) => a + b,
      () => 1,
      () => 1,
    ),
    'add',
  ),
  withKernel(
    binary(
      'mul',
      (a, b) => a * b,
      (_a, b) => b,
      (a) => a,
    ),
    'mul',
  ),
  withKernel(
    unary(
      'log',
      Math.log,
      (x) => 1 / x,
      (x) => (x > 0 ? null : `log needs x > 0, got ${x}`),
    ),
    'log',
  ),
  binary(
    'sub',
    (a, b) => a - b,
    () => 1,
    () => -1,
  ),
  unary(
    'neg',
    (x) => -x,
    () => -1,
  ),
  withKernel(
    unary('exp', Math.exp, (_x, out) => out),
    'exp',
  ),
  unary('tanh', Math.tanh, (_x, out) => 1 - out * out),
  unary(
    'sqrt',
    Math.sqrt,
    (x) => 0.5 / Math.sqrt(x),
    (x) => (x >= 0 ? null : `sqrt needs x ≥ 0, got ${x}`),
    (x) => (x === 0 ? 'sqrt has an infinite slope at x = 0' : null),
  ),
  dataTestOp,
  reduce('mean'),
  reduce('sum'),
];

export const testRegistry: OpRegistry = createOpRegistry(testOps);

/** Shorthand builders for test graphs. */
export const n = (id: string, op: string, value?: number, label?: string): GraphNode => ({
  id: nodeId(id),
  op,
  ...(value !== undefined ? { params: { value } } : {}),
  ...(label !== undefined ? { label } : {}),
});

export const e = (id: string, source: string, target: string, targetPort: string): GraphEdge => ({
  id: edgeId(id),
  source: nodeId(source),
  target: nodeId(target),
  targetPort,
});

/**
 * The seed's J = 3(a + bc):
 *
 *   b ──┐
 *       ├─ u = b·c ──┐
 *   c ──┘            ├─ v = a + u ──┐
 *   a ───────────────┘              ├─ J = 3·v
 *   three ──────────────────────────┘
 */
export const seedGraph = (): GraphSpec => ({
  nodes: [
    n('a', 'input', 5),
    n('b', 'input', 3),
    n('c', 'input', 2),
    n('u', 'mul'),
    n('v', 'add'),
    n('three', 'const', 3),
    n('J', 'mul'),
  ],
  edges: [
    e('e1', 'b', 'u', 'a'),
    e('e2', 'c', 'u', 'b'),
    e('e3', 'a', 'v', 'a'),
    e('e4', 'u', 'v', 'b'),
    e('e5', 'three', 'J', 'a'),
    e('e6', 'v', 'J', 'b'),
  ],
  output: nodeId('J'),
});
