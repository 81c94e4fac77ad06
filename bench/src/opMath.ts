/**
 * The scalar maths of every standard op, written a second time, independently of
 * `@chainrule/nodes`, as one `switch` per direction. The baselines use it so that agreement with
 * the engine is evidence (two implementations), not a tautology. Conventions at kinks follow
 * TensorFlow's (abs'(0) = relu'(0) = 0, ties in max/min send the gradient to `a`), as the
 * standard library documents.
 */

/** Dense op codes: a `Uint8Array` of them is what the hand-written loop dispatches on. */
export const OpCode = {
  input: 0,
  const: 1,
  add: 2,
  sub: 3,
  mul: 4,
  div: 5,
  pow: 6,
  max: 7,
  min: 8,
  neg: 9,
  square: 10,
  sqrt: 11,
  exp: 12,
  log: 13,
  abs: 14,
  sin: 15,
  cos: 16,
  tanh: 17,
  sigmoid: 18,
  relu: 19,
} as const;

/** One of the {@link OpCode} values. */
export type OpCodeValue = (typeof OpCode)[keyof typeof OpCode];

/** The op ids the bench knows, in {@link OpCode} order. */
export const opIds = Object.keys(OpCode) as readonly (keyof typeof OpCode)[];

/** Looks up the code of a standard op id; throws on an id the bench does not know. */
export const opCodeOf = (id: string): OpCodeValue => {
  const code = (OpCode as Record<string, OpCodeValue>)[id];
  if (code === undefined) throw new Error(`bench: unknown op "${id}"`);
  return code;
};

/** Whether the op is a source (`input`/`const`): no ports, its value is a parameter. */
export const isSourceCode = (code: number): boolean =>
  code === OpCode.input || code === OpCode.const;

/** Whether the op has two ports (`a`, `b`); the others have one (`x`) or none. */
export const isBinaryCode = (code: number): boolean => code >= OpCode.add && code <= OpCode.min;

/**
 * The forward of a function op. `b` is ignored by unary ops.
 * Sources are not computed here: their value is their parameter.
 */
export const forwardOf = (code: number, a: number, b: number): number => {
  switch (code) {
    case OpCode.add:
      return a + b;
    case OpCode.sub:
      return a - b;
    case OpCode.mul:
      return a * b;
    case OpCode.div:
      return a / b;
    case OpCode.pow:
      return Math.pow(a, b);
    case OpCode.max:
      return a >= b ? a : b;
    case OpCode.min:
      return a <= b ? a : b;
    case OpCode.neg:
      return -a;
    case OpCode.square:
      return a * a;
    case OpCode.sqrt:
      return Math.sqrt(a);
    case OpCode.exp:
      return Math.exp(a);
    case OpCode.log:
      return Math.log(a);
    case OpCode.abs:
      return Math.abs(a);
    case OpCode.sin:
      return Math.sin(a);
    case OpCode.cos:
      return Math.cos(a);
    case OpCode.tanh:
      return Math.tanh(a);
    case OpCode.sigmoid:
      return 1 / (1 + Math.exp(-a));
    case OpCode.relu:
      return a > 0 ? a : 0;
    default:
      throw new Error(`bench: op code ${code} has no forward`);
  }
};

/**
 * ∂out/∂a (or ∂out/∂x for unary ops), given the inputs and the op's output.
 */
export const derivativeA = (code: number, a: number, b: number, out: number): number => {
  switch (code) {
    case OpCode.add:
    case OpCode.sub:
      return 1;
    case OpCode.mul:
      return b;
    case OpCode.div:
      return 1 / b;
    case OpCode.pow:
      return b * Math.pow(a, b - 1);
    case OpCode.max:
      return a >= b ? 1 : 0;
    case OpCode.min:
      return a <= b ? 1 : 0;
    case OpCode.neg:
      return -1;
    case OpCode.square:
      return 2 * a;
    case OpCode.sqrt:
      return 0.5 / out;
    case OpCode.exp:
      return out;
    case OpCode.log:
      return 1 / a;
    case OpCode.abs:
      return a > 0 ? 1 : a < 0 ? -1 : 0;
    case OpCode.sin:
      return Math.cos(a);
    case OpCode.cos:
      return -Math.sin(a);
    case OpCode.tanh:
      return 1 - out * out;
    case OpCode.sigmoid:
      return out * (1 - out);
    case OpCode.relu:
      return a > 0 ? 1 : 0;
    default:
      throw new Error(`bench: op code ${code} has no derivative`);
  }
};

/** ∂out/∂b of a binary op, given the inputs and the op's output. */
export const derivativeB = (code: number, a: number, b: number, out: number): number => {
  switch (code) {
    case OpCode.add:
      return 1;
    case OpCode.sub:
      return -1;
    case OpCode.mul:
      return a;
    case OpCode.div:
      return -out / b;
    case OpCode.pow:
      return a > 0 ? out * Math.log(a) : 0;
    case OpCode.max:
      return a >= b ? 0 : 1;
    case OpCode.min:
      return a <= b ? 0 : 1;
    default:
      throw new Error(`bench: op code ${code} has no port b`);
  }
};
