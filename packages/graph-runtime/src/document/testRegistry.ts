import { createOpRegistry, type OpDefinition, type OpRegistry } from '../ops';

// Test-only: graph-runtime may not import the op library, so document tests read files against
// this small registry with the standard ids and ports.

const source = (id: 'input' | 'const'): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'source',
  description: `${id} value`,
  inputs: [],
  params: [{ name: 'value', kind: 'number', default: 0 }],
  kind: 'source',
  trainable: id === 'input',
  formula: 'value',
  forward: () => 0,
  derivatives: [],
});

const binary = (id: string, forward: (a: number, b: number) => number): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'arithmetic',
  description: id,
  inputs: ['a', 'b'],
  params: [],
  kind: 'function',
  formula: id,
  forward: (a = 0, b = 0) => forward(a, b),
  derivatives: [
    { formula: 'd/da', fn: () => 1 },
    { formula: 'd/db', fn: () => 1 },
  ],
});

const unary = (id: string, forward: (x: number) => number): OpDefinition => ({
  id,
  label: id,
  symbol: id,
  category: 'exponential',
  description: id,
  inputs: ['x'],
  params: [],
  kind: 'function',
  formula: id,
  forward: (x = 0) => forward(x),
  derivatives: [{ formula: 'd/dx', fn: () => 1 }],
});

/** A registry with `input`, `const`, `add`, `sub`, `mul`, `neg`, `log` and `tanh`. */
export const testRegistry: OpRegistry = createOpRegistry([
  source('input'),
  source('const'),
  binary('add', (a, b) => a + b),
  binary('sub', (a, b) => a - b),
  binary('mul', (a, b) => a * b),
  unary('neg', (x) => -x),
  unary('log', Math.log),
  unary('tanh', Math.tanh),
]);
