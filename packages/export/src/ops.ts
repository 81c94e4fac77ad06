import { add, call, cmp, div, mul, neg, num, pow, ref, sub, when, type Expr } from './expr';

/** The targets a graph can be exported to. @public */
export const exportTargets = ['pytorch', 'numpy', 'typescript', 'onnx'] as const;
/** One export target. @public */
export type ExportTarget = (typeof exportTargets)[number];

/**
 * How PyTorch computes an op:
 * - `native`: a torch expression whose own autograd has exactly Chainrule's local derivatives
 *   (checked at the kinks by the export tests);
 * - `function`: a `torch.autograd.Function` subclass written from the op's forward and
 *   derivatives below, for ops whose torch convention differs from Chainrule's (`why`).
 */
export type TorchForward =
  | { readonly kind: 'native'; readonly template: (args: readonly string[]) => string }
  | { readonly kind: 'function'; readonly name: string; readonly why: string };

/**
 * How one function op is exported: its forward and its local derivatives in the shared
 * expression language (NumPy, TypeScript and ONNX are written from these), and its PyTorch form.
 * Derivatives are listed in the op's port order and may use `out`, the op's output.
 * @public
 */
export interface OpExport {
  readonly forward: Expr;
  readonly derivatives: readonly Expr[];
  readonly torch: TorchForward;
  /** Targets that cannot express this op exactly, with the reason (the export is refused). */
  readonly refusals?: Partial<Record<ExportTarget, string>>;
}

const a = ref('a');
const b = ref('b');
const x = ref('x');
const out = ref('out');
const native = (template: (args: readonly string[]) => string): TorchForward => ({
  kind: 'native',
  template,
});
const unaryTorch = (fn: string): TorchForward => native(([arg]) => `torch.${fn}(${arg!})`);

/**
 * Every function op of the standard library, keyed by op id. The derivatives repeat the ones in
 * `@chainrule/nodes` exactly, conventions included (relu'(0) = 0, sign(0) = 0, ties go to `a`,
 * no gradient to an exponent over a base ≤ 0); the export tests run them against the engine at
 * the kinks and at random points, and fail for an op of the registry missing here.
 * @public
 */
export const functionOpExports: Readonly<Record<string, OpExport>> = {
  add: {
    forward: add(a, b),
    derivatives: [num(1), num(1)],
    torch: native(([l, r]) => `${l!} + ${r!}`),
  },
  sub: {
    forward: sub(a, b),
    derivatives: [num(1), num(-1)],
    torch: native(([l, r]) => `${l!} - ${r!}`),
  },
  mul: {
    forward: mul(a, b),
    derivatives: [b, a],
    torch: native(([l, r]) => `${l!} * ${r!}`),
  },
  div: {
    forward: div(a, b),
    // −out/b, as the engine: −a/b² underflows to −0/0 = NaN for tiny b.
    derivatives: [div(num(1), b), div(neg(out), b)],
    torch: {
      kind: 'function',
      name: 'Div',
      why: "torch's division writes ∂/∂b as −a/b², which is NaN where b² underflows; Chainrule uses −(a/b)/b",
    },
  },
  neg: { forward: neg(x), derivatives: [num(-1)], torch: native(([arg]) => `-${arg!}`) },
  abs: {
    forward: call('abs', x),
    derivatives: [call('sign', x)],
    // torch.abs's backward is grad·sgn(x), so abs'(0) = 0 like Chainrule.
    torch: unaryTorch('abs'),
  },
  pow: {
    forward: pow(a, b),
    derivatives: [
      when(cmp('==', b, num(0)), num(0), mul(b, pow(a, sub(b, num(1))))),
      when(cmp('>', a, num(0)), mul(out, call('log', a)), num(0)),
    ],
    torch: {
      kind: 'function',
      name: 'Pow',
      why: "torch's pow sends NaN to the exponent for a negative base; Chainrule sends 0 (ln a is undefined there)",
    },
  },
  square: {
    forward: mul(x, x),
    derivatives: [mul(num(2), x)],
    torch: unaryTorch('square'),
  },
  sqrt: {
    forward: call('sqrt', x),
    derivatives: [div(num(1), mul(num(2), out))],
    torch: unaryTorch('sqrt'),
  },
  exp: { forward: call('exp', x), derivatives: [out], torch: unaryTorch('exp') },
  log: { forward: call('log', x), derivatives: [div(num(1), x)], torch: unaryTorch('log') },
  sin: { forward: call('sin', x), derivatives: [call('cos', x)], torch: unaryTorch('sin') },
  cos: { forward: call('cos', x), derivatives: [neg(call('sin', x))], torch: unaryTorch('cos') },
  tanh: {
    forward: call('tanh', x),
    derivatives: [sub(num(1), mul(out, out))],
    torch: unaryTorch('tanh'),
  },
  sigmoid: {
    forward: call('sigmoid', x),
    derivatives: [mul(out, sub(num(1), out))],
    torch: unaryTorch('sigmoid'),
  },
  relu: {
    forward: when(cmp('>', x, num(0)), x, num(0)),
    derivatives: [when(cmp('>', x, num(0)), num(1), num(0))],
    // torch.relu's backward passes the gradient where the output is > 0: relu'(0) = 0.
    torch: unaryTorch('relu'),
  },
  max: {
    forward: when(cmp('>=', a, b), a, b),
    derivatives: [when(cmp('>=', a, b), num(1), num(0)), when(cmp('>=', a, b), num(0), num(1))],
    torch: {
      kind: 'function',
      name: 'Max',
      why: 'torch.maximum splits a tie half and half; Chainrule gives the whole gradient to a',
    },
  },
  min: {
    forward: when(cmp('<=', a, b), a, b),
    derivatives: [when(cmp('<=', a, b), num(1), num(0)), when(cmp('<=', a, b), num(0), num(1))],
    torch: {
      kind: 'function',
      name: 'Min',
      why: 'torch.minimum splits a tie half and half; Chainrule gives the whole gradient to a',
    },
  },
};

/** Source ops: their value is `params.value`; `input`s get gradients, `const`s do not. @public */
/**
 * Ops of datasets and batches (one value per sample), which no target writes yet: an export of a
 * graph that uses one is refused with this reason. (Exporting datasets belongs with them.)
 * @public
 */
export const batchOpRefusals: Readonly<Record<string, string>> = {
  data: 'a data column holds one value per sample; exporting datasets and batches is not supported yet',
  mean: 'mean reduces over the samples of a batch; exporting datasets and batches is not supported yet',
  sum: 'sum reduces over the samples of a batch; exporting datasets and batches is not supported yet',
};

export const sourceOpExports: Readonly<Record<string, 'input' | 'const'>> = {
  input: 'input',
  const: 'const',
};
