import { floatLiteral, gradientName } from '../names';
import type { ExportPlan } from '../plan';
import { numpyDialect, numpySigmoid, pythonHeader, pythonPrint, reachedGradient } from './python';
import { forwardText, nodeComment, stepText, usesCall } from './text';

/**
 * The graph as a NumPy script: the forward pass, then the reverse pass written out as one line
 * per chain-rule step, named after the nodes (`dJ_db = dJ_du * c`, `+=` where a node feeds
 * several others). The seed's derivation, as code.
 * @public
 */
export const toNumpy = (plan: ExportPlan): string => {
  const lines = [
    ...pythonHeader(
      plan,
      'NumPy',
      'The forward pass, then the reverse pass: one line per chain-rule step, dJ_dX = dJ/dX.',
    ),
    'import json',
    '',
    'import numpy as np',
    '',
  ];
  if (usesCall(plan, 'sigmoid')) lines.push('', ...numpySigmoid, '', '');
  lines.push('# Forward pass');
  for (const node of plan.nodes) {
    const text =
      node.kind === 'function'
        ? forwardText(node, numpyDialect)
        : `np.float64(${floatLiteral(node.value)})`;
    lines.push(`${node.name} = ${text}  # ${nodeComment(node)}`);
  }
  lines.push('', '# Reverse pass: dJ_dX is dJ/dX, built from the output back by the chain rule');
  lines.push(`${gradientName(plan.output.name)} = np.float64(1.0)`);
  for (const step of plan.backward) {
    const operator = step.first ? '=' : '+=';
    lines.push(`${gradientName(step.source)} ${operator} ${stepText(plan, step, numpyDialect)}`);
  }
  lines.push(
    '',
    pythonPrint(
      plan,
      `float(${plan.output.name})`,
      (input) => `float(${reachedGradient(plan, input.name)})`,
    ),
    '',
  );
  return lines.join('\n');
};
