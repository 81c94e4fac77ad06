/**
 * Baseline A, the physical limit: one forward loop over a precomputed topological order on
 * `Float64Array`s, then one reverse loop accumulating adjoints. No allocation per evaluation,
 * no per-node objects, op dispatch by a `switch` on a byte.
 */
import type { CompiledGraph } from '../compiled';
import { derivativeA, derivativeB, forwardOf, isBinaryCode, isSourceCode } from '../opMath';

/** A hand-written evaluator over a compiled graph. */
export interface LoopEvaluator {
  readonly graph: CompiledGraph;
  /** Forward value per node, by node index. */
  readonly values: Float64Array;
  /** dJ/d(node) per node, by node index (0 when a node does not reach J). */
  readonly grads: Float64Array;
  /** Sets a source's value; takes effect on the next {@link LoopEvaluator.evaluate}. */
  setSource(index: number, value: number): void;
  /** Full forward then full reverse sweep. */
  evaluate(): void;
  forward(): void;
  backward(): void;
}

/**
 * Creates baseline A over a compiled graph and runs one full evaluation.
 * @example const a = createLoopEvaluator(compileGraph(spec)); a.values[a.graph.output];
 */
export const createLoopEvaluator = (graph: CompiledGraph): LoopEvaluator => {
  const { order, op, argA, argB, size, output } = graph;
  const values = new Float64Array(size);
  const grads = new Float64Array(size);
  const sourceValue = graph.sourceValue.slice();

  const forward = (): void => {
    for (let k = 0; k < size; k++) {
      const i = order[k]!;
      const code = op[i]!;
      if (isSourceCode(code)) {
        values[i] = sourceValue[i]!;
        continue;
      }
      const a = values[argA[i]!]!;
      const b = isBinaryCode(code) ? values[argB[i]!]! : 0;
      values[i] = forwardOf(code, a, b);
    }
  };

  const backward = (): void => {
    grads.fill(0);
    if (output < 0) return;
    grads[output] = 1;
    for (let k = size - 1; k >= 0; k--) {
      const i = order[k]!;
      const g = grads[i]!;
      const code = op[i]!;
      if (g === 0 || isSourceCode(code)) continue;
      const ia = argA[i]!;
      const a = values[ia]!;
      const out = values[i]!;
      if (isBinaryCode(code)) {
        const ib = argB[i]!;
        const b = values[ib]!;
        grads[ia]! += g * derivativeA(code, a, b, out);
        grads[ib]! += g * derivativeB(code, a, b, out);
      } else {
        grads[ia]! += g * derivativeA(code, a, 0, out);
      }
    }
  };

  const evaluator: LoopEvaluator = {
    graph,
    values,
    grads,
    setSource: (index, value) => {
      sourceValue[index] = value;
    },
    evaluate: () => {
      forward();
      backward();
    },
    forward,
    backward,
  };
  evaluator.evaluate();
  return evaluator;
};

/** What a transaction should do, computed independently of the engine. */
export interface ReferenceCounts {
  /**
   * The dirty cone: the edited sources whose value changed, plus every function node with at
   * least one parent whose value changed (so a node whose value comes out unchanged stops the
   * cone there).
   */
  readonly evaluated: number;
  /** Nodes whose value changed (sources included). */
  readonly changedValues: number;
  /** Nodes whose gradient changed (by `Object.is`). */
  readonly changedGrads: number;
}

/**
 * Applies source edits to a loop evaluator and reports what an ideal incremental engine must do:
 * which nodes it has to recompute (dirty cone, pruned where a value comes out unchanged) and
 * which values and gradients change. Leaves the evaluator fully evaluated at the new values.
 */
export const referenceEdit = (
  evaluator: LoopEvaluator,
  edits: readonly (readonly [index: number, value: number])[],
): ReferenceCounts => {
  const { graph, values, grads } = evaluator;
  const { order, op, argA, argB, size } = graph;
  const oldGrads = grads.slice();
  const changed = new Uint8Array(size);
  let changedValues = 0;
  const finalValue = new Map<number, number>();
  for (const [index, value] of edits) finalValue.set(index, value);
  let evaluated = 0;
  for (const [index, value] of finalValue) {
    evaluator.setSource(index, value);
    if (!Object.is(values[index], value)) {
      evaluated++;
      values[index] = value;
      changed[index] = 1;
      changedValues++;
    }
  }
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const code = op[i]!;
    if (isSourceCode(code)) continue;
    const ia = argA[i]!;
    const ib = argB[i]!;
    if (changed[ia] === 0 && (ib < 0 || changed[ib] === 0)) continue;
    evaluated++;
    const next = forwardOf(code, values[ia]!, ib < 0 ? 0 : values[ib]!);
    if (!Object.is(next, values[i])) {
      values[i] = next;
      changed[i] = 1;
      changedValues++;
    }
  }
  evaluator.backward();
  let changedGrads = 0;
  for (let i = 0; i < size; i++) if (!Object.is(oldGrads[i], grads[i])) changedGrads++;
  return { evaluated, changedValues, changedGrads };
};
