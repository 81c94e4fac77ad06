/**
 * Baseline D, the autodiff people would pick in JavaScript: TensorFlow.js on its CPU backend,
 * `tf.valueAndGrads` over the same scalar graph (one `tf` op per node, in topological order).
 * It computes in float32 and has no incremental mode: every edit is a full forward + backward.
 * Gradients come back for the sources only (what `tf.grads` differentiates with respect to).
 */
import type { CompiledGraph } from '../compiled';
import { OpCode, isSourceCode } from '../opMath';

import type * as TfModule from '@tensorflow/tfjs';
import type { Scalar, Tensor } from '@tensorflow/tfjs';

type Tf = typeof TfModule;

let loaded: Promise<Tf> | undefined;

/**
 * Loads TensorFlow.js once, on the CPU backend, in production mode (which also silences its
 * "install tfjs-node" hint: the point is the pure-JS autodiff people would ship to a browser).
 */
export const loadTf = (): Promise<Tf> => {
  loaded ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  return loaded;
};

/** One full evaluation by baseline D. */
export interface TfResult {
  /** J, in float32. */
  readonly value: number;
  /** dJ/d(source), aligned with `graph.sources`. */
  readonly sourceGrads: Float32Array;
}

/** Baseline D bound to one graph. */
export interface TfEvaluator {
  /** Sets a source's value for the next {@link TfEvaluator.evaluate}. */
  setSource(index: number, value: number): void;
  /** Runs forward + backward from scratch and reads the results back. */
  evaluate(): TfResult;
  /** Op evaluations in the last forward (one per function node). */
  readonly opsPerEvaluation: number;
}

const apply = (tf: Tf, code: number, a: Tensor, b: Tensor): Tensor => {
  switch (code) {
    case OpCode.add:
      return tf.add(a, b);
    case OpCode.sub:
      return tf.sub(a, b);
    case OpCode.mul:
      return tf.mul(a, b);
    case OpCode.div:
      return tf.div(a, b);
    case OpCode.pow:
      return tf.pow(a, b);
    case OpCode.max:
      return tf.maximum(a, b);
    case OpCode.min:
      return tf.minimum(a, b);
    case OpCode.neg:
      return tf.neg(a);
    case OpCode.square:
      return tf.square(a);
    case OpCode.sqrt:
      return tf.sqrt(a);
    case OpCode.exp:
      return tf.exp(a);
    case OpCode.log:
      return tf.log(a);
    case OpCode.abs:
      return tf.abs(a);
    case OpCode.sin:
      return tf.sin(a);
    case OpCode.cos:
      return tf.cos(a);
    case OpCode.tanh:
      return tf.tanh(a);
    case OpCode.sigmoid:
      return tf.sigmoid(a);
    case OpCode.relu:
      return tf.relu(a);
    default:
      throw new Error(`bench: op code ${code} has no TensorFlow.js equivalent here`);
  }
};

/**
 * Builds baseline D for a graph with an output. Call {@link loadTf} first.
 * @example const d = createTfEvaluator(await loadTf(), compileGraph(spec)); d.evaluate().value;
 */
export const createTfEvaluator = (tf: Tf, graph: CompiledGraph): TfEvaluator => {
  const { size, order, op, argA, argB, output, sources } = graph;
  if (output < 0) throw new Error('bench: baseline D needs an output J');
  const slotOfSource = new Int32Array(size).fill(-1);
  sources.forEach((s, k) => (slotOfSource[s] = k));
  const sourceValues = Float64Array.from(sources, (s) => graph.sourceValue[s]!);
  let functionNodes = 0;
  for (let i = 0; i < size; i++) if (!isSourceCode(op[i]!)) functionNodes++;

  const forward = (...inputs: Tensor[]): Scalar => {
    const values: Tensor[] = new Array<Tensor>(size);
    for (let k = 0; k < size; k++) {
      const i = order[k]!;
      const code = op[i]!;
      if (isSourceCode(code)) {
        values[i] = inputs[slotOfSource[i]!]!;
      } else {
        const a = values[argA[i]!]!;
        const b = argB[i]! >= 0 ? values[argB[i]!]! : a;
        values[i] = apply(tf, code, a, b);
      }
    }
    return values[output] as Scalar;
  };
  const valueAndGrads = tf.valueAndGrads(forward);

  return {
    setSource: (index, value) => {
      const slot = slotOfSource[index]!;
      if (slot < 0) throw new Error(`bench: node ${index} is not a source`);
      sourceValues[slot] = value;
    },
    evaluate: () =>
      tf.tidy(() => {
        const inputs = Array.from(sourceValues, (v) => tf.scalar(v));
        const { value, grads } = valueAndGrads(inputs);
        // One read-back for all gradients: a dataSync per source would dominate the timing.
        const sourceGrads = Float32Array.from(tf.stack(grads).dataSync());
        return { value: value.dataSync()[0]!, sourceGrads };
      }),
    opsPerEvaluation: functionNodes,
  };
};
