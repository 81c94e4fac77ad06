import type { PortName } from './graph/ids';
import type { NodeParams } from './graph/types';

/**
 * A value flowing along an edge. Scalars today; the engine only ever handles values through an
 * op's functions and {@link sameValue}, so a tensor type can join this union later without
 * rewriting the engine.
 * @public
 */
export type Value = number;

/** Whether two values are the same (no change to propagate). @public */
export const sameValue = (a: Value, b: Value): boolean => Object.is(a, b);

/**
 * A domain check: returns a sentence a person understands when the inputs are outside the op's
 * domain (e.g. `log needs x > 0, got -1`), or `null` when they are fine.
 * @public
 */
export type DomainCheck = (...inputs: Value[]) => string | null;

/**
 * One input port's local derivative ∂out/∂port, written beside the forward.
 * `fn` receives the op's inputs followed by its output: `(x, out)` for unary ops,
 * `(a, b, out)` for binary ones. For scalars this is also the vector-Jacobian product's factor.
 * @public
 */
export interface LocalDerivative {
  /** Display formula, e.g. `∂(a·b)/∂a = b`. */
  readonly formula: string;
  readonly fn: (...inputsThenOutput: Value[]) => number;
  /** Optional message when the derivative is undefined/infinite at these inputs. */
  readonly undefinedAt?: (...inputsThenOutput: Value[]) => string | null;
}

/** A parameter an op takes (e.g. `value` for `input` and `const`). @public */
export interface ParamSpec {
  readonly name: string;
  readonly kind: 'number';
  readonly default: number;
  readonly description?: string;
}

/** The category an op is listed under in the palette. @public */
export type OpCategory =
  | 'source'
  | 'data'
  | 'arithmetic'
  | 'power'
  | 'exponential'
  | 'trigonometric'
  | 'activation'
  | 'comparison'
  | 'reduction';

/**
 * A lane kernel the engine runs for a batch as one tight loop (see `engine/kernels.ts`). An op
 * that names one promises that its forward and derivatives are exactly the kernel's, and that
 * its domain check fails only where its forward is not finite (the engine then asks the domain
 * check for the message). The `nodes` tests hold every standard op to this.
 * @public
 */
export type OpKernel =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'neg'
  | 'exp'
  | 'log'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'square'
  | 'pow'
  | 'sqrt'
  | 'sin'
  | 'cos'
  | 'abs'
  | 'max'
  | 'min';

/**
 * The definition of one operation: metadata, forward, and the local derivative of each input
 * port, side by side. Source ops (`input`, `const`) have no ports; their value is `params.value`.
 * @public
 */
export interface OpDefinition {
  readonly id: string;
  /** Human name, e.g. `Multiply`. */
  readonly label: string;
  /** Short symbol for the node header, e.g. `×`. */
  readonly symbol: string;
  readonly category: OpCategory;
  /** One sentence for tooltips and the palette. */
  readonly description: string;
  /** Input ports in order; the forward and derivatives receive inputs in this order. */
  readonly inputs: readonly PortName[];
  readonly params: readonly ParamSpec[];
  /**
   * `source` ops take their value from `params.value` (or, when `varying`, from
   * `runtime.feed`); `function` ops compute it; `reduce` ops turn one value per sample into one
   * value (see `reduce`).
   */
  readonly kind: 'source' | 'function' | 'reduce';
  /**
   * For `reduce` ops (one input port `x`): `sum` gives Σ x_l over the B samples, `mean` gives
   * Σ x_l / B. The output is one value (uniform). A uniform x counts as B equal samples.
   */
  readonly reduce?: 'sum' | 'mean';
  /** `true` for a source whose per-sample values come from `runtime.feed()` (op `data`). */
  readonly varying?: true;
  /** The lane kernel equal to this op's forward and derivatives, when there is one. */
  readonly kernel?: OpKernel;
  /** `true` for ops whose value a person trains by gradient descent (only `input`). */
  readonly trainable?: boolean;
  /** Display formula of the forward in terms of the ports, e.g. `a · b`. */
  readonly formula: string;
  /** The forward computation. Ignored for sources. Must be pure. */
  readonly forward: (...inputs: Value[]) => Value;
  /** Domain check run before the forward; non-finite results are caught by the engine. */
  readonly domain?: DomainCheck;
  /** Local derivatives, one per input port, aligned with `inputs`. */
  readonly derivatives: readonly LocalDerivative[];
  /** Conventions at non-differentiable points, for docs and the inspector. */
  readonly notes?: readonly string[];
}

/** Where the engine looks up ops by id. The `nodes` package provides the standard one. @public */
export interface OpRegistry {
  get(id: string): OpDefinition | undefined;
  list(): readonly OpDefinition[];
}

/** Whether nodes of this op need `params.value` (every source but a varying one). @public */
export const takesValue = (op: OpDefinition): boolean => op.kind === 'source' && !op.varying;

/**
 * Reads a source node's value from its params (`params.value`), or `undefined` when absent or
 * not a finite number.
 * @public
 */
export const sourceValueOf = (params: NodeParams | undefined): number | undefined => {
  const value = params?.['value'];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/**
 * Builds an {@link OpRegistry} from a list of definitions, refusing duplicate ids.
 * @example const registry = createOpRegistry([addOp, mulOp]);
 * @public
 */
export const createOpRegistry = (ops: readonly OpDefinition[]): OpRegistry => {
  const byId = new Map<string, OpDefinition>();
  for (const op of ops) {
    if (byId.has(op.id)) throw new Error(`Duplicate op id "${op.id}"`);
    if (op.kind !== 'source' && op.derivatives.length !== op.inputs.length) {
      throw new Error(`Op "${op.id}" needs one local derivative per input port`);
    }
    if (op.kind === 'reduce' && (op.reduce === undefined || op.inputs.length !== 1)) {
      throw new Error(`Reduce op "${op.id}" needs reduce: 'sum' | 'mean' and one input port`);
    }
    byId.set(op.id, op);
  }
  const list = Object.freeze([...byId.values()]);
  return { get: (id) => byId.get(id), list: () => list };
};
