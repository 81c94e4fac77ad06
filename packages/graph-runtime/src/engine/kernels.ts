import type { OpKernel } from '../ops';

/**
 * Lane kernels: the forward and the local derivatives of the common ops as tight loops over
 * `Float64Array`s, so a batch of B samples runs close to a hand-written loop instead of B calls
 * through the registry. An op opts in with `OpDefinition.kernel`; the `nodes` tests check that
 * each kernel equals the op's own forward and derivatives bit for bit. Ops without a kernel run
 * lane by lane through their forward (the generic path).
 */

/** Numeric kernel codes (0 = none: the generic path). */
export const NO_KERNEL = 0;
const codes: Readonly<Record<OpKernel, number>> = {
  add: 1,
  sub: 2,
  mul: 3,
  div: 4,
  neg: 5,
  exp: 6,
  log: 7,
  tanh: 8,
  sigmoid: 9,
  relu: 10,
  square: 11,
  pow: 12,
  sqrt: 13,
  sin: 14,
  cos: 15,
  abs: 16,
  max: 17,
  min: 18,
};
const ADD = 1;
const SUB = 2;
const MUL = 3;
const DIV = 4;
const NEG = 5;
const EXP = 6;
const LOG = 7;
const TANH = 8;
const SIGMOID = 9;
const RELU = 10;
const SQUARE = 11;
const POW = 12;
const SQRT = 13;
const SIN = 14;
const COS = 15;
const ABS = 16;
const MAX = 17;
const MIN = 18;

/** The code of a kernel name (`NO_KERNEL` for none or an unknown name). */
export const kernelCode = (kernel: OpKernel | undefined): number =>
  kernel === undefined ? NO_KERNEL : (codes[kernel] ?? NO_KERNEL);

/** The kernels the engine knows, for the `nodes` tests and docs. */
export const laneKernels: readonly OpKernel[] = Object.keys(codes) as OpKernel[];

/**
 * `out[l] = op(a[l], b[l])` for every lane. Unary kernels ignore `b`. Returns `false` for a code
 * it does not know (then the caller runs the generic path).
 */
export const laneForward = (
  code: number,
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  lanes: number,
): boolean => {
  switch (code) {
    case ADD:
      for (let l = 0; l < lanes; l++) out[l] = a[l]! + b[l]!;
      return true;
    case SUB:
      for (let l = 0; l < lanes; l++) out[l] = a[l]! - b[l]!;
      return true;
    case MUL:
      for (let l = 0; l < lanes; l++) out[l] = a[l]! * b[l]!;
      return true;
    case DIV:
      for (let l = 0; l < lanes; l++) out[l] = a[l]! / b[l]!;
      return true;
    case NEG:
      for (let l = 0; l < lanes; l++) out[l] = -a[l]!;
      return true;
    case EXP:
      for (let l = 0; l < lanes; l++) out[l] = Math.exp(a[l]!);
      return true;
    case LOG:
      for (let l = 0; l < lanes; l++) out[l] = Math.log(a[l]!);
      return true;
    case TANH:
      for (let l = 0; l < lanes; l++) out[l] = Math.tanh(a[l]!);
      return true;
    case SIGMOID:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        if (x >= 0) out[l] = 1 / (1 + Math.exp(-x));
        else {
          const ex = Math.exp(x);
          out[l] = ex / (1 + ex);
        }
      }
      return true;
    case RELU:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        out[l] = x > 0 ? x : 0;
      }
      return true;
    case SQUARE:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        out[l] = x * x;
      }
      return true;
    case POW:
      for (let l = 0; l < lanes; l++) out[l] = Math.pow(a[l]!, b[l]!);
      return true;
    case SQRT:
      for (let l = 0; l < lanes; l++) out[l] = Math.sqrt(a[l]!);
      return true;
    case SIN:
      for (let l = 0; l < lanes; l++) out[l] = Math.sin(a[l]!);
      return true;
    case COS:
      for (let l = 0; l < lanes; l++) out[l] = Math.cos(a[l]!);
      return true;
    case ABS:
      for (let l = 0; l < lanes; l++) out[l] = Math.abs(a[l]!);
      return true;
    case MAX:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        const y = b[l]!;
        out[l] = x >= y ? x : y;
      }
      return true;
    case MIN:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        const y = b[l]!;
        out[l] = x <= y ? x : y;
      }
      return true;
    default:
      return false;
  }
};

/**
 * `local[l] = ∂op/∂port at (a[l], b[l], out[l])` for every lane, port 0 or 1. Returns `false`
 * for a code it does not know.
 */
export const laneDerivative = (
  code: number,
  port: number,
  local: Float64Array,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  lanes: number,
): boolean => {
  switch (code) {
    case ADD:
      local.fill(1, 0, lanes);
      return true;
    case SUB:
      local.fill(port === 0 ? 1 : -1, 0, lanes);
      return true;
    case MUL:
      local.set(port === 0 ? b.subarray(0, lanes) : a.subarray(0, lanes));
      return true;
    case DIV:
      if (port === 0) for (let l = 0; l < lanes; l++) local[l] = 1 / b[l]!;
      else for (let l = 0; l < lanes; l++) local[l] = -out[l]! / b[l]!;
      return true;
    case NEG:
      local.fill(-1, 0, lanes);
      return true;
    case EXP:
      local.set(out.subarray(0, lanes));
      return true;
    case LOG:
      for (let l = 0; l < lanes; l++) local[l] = 1 / a[l]!;
      return true;
    case TANH:
      for (let l = 0; l < lanes; l++) {
        const y = out[l]!;
        local[l] = 1 - y * y;
      }
      return true;
    case SIGMOID:
      for (let l = 0; l < lanes; l++) {
        const y = out[l]!;
        local[l] = y * (1 - y);
      }
      return true;
    case RELU:
      for (let l = 0; l < lanes; l++) local[l] = a[l]! > 0 ? 1 : 0;
      return true;
    case SQUARE:
      for (let l = 0; l < lanes; l++) local[l] = 2 * a[l]!;
      return true;
    case POW:
      if (port === 0) {
        for (let l = 0; l < lanes; l++) {
          const y = b[l]!;
          local[l] = y === 0 ? 0 : y * Math.pow(a[l]!, y - 1);
        }
      } else {
        for (let l = 0; l < lanes; l++) {
          const x = a[l]!;
          local[l] = x > 0 ? out[l]! * Math.log(x) : 0;
        }
      }
      return true;
    case SQRT:
      for (let l = 0; l < lanes; l++) local[l] = 1 / (2 * out[l]!);
      return true;
    case SIN:
      for (let l = 0; l < lanes; l++) local[l] = Math.cos(a[l]!);
      return true;
    case COS:
      for (let l = 0; l < lanes; l++) local[l] = -Math.sin(a[l]!);
      return true;
    case ABS:
      for (let l = 0; l < lanes; l++) {
        const x = a[l]!;
        local[l] = x > 0 ? 1 : x < 0 ? -1 : 0;
      }
      return true;
    case MAX:
      if (port === 0) for (let l = 0; l < lanes; l++) local[l] = a[l]! >= b[l]! ? 1 : 0;
      else for (let l = 0; l < lanes; l++) local[l] = a[l]! >= b[l]! ? 0 : 1;
      return true;
    case MIN:
      if (port === 0) for (let l = 0; l < lanes; l++) local[l] = a[l]! <= b[l]! ? 1 : 0;
      else for (let l = 0; l < lanes; l++) local[l] = a[l]! <= b[l]! ? 0 : 1;
      return true;
    default:
      return false;
  }
};

/** Whether every lane is finite: one multiply-add per lane (a non-finite lane makes it NaN). */
export const allFinite = (array: Float64Array, lanes: number): boolean => {
  let probe = 0;
  for (let l = 0; l < lanes; l++) probe += array[l]! * 0;
  return probe === 0;
};

/** The first lane that is not finite, or -1. */
export const firstNonFinite = (array: Float64Array, lanes: number): number => {
  for (let l = 0; l < lanes; l++) if (!Number.isFinite(array[l])) return l;
  return -1;
};

/** Whether the first `lanes` entries of `a` and `b` are the same numbers. */
export const sameLanes = (a: Float64Array, b: Float64Array, lanes: number): boolean => {
  for (let l = 0; l < lanes; l++) if (a[l] !== b[l]) return false;
  return true;
};
