/**
 * The words an expression may use, shared by the parser (text → graph) and the formula printer
 * (graph → text) so that both sides always agree on spelling, arity and precedence.
 */

/** A function callable in an expression, and the op it becomes. @public */
export interface ExpressionFunction {
  /** The name typed in the expression, e.g. `sigmoid`. */
  readonly name: string;
  /** The op id in the op library. */
  readonly op: string;
  /** The op's input ports, in argument order. */
  readonly ports: readonly string[];
}

const unary = (name: string): ExpressionFunction => ({ name, op: name, ports: ['x'] });
const binary = (name: string): ExpressionFunction => ({ name, op: name, ports: ['a', 'b'] });

/**
 * Every function an expression may call, by name: the op library's unary ops plus `max`, `min`
 * and `pow`. Names equal op ids, so an expression reads like the palette.
 * @public
 */
export const expressionFunctions: ReadonlyMap<string, ExpressionFunction> = new Map(
  [
    ...['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'square', 'neg'].map(
      unary,
    ),
    ...['max', 'min', 'pow'].map(binary),
  ].map((fn) => [fn.name, fn]),
);

/** Named constants (`pi`, `e`): they become `const` nodes, never inputs. @public */
export const expressionConstants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/**
 * Binding strength, loosest first. Unary minus binds tighter than `*` but looser than `^`, as in
 * mathematics: `-2^2` is `-(2^2)` = -4, and `-a*b` is `(-a)*b`.
 */
export const Precedence = {
  sum: 1,
  product: 2,
  negation: 3,
  power: 4,
  atom: 5,
} as const;

/** Binary infix operators by op id. */
export const infixOperators: ReadonlyMap<
  string,
  { readonly precedence: number; readonly rightAssociative: boolean }
> = new Map([
  ['add', { precedence: Precedence.sum, rightAssociative: false }],
  ['sub', { precedence: Precedence.sum, rightAssociative: false }],
  ['mul', { precedence: Precedence.product, rightAssociative: false }],
  ['div', { precedence: Precedence.product, rightAssociative: false }],
  ['pow', { precedence: Precedence.power, rightAssociative: true }],
]);
