import { floatLiteral } from './names';

/**
 * A tiny expression language for an op's forward and local derivatives, so that NumPy,
 * TypeScript and ONNX are all written from one description per op (and cannot drift apart).
 * `ref` names one of the op's ports (`a`, `b`, `x`) or `out`, the op's own output.
 */
export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'neg'; readonly x: Expr }
  | { readonly kind: 'bin'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr }
  | { readonly kind: 'call'; readonly fn: UnaryFn; readonly x: Expr }
  | {
      readonly kind: 'if';
      readonly test: Comparison;
      readonly then: Expr;
      readonly otherwise: Expr;
    };

/** Arithmetic on two numbers; `pow` is aᵇ. */
export type BinaryOp = '+' | '-' | '*' | '/' | 'pow';
/** Elementary functions every target has (`sigmoid` is written out where a target lacks it). */
export type UnaryFn = 'exp' | 'log' | 'sin' | 'cos' | 'tanh' | 'sqrt' | 'abs' | 'sign' | 'sigmoid';
/** A comparison of two numbers, the condition of an `if`. */
export interface Comparison {
  readonly op: '>' | '>=' | '<' | '<=' | '==';
  readonly a: Expr;
  readonly b: Expr;
}

/** Builders, so the op table reads like the maths. */
export const num = (value: number): Expr => ({ kind: 'num', value });
export const ref = (name: string): Expr => ({ kind: 'ref', name });
export const neg = (x: Expr): Expr => ({ kind: 'neg', x });
export const add = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '+', a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '-', a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '*', a, b });
export const div = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '/', a, b });
export const pow = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: 'pow', a, b });
export const call = (fn: UnaryFn, x: Expr): Expr => ({ kind: 'call', fn, x });
export const when = (test: Comparison, then: Expr, otherwise: Expr): Expr => ({
  kind: 'if',
  test,
  then,
  otherwise,
});
export const cmp = (op: Comparison['op'], a: Expr, b: Expr): Comparison => ({ op, a, b });

/** How one text target spells what the language cannot share. */
export interface TextDialect {
  /** A function call, e.g. `np.exp(x)` or `Math.exp(x)`. */
  call(fn: UnaryFn, argument: string): string;
  /** aᵇ from two already-parenthesised operands. */
  pow(a: string, b: string): string;
  /** A conditional from already-rendered parts. */
  conditional(test: string, then: string, otherwise: string): string;
}

/** Binding strength, to parenthesise only where needed. */
const ATOM = 4;
const POWER = 3.5;
const PRODUCT = 3;
const SUM = 2;
const LOW = 0;

/** The sub-expressions of an expression, in evaluation order. */
const childrenOf = (expr: Expr): readonly Expr[] => {
  switch (expr.kind) {
    case 'num':
    case 'ref':
      return [];
    case 'neg':
    case 'call':
      return [expr.x];
    case 'bin':
      return [expr.a, expr.b];
    case 'if':
      return [expr.test.a, expr.test.b, expr.then, expr.otherwise];
  }
};

/**
 * Folds an expression bottom-up: `combine` gets each sub-expression with its children's results
 * (in {@link childrenOf} order). Iterative: the trees are tiny, but no walk in Chainrule recurses.
 */
export const foldExpr = <T>(root: Expr, combine: (expr: Expr, children: T[]) => T): T => {
  const work: { readonly expr: Expr; visited: boolean }[] = [{ expr: root, visited: false }];
  const results: T[] = [];
  while (work.length > 0) {
    const frame = work[work.length - 1]!;
    const kids = childrenOf(frame.expr);
    if (!frame.visited) {
      frame.visited = true;
      for (let index = kids.length - 1; index >= 0; index--) {
        work.push({ expr: kids[index]!, visited: false });
      }
      continue;
    }
    work.pop();
    results.push(combine(frame.expr, results.splice(results.length - kids.length, kids.length)));
  }
  return results[0]!;
};

/** Renders an expression as source text, with `ref`s replaced by `names` (port → variable). */
export const renderExpr = (
  root: Expr,
  names: (ref: string) => string,
  dialect: TextDialect,
): string => {
  const wrap = ([text, strength]: [string, number], needed: number): string =>
    strength >= needed ? text : `(${text})`;
  return foldExpr<[string, number]>(root, (expr, parts) => {
    switch (expr.kind) {
      case 'num':
        return [floatLiteral(expr.value), expr.value < 0 || Object.is(expr.value, -0) ? SUM : ATOM];
      case 'ref':
        return [names(expr.name), ATOM];
      case 'neg':
        return [`-${wrap(parts[0]!, PRODUCT + 1)}`, PRODUCT];
      case 'call':
        return [dialect.call(expr.fn, wrap(parts[0]!, LOW)), ATOM];
      case 'bin': {
        const [a, b] = parts as [[string, number], [string, number]];
        // Python's `**` binds tighter than `*` but looser than a unary minus on its left, and is
        // right-associative: brackets around any operand that is not an atom.
        if (expr.op === 'pow') return [dialect.pow(wrap(a, ATOM), wrap(b, ATOM)), POWER];
        if (expr.op === '+' || expr.op === '-') {
          // Left-associative: the right operand of `-` needs brackets at equal strength.
          return [`${wrap(a, SUM)} ${expr.op} ${wrap(b, expr.op === '-' ? PRODUCT : SUM)}`, SUM];
        }
        return [
          `${wrap(a, PRODUCT)} ${expr.op} ${wrap(b, expr.op === '/' ? ATOM : PRODUCT)}`,
          PRODUCT,
        ];
      }
      case 'if': {
        const [a, b, then, otherwise] = parts as [string, number][];
        const test = `${wrap(a!, SUM)} ${expr.test.op} ${wrap(b!, SUM)}`;
        return [dialect.conditional(test, wrap(then!, SUM), wrap(otherwise!, SUM)), ATOM];
      }
    }
  })[0];
};

/** Whether an expression is the number `value` (to write `dJ_dv` rather than `dJ_dv * 1.0`). */
export const isNumber = (expr: Expr, value: number): boolean =>
  expr.kind === 'num' && Object.is(expr.value, value);
