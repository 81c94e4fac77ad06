import { quoteText } from '@chainrule/graph-runtime';
import { isNumber, renderExpr, type Expr, type TextDialect } from '../expr';
import { commentText, gradientName } from '../names';
import type { BackwardStep, ExportPlan, FunctionPlanNode, PlanNode } from '../plan';

/** Longest id or label quoted in a comment. */
const commentLabel = (text: string): string => commentText(quoteText(text));

/** A short comment for a node line: its op, and its id or label when its name differs. */
export const nodeComment = (node: PlanNode): string => {
  const what = node.kind === 'function' ? node.op : node.kind;
  const named = [node.id !== node.name ? `id ${commentLabel(node.id)}` : '']
    .concat(node.label !== undefined ? [commentLabel(node.label)] : [])
    .filter((part) => part !== '');
  return named.length > 0 ? `${what}: ${named.join(', ')}` : what;
};

/** Renders a function node's forward with its argument names. */
export const forwardText = (
  node: FunctionPlanNode,
  dialect: TextDialect,
  expr: Expr = node.exports.forward,
): string => renderExpr(expr, portNames(node), dialect);

/** Maps an op's port names (and `out`) to the node's variables. */
export const portNames =
  (node: FunctionPlanNode) =>
  (ref: string): string => {
    if (ref === 'out') return node.name;
    const index = node.ports.indexOf(ref);
    if (index < 0) throw new Error(`op ${node.op} has no port ${ref}`);
    return node.args[index]!;
  };

/**
 * The right-hand side of one chain-rule step: `dJ_du * c`, or just `dJ_dv` when the local
 * derivative is 1 (`-dJ_dv` when it is −1).
 */
export const stepText = (plan: ExportPlan, step: BackwardStep, dialect: TextDialect): string => {
  const upstream = gradientName(step.target);
  if (isNumber(step.local, 1)) return upstream;
  if (isNumber(step.local, -1)) return `-${upstream}`;
  const target = plan.nodes.find((node) => node.name === step.target);
  if (!target || target.kind !== 'function') throw new Error(`no function node ${step.target}`);
  const local = renderExpr(step.local, portNames(target), dialect);
  const kind = step.local.kind;
  const atomic =
    kind === 'ref' || kind === 'call' || kind === 'if' || (kind === 'num' && step.local.value >= 0);
  return `${upstream} * ${atomic ? local : `(${local})`}`;
};

/** Whether the graph has a function node needing `fn` (to emit a helper only when used). */
export const usesCall = (plan: ExportPlan, fn: string): boolean =>
  plan.nodes.some(
    (node) =>
      node.kind === 'function' &&
      JSON.stringify([node.exports.forward, ...node.exports.derivatives]).includes(`"fn":"${fn}"`),
  );

/** Names of nodes whose gradient gets more than one contribution (`let`/`+=`). */
export const fanOut = (plan: ExportPlan): Set<string> => {
  const seen = new Set<string>();
  const many = new Set<string>();
  for (const step of plan.backward) {
    if (seen.has(step.source)) many.add(step.source);
    seen.add(step.source);
  }
  return many;
};
