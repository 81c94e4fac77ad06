/**
 * Baseline C, a glitch-free reactive library: `@preact/signals-core`. Every source is a
 * `signal`, every op a `computed`. Two variants:
 * - `pull`: forward only; an edit then reads J (lazy, only J's cone is recomputed);
 * - `push`: gradients too, as one more `computed` per node (dJ/dn = Σ over children of
 *   dJ/dchild · ∂child/∂n), and an `effect` per node on its value and on its gradient, the
 *   equivalent of a subscriber on every node.
 */
import { batch, computed, effect, signal } from '@preact/signals-core';
import type { ReadonlySignal, Signal } from '@preact/signals-core';
import type { CompiledGraph } from '../compiled';
import { derivativeA, derivativeB, forwardOf, isBinaryCode, isSourceCode } from '../opMath';
import type { ReactiveBaseline } from './types';

/** Which variant of baseline C to build. */
export type SignalsVariant = 'pull' | 'push';

/**
 * Builds baseline C over a compiled graph. Effects (push variant) are created parents-first for
 * values and children-first for gradients, so each first run finds its inputs already computed.
 */
export const createSignalsBaseline = (
  graph: CompiledGraph,
  variant: SignalsVariant,
): ReactiveBaseline => {
  const { size, order, op, argA, argB, childStart, childIndex, childPort, output } = graph;
  const sources = new Map<number, Signal<number>>();
  const values: ReadonlySignal<number>[] = new Array<ReadonlySignal<number>>(size);
  const grads: ReadonlySignal<number>[] = new Array<ReadonlySignal<number>>(size);
  const lastValue = new Float64Array(size);
  const lastGrad = new Float64Array(size);
  let ops = 0;
  let emissions = 0;
  let failure: string | undefined;

  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const code = op[i]!;
    if (isSourceCode(code)) {
      const s = signal(graph.sourceValue[i]!);
      sources.set(i, s);
      values[i] = s;
    } else if (isBinaryCode(code)) {
      const a = values[argA[i]!]!;
      const b = values[argB[i]!]!;
      values[i] = computed(() => {
        ops++;
        return forwardOf(code, a.value, b.value);
      });
    } else {
      const a = values[argA[i]!]!;
      values[i] = computed(() => {
        ops++;
        return forwardOf(code, a.value, 0);
      });
    }
  }

  const disposers: (() => void)[] = [];
  if (variant === 'push') {
    for (let k = size - 1; k >= 0; k--) {
      const i = order[k]!;
      if (i === output) {
        grads[i] = signal(1);
        continue;
      }
      const first = childStart[i]!;
      const last = childStart[i + 1]!;
      grads[i] = computed(() => {
        ops++;
        let sum = 0;
        for (let e = first; e < last; e++) {
          const c = childIndex[e]!;
          const g = grads[c]!.value;
          const code = op[c]!;
          const a = values[argA[c]!]!.value;
          const b = isBinaryCode(code) ? values[argB[c]!]!.value : 0;
          const out = values[c]!.value;
          sum +=
            g * (childPort[e] === 0 ? derivativeA(code, a, b, out) : derivativeB(code, a, b, out));
        }
        return sum;
      });
    }
    for (let k = 0; k < size; k++) {
      const i = order[k]!;
      const v = values[i]!;
      disposers.push(
        effect(() => {
          emissions++;
          lastValue[i] = v.value;
        }),
      );
    }
    for (let k = size - 1; k >= 0; k--) {
      const i = order[k]!;
      const g = grads[i]!;
      disposers.push(
        effect(() => {
          emissions++;
          lastGrad[i] = g.value;
        }),
      );
    }
  } else {
    // Pull once parents-first so later reads of J only ever refresh a shallow frontier.
    for (let k = 0; k < size; k++) lastValue[order[k]!] = values[order[k]!]!.value;
  }

  const guard = (run: () => void): void => {
    if (failure !== undefined) return;
    try {
      run();
      if (variant === 'pull' && output >= 0) lastValue[output] = values[output]!.value;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  };
  const sourceOf = (index: number): Signal<number> => {
    const s = sources.get(index);
    if (s === undefined) throw new Error(`bench: node ${index} is not a source`);
    return s;
  };

  return {
    setSource: (index, value) =>
      guard(() => {
        sourceOf(index).value = value;
      }),
    setSources: (edits) =>
      guard(() =>
        batch(() => {
          for (const [index, value] of edits) sourceOf(index).value = value;
        }),
      ),
    value: (i) => (variant === 'pull' ? values[i]!.peek() : lastValue[i]!),
    grad: (i) => (variant === 'push' ? lastGrad[i] : undefined),
    get counters() {
      return { ops, emissions };
    },
    get failure() {
      return failure;
    },
    dispose: () => {
      for (const d of disposers) d();
    },
  };
};
