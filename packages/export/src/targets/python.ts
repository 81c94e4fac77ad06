import type { TextDialect } from '../expr';
import { commentText, floatLiteral, gradientName, pythonString } from '../names';
import type { ExportPlan } from '../plan';

/** The first lines of a Python export: what it is and what it prints. */
export const pythonHeader = (plan: ExportPlan, target: string, what: string): string[] => [
  `# ${commentText(plan.title)}: exported by Chainrule to ${target}.`,
  `# ${what}`,
  '# Prints one JSON line: {"output": J, "grads": {"<input id>": dJ/dinput, ...}}.',
];

/** The closing `print(json.dumps(...))` line, `grad` giving each input's gradient text. */
export const pythonPrint = (
  plan: ExportPlan,
  output: string,
  grad: (input: ExportPlan['inputs'][number]) => string,
): string => {
  const grads = plan.inputs.map((input) => `${pythonString(input.id)}: ${grad(input)}`);
  return `print(json.dumps({"output": ${output}, "grads": {${grads.join(', ')}}}))`;
};

/** NumPy spellings of the shared expression language. */
export const numpyDialect: TextDialect = {
  call: (fn, argument) => (fn === 'sigmoid' ? `sigmoid(${argument})` : `np.${fn}(${argument})`),
  pow: (a, b) => `${a} ** ${b}`,
  conditional: (test, then, otherwise) => `(${then} if ${test} else ${otherwise})`,
};

/** Chainrule's overflow-free sigmoid, as a NumPy helper. */
export const numpySigmoid = [
  'def sigmoid(x):',
  '    """1 / (1 + e^-x), taking e^x only of a non-positive number, as Chainrule does."""',
  '    if x >= 0:',
  '        return 1.0 / (1.0 + np.exp(-x))',
  '    ex = np.exp(x)',
  '    return ex / (1.0 + ex)',
];

/** `dJ_dx` for an input, or `0.0` for one J does not depend on. */
export const reachedGradient = (plan: ExportPlan, name: string): string =>
  plan.reached.has(name) ? gradientName(name) : floatLiteral(0);
