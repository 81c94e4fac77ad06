import type { OpDefinition } from '@chainrule/graph-runtime';

/**
 * A dual number re + eps·ε with ε² = 0: carrying eps through a computation yields the
 * derivative of the result along the direction the inputs' eps were seeded with. This is an
 * independent reference for the op library: written from the textbook rules below, never by
 * calling the ops it checks.
 */
export interface Dual {
  readonly re: number;
  readonly eps: number;
}

/** A dual number; seed `eps = 1` on the input being differentiated by. */
export const dual = (re: number, eps = 0): Dual => ({ re, eps });

const add = (x: Dual, y: Dual): Dual => dual(x.re + y.re, x.eps + y.eps);
const sub = (x: Dual, y: Dual): Dual => dual(x.re - y.re, x.eps - y.eps);
const mul = (x: Dual, y: Dual): Dual => dual(x.re * y.re, x.eps * y.re + x.re * y.eps);
const div = (x: Dual, y: Dual): Dual =>
  dual(x.re / y.re, (x.eps * y.re - x.re * y.eps) / (y.re * y.re));
const scale = (k: number, x: Dual): Dual => dual(k * x.re, k * x.eps);
const exp = (x: Dual): Dual => {
  const e = Math.exp(x.re);
  return dual(e, e * x.eps);
};
const log = (x: Dual): Dual => dual(Math.log(x.re), x.eps / x.re);
const one = dual(1);

/** Picks one of two duals by a predicate on the real parts: how piecewise maths differentiates. */
const choose = (takeFirst: boolean, x: Dual, y: Dual): Dual => (takeFirst ? x : y);

type Reference = (...inputs: Dual[]) => Dual;

const unary =
  (f: (x: Dual) => Dual): Reference =>
  (...inputs) =>
    f(at(inputs, 0));
const binary =
  (f: (a: Dual, b: Dual) => Dual): Reference =>
  (...inputs) =>
    f(at(inputs, 0), at(inputs, 1));

const at = (inputs: readonly Dual[], index: number): Dual => {
  const input = inputs[index];
  if (!input) throw new Error(`reference called with ${inputs.length} inputs, needs ${index + 1}`);
  return input;
};

/**
 * Reference maths for every function op, keyed by op id. Deliberately formulated differently
 * from the ops where that is natural (pow and sqrt through exp∘log, tanh and sigmoid through exp
 * and division), so a shared mistake is unlikely. Valid on the smooth regions the tests sample.
 */
export const dualReferences: Readonly<Record<string, Reference>> = {
  add: binary(add),
  sub: binary(sub),
  mul: binary(mul),
  div: binary(div),
  neg: unary((x) => scale(-1, x)),
  abs: unary((x) => (x.re < 0 ? scale(-1, x) : x)),
  // For a > 0: a^b = e^(b·ln a).
  pow: binary((a, b) => exp(mul(b, log(a)))),
  square: unary((x) => mul(x, x)),
  sqrt: unary((x) => exp(scale(0.5, log(x)))),
  exp: unary(exp),
  log: unary(log),
  sin: unary((x) => dual(Math.sin(x.re), Math.cos(x.re) * x.eps)),
  cos: unary((x) => dual(Math.cos(x.re), -Math.sin(x.re) * x.eps)),
  tanh: unary((x) => {
    const e2x = exp(scale(2, x));
    return div(sub(e2x, one), add(e2x, one));
  }),
  sigmoid: unary((x) => div(one, add(one, exp(scale(-1, x))))),
  relu: unary((x) => choose(x.re > 0, x, dual(0))),
  max: binary((a, b) => choose(a.re > b.re, a, b)),
  min: binary((a, b) => choose(a.re < b.re, a, b)),
};

/** Ids of the function ops that have no dual-number reference yet. */
export const opsWithoutReference = (ops: readonly OpDefinition[]): string[] =>
  ops
    .filter((op) => op.kind === 'function' && !Object.hasOwn(dualReferences, op.id))
    .map((op) => op.id);

/**
 * The reference's value and its derivative with respect to input `port`, at `inputs`.
 */
export const referenceDerivative = (
  id: string,
  inputs: readonly number[],
  port: number,
): { value: number; derivative: number } => {
  const reference = Object.hasOwn(dualReferences, id) ? dualReferences[id] : undefined;
  if (!reference) throw new Error(`no dual-number reference for op "${id}"`);
  const result = reference(...inputs.map((x, i) => dual(x, i === port ? 1 : 0)));
  return { value: result.re, derivative: result.eps };
};
