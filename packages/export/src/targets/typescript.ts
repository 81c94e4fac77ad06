import type { TextDialect } from '../expr';
import { commentText, floatLiteral, gradientName, typescriptString } from '../names';
import type { ExportPlan } from '../plan';
import { fanOut, forwardText, nodeComment, stepText, usesCall } from './text';

/** TypeScript spellings of the shared expression language (the engine's own `Math` calls). */
const typescriptDialect: TextDialect = {
  call: (fn, argument) => (fn === 'sigmoid' ? `sigmoid(${argument})` : `Math.${fn}(${argument})`),
  pow: (a, b) => `Math.pow(${a}, ${b})`,
  conditional: (test, then, otherwise) => `(${test} ? ${then} : ${otherwise})`,
};

const sigmoidHelper = [
  '/** 1 / (1 + e^-x), taking e^x only of a non-positive number, as Chainrule does. */',
  'const sigmoid = (x: number): number => {',
  '  if (x >= 0) return 1 / (1 + Math.exp(-x));',
  '  const ex = Math.exp(x);',
  '  return ex / (1 + ex);',
  '};',
];

/**
 * The graph as a dependency-free TypeScript module: `evaluate(inputs)` returns J and dJ/dinput
 * for every input (a missing input takes the graph's value), with the reverse pass written out
 * like the NumPy export's; run directly, it prints the JSON line.
 * @public
 */
export const toTypescript = (plan: ExportPlan): string => {
  const many = fanOut(plan);
  const lines = [
    `// ${commentText(plan.title)}: exported by Chainrule to TypeScript (no dependencies).`,
    '// evaluate(inputs) returns J and dJ/dinput for every input; run directly (e.g. `npx tsx',
    '// FILE.ts`), it prints one JSON line: {"output": J, "grads": {"<input id>": dJ/dinput, ...}}.',
    '',
    '/** Input values by input id; a missing input takes its value from the graph. */',
    'export type Inputs = Readonly<Record<string, number>>;',
    '',
    '/** J and dJ/dinput for every input, by input id. */',
    'export interface Result {',
    '  readonly value: number;',
    '  readonly grads: Record<string, number>;',
    '}',
    '',
  ];
  if (usesCall(plan, 'sigmoid')) lines.push(...sigmoidHelper, '');
  lines.push(
    'export function evaluate(inputs: Inputs = {}): Result {',
    '  const input = (id: string, fallback: number): number =>',
    '    Object.prototype.hasOwnProperty.call(inputs, id) ? (inputs[id] ?? fallback) : fallback;',
    '',
    '  // Forward pass',
  );
  for (const node of plan.nodes) {
    const text =
      node.kind === 'input'
        ? `input(${typescriptString(node.id)}, ${floatLiteral(node.value)})`
        : node.kind === 'const'
          ? floatLiteral(node.value)
          : forwardText(node, typescriptDialect);
    lines.push(`  const ${node.name} = ${text}; // ${nodeComment(node)}`);
  }
  lines.push('', '  // Reverse pass: dJ_dX is dJ/dX, built from the output back by the chain rule');
  lines.push(`  const ${gradientName(plan.output.name)} = 1;`);
  for (const step of plan.backward) {
    const name = gradientName(step.source);
    const text = stepText(plan, step, typescriptDialect);
    if (!step.first) lines.push(`  ${name} += ${text};`);
    else lines.push(`  ${many.has(step.source) ? 'let' : 'const'} ${name} = ${text};`);
  }
  const grads = plan.inputs.map(
    (input) =>
      `[${typescriptString(input.id)}]: ${plan.reached.has(input.name) ? gradientName(input.name) : '0'}`,
  );
  lines.push(
    '',
    `  const result: Result = { value: ${plan.output.name}, grads: { ${grads.join(', ')} } };`,
    '  // No silent NaN: at other inputs an op may leave its domain (log of a negative number, …).',
    '  if (![result.value, ...Object.values(result.grads)].every(Number.isFinite)) {',
    "    throw new RangeError('J or a gradient is not a finite number at these inputs');",
    '  }',
    '  return result;',
    '}',
    '',
    '// Run directly: print the JSON line. (Typed here, so the module needs no @types/node.)',
    'const host = globalThis as {',
    '  process?: { argv?: readonly string[] };',
    '  console?: { log(text: string): void };',
    '  URL?: new (url: string, base: string) => { readonly href: string };',
    '};',
    'const script = host.process?.argv?.[1];',
    'const self = (import.meta as { url?: string }).url;',
    "if (script !== undefined && host.URL && self === new host.URL(script, 'file://').href) {",
    '  const { value, grads } = evaluate();',
    '  host.console?.log(JSON.stringify({ output: value, grads }));',
    '}',
    '',
  );
  return lines.join('\n');
};
