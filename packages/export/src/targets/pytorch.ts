import { renderExpr, type TextDialect } from '../expr';
import { floatLiteral } from '../names';
import type { ExportPlan, FunctionPlanNode } from '../plan';
import { pythonHeader, pythonPrint } from './python';
import { nodeComment } from './text';

/** PyTorch spellings of the shared expression language (inside custom Functions). */
const torchDialect: TextDialect = {
  call: (fn, argument) => `torch.${fn}(${argument})`,
  pow: (a, b) => `${a} ** ${b}`,
  conditional: (test, then, otherwise) => `torch.where(${test}, ${then}, ${otherwise})`,
};

/**
 * A `torch.autograd.Function` whose forward and backward are the op's own, written from the same
 * expressions as the NumPy export, for ops whose torch convention differs from Chainrule's.
 */
const functionClass = (node: FunctionPlanNode, name: string, why: string): string[] => {
  const ports = node.ports;
  const local = (ref: string): string => ref;
  const derivatives = node.exports.derivatives.map(
    (derivative) => `grad * ${renderExpr(derivative, local, torchDialect)}`,
  );
  return [
    `class ${name}(torch.autograd.Function):`,
    `    """${node.op}(${ports.join(', ')}) with Chainrule's local derivatives: ${why}."""`,
    '',
    '    @staticmethod',
    `    def forward(ctx, ${ports.join(', ')}):`,
    `        out = ${renderExpr(node.exports.forward, local, torchDialect)}`,
    `        ctx.save_for_backward(${ports.join(', ')}, out)`,
    '        return out',
    '',
    '    @staticmethod',
    '    def backward(ctx, grad):',
    `        ${ports.join(', ')}, out = ctx.saved_tensors`,
    `        return ${derivatives.join(', ')}`,
  ];
};

/**
 * The graph as a PyTorch script in topological order: inputs are float64 tensors with
 * `requires_grad=True`, one line per node named after it, then `J.backward()`. Ops whose torch
 * gradient convention differs from Chainrule's run as small custom autograd Functions.
 * @public
 */
export const toPytorch = (plan: ExportPlan): string => {
  const lines = [
    ...pythonHeader(
      plan,
      'PyTorch',
      'Inputs are float64 tensors with requires_grad=True; autograd computes every dJ/dinput.',
    ),
    'import json',
    '',
    'import torch',
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
  ];
  const classes = new Map<string, string[]>();
  for (const node of plan.nodes) {
    if (node.kind !== 'function' || node.exports.torch.kind !== 'function') continue;
    const { name, why } = node.exports.torch;
    if (!classes.has(name)) classes.set(name, functionClass(node, name, why));
  }
  for (const body of classes.values()) lines.push('', ...body, '', '');
  for (const node of plan.nodes) {
    let text: string;
    if (node.kind === 'input') {
      text = `torch.tensor(${floatLiteral(node.value)}, dtype=torch.float64, requires_grad=True)`;
    } else if (node.kind === 'const') {
      text = `torch.tensor(${floatLiteral(node.value)}, dtype=torch.float64)`;
    } else if (node.exports.torch.kind === 'native') {
      text = node.exports.torch.template(node.args);
    } else {
      text = `${node.exports.torch.name}.apply(${node.args.join(', ')})`;
    }
    lines.push(`${node.name} = ${text}  # ${nodeComment(node)}`);
  }
  const output = plan.output.name;
  const dependsOnInput = plan.inputs.some((input) => plan.reached.has(input.name));
  lines.push(
    '',
    dependsOnInput
      ? `${output}.backward()`
      : `# ${output} depends on no input, so every gradient is 0 (and there is nothing to backpropagate).`,
    '',
    '',
    'def grad_of(x):',
    '    """dJ/dx after backward(); an input J does not depend on has no .grad: 0."""',
    '    return 0.0 if x.grad is None else x.grad.item()',
    '',
    '',
    pythonPrint(plan, `${output}.item()`, (input) => `grad_of(${input.name})`),
    '',
  );
  return lines.join('\n');
};
