import type {
  LocalDerivative,
  OpCategory,
  OpDefinition,
  OpKernel,
  ParamSpec,
  PortName,
} from '@chainrule/graph-runtime';

/** One number per port, in port order: `['a', 'b']` becomes `[a: number, b: number]`. */
type PortValues<Ports extends readonly PortName[]> = { [K in keyof Ports]: number };

/**
 * A local derivative whose `fn` is typed by the op's ports: `(x, out)` for a unary op,
 * `(a, b, out)` for a binary one.
 * @public
 */
export interface TypedLocalDerivative<Ports extends readonly PortName[]> {
  /** Display formula, e.g. `∂(a·b)/∂a = b`. */
  readonly formula: string;
  readonly fn: (...inputsThenOutput: [...PortValues<Ports>, number]) => number;
  /** A sentence when the derivative is infinite or undefined at these inputs, else `null`. */
  readonly undefinedAt?: (...inputsThenOutput: [...PortValues<Ports>, number]) => string | null;
}

/**
 * What {@link defineOp} takes to define a function op: the op's metadata, its forward and one
 * derivative per port, all typed by the port list so a unary op cannot be given a binary
 * derivative by mistake.
 * @public
 */
export interface FunctionOpSpec<Ports extends readonly PortName[]> {
  readonly id: string;
  readonly label: string;
  readonly symbol: string;
  readonly category: Exclude<OpCategory, 'source' | 'data' | 'reduction'>;
  readonly description: string;
  readonly inputs: Ports;
  readonly formula: string;
  readonly forward: (...inputs: PortValues<Ports>) => number;
  readonly domain?: (...inputs: PortValues<Ports>) => string | null;
  readonly derivatives: { readonly [K in keyof Ports]: TypedLocalDerivative<Ports> };
  readonly notes?: readonly string[];
  /**
   * The engine's lane kernel with exactly this forward and these derivatives (batches then run
   * as one tight loop per node). `kernels.test.ts` checks the two agree bit for bit.
   */
  readonly kernel?: OpKernel;
}

/**
 * Defines a function op (one that computes its value from its input ports). The forward and each
 * port's local derivative are written side by side and typed by the port list, then widened to
 * the engine's {@link OpDefinition}.
 * @example
 * const mulOp = defineOp({
 *   id: 'mul', label: 'Multiply', symbol: '×', category: 'arithmetic',
 *   description: 'The product of a and b.', inputs: ['a', 'b'], formula: 'a · b',
 *   forward: (a, b) => a * b,
 *   derivatives: [
 *     { formula: '∂(a·b)/∂a = b', fn: (_a, b) => b },
 *     { formula: '∂(a·b)/∂b = a', fn: (a) => a },
 *   ],
 * });
 * @public
 */
export const defineOp = <const Ports extends readonly PortName[]>(
  spec: FunctionOpSpec<Ports>,
): OpDefinition => ({
  id: spec.id,
  label: spec.label,
  symbol: spec.symbol,
  category: spec.category,
  description: spec.description,
  inputs: spec.inputs,
  params: [],
  kind: 'function',
  formula: spec.formula,
  // The engine always calls with exactly one number per port (then the output), which is what
  // the typed signatures promise; the casts only forget the tuple length.
  forward: spec.forward as OpDefinition['forward'],
  ...(spec.domain ? { domain: spec.domain as NonNullable<OpDefinition['domain']> } : {}),
  derivatives: (spec.derivatives as readonly TypedLocalDerivative<Ports>[]).map(
    (derivative): LocalDerivative => ({
      formula: derivative.formula,
      fn: derivative.fn as LocalDerivative['fn'],
      ...(derivative.undefinedAt
        ? { undefinedAt: derivative.undefinedAt as NonNullable<LocalDerivative['undefinedAt']> }
        : {}),
    }),
  ),
  notes: spec.notes ?? [],
  ...(spec.kernel ? { kernel: spec.kernel } : {}),
});

/**
 * The `value` parameter of a source op.
 * @public
 */
export const valueParam: ParamSpec = {
  name: 'value',
  kind: 'number',
  default: 0,
  description: 'The number this node outputs.',
};
