import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOpRegistry, type OpDefinition } from '@chainrule/graph-runtime';
import { opCategories, standardRegistry } from '@chainrule/nodes';
import { dualReferences, opsWithoutReference, referenceDerivative } from './__tests__/dual';
import { assertProperty, awayFromZero, finiteIn, relativeError } from './__tests__/property';

/**
 * Where each function op is smooth: the sampled points keep well clear of kinks (relu, abs,
 * max, min) and domain edges (log, sqrt, div, pow), so a finite difference is a fair oracle.
 * Kinks and edges have their own tests in each family's test file.
 */
const smoothRegions: Readonly<Record<string, fc.Arbitrary<number[]>>> = {
  add: fc.tuple(finiteIn(-100, 100), finiteIn(-100, 100)),
  sub: fc.tuple(finiteIn(-100, 100), finiteIn(-100, 100)),
  mul: fc.tuple(finiteIn(-100, 100), finiteIn(-100, 100)),
  div: fc.tuple(finiteIn(-10, 10), awayFromZero(0.1, 10)),
  neg: fc.tuple(finiteIn(-100, 100)),
  abs: fc.tuple(awayFromZero(0.01, 100)),
  pow: fc.tuple(finiteIn(0.1, 10), finiteIn(-3, 3)),
  square: fc.tuple(finiteIn(-100, 100)),
  sqrt: fc.tuple(finiteIn(0.01, 100)),
  exp: fc.tuple(finiteIn(-20, 20)),
  log: fc.tuple(finiteIn(0.01, 100)),
  sin: fc.tuple(finiteIn(-10, 10)),
  cos: fc.tuple(finiteIn(-10, 10)),
  tanh: fc.tuple(finiteIn(-20, 20)),
  sigmoid: fc.tuple(finiteIn(-20, 20)),
  relu: fc.tuple(awayFromZero(0.01, 100)),
  max: fc
    .tuple(finiteIn(-100, 100), finiteIn(-100, 100))
    .filter(([a, b]) => Math.abs(a - b) >= 0.01),
  min: fc
    .tuple(finiteIn(-100, 100), finiteIn(-100, 100))
    .filter(([a, b]) => Math.abs(a - b) >= 0.01),
};

const functionOps = standardRegistry.list().filter((op) => op.kind === 'function');

/** Central difference of the forward along one input, with a step scaled to that input. */
const centralDifference = (op: OpDefinition, inputs: readonly number[], port: number): number => {
  const x = inputs[port] ?? 0;
  const h = 1e-6 * Math.max(1, Math.abs(x));
  const shifted = (delta: number) =>
    op.forward(...inputs.map((v, i) => (i === port ? x + delta : v)));
  // Divide by the step actually taken: x + h is rounded, so (x + h) − (x − h) need not be 2h.
  return (shifted(h) - shifted(-h)) / (x + h - (x - h));
};

describe('every op in the standard registry', () => {
  it('has a dual-number reference and a smooth sampling region (a new op cannot skip gradcheck)', () => {
    expect(opsWithoutReference(standardRegistry.list())).toEqual([]);
    expect(
      functionOps.filter((op) => !Object.hasOwn(smoothRegions, op.id)).map((op) => op.id),
    ).toEqual([]);
    // And the reference table has no stale entries for ops that no longer exist.
    expect(Object.keys(dualReferences).sort()).toEqual(functionOps.map((op) => op.id).sort());
  });

  it('the coverage check really flags an op with no reference', () => {
    const [someOp] = functionOps;
    if (!someOp) throw new Error('registry has no function ops');
    const withNewOp = createOpRegistry([...functionOps, { ...someOp, id: 'softplus' }]);
    expect(opsWithoutReference(withNewOp.list())).toEqual(['softplus']);
  });

  it.each(functionOps.map((op) => [op.id, op] as const))(
    '%s: local derivatives agree with central finite differences and with forward-mode duals',
    (id, op) => {
      const region = smoothRegions[id];
      if (!region) throw new Error(`no smooth region for ${id}`);
      assertProperty(
        fc.property(region, (inputs) => {
          expect(op.domain?.(...inputs) ?? null).toBeNull();
          const out = op.forward(...inputs);
          op.inputs.forEach((port, p) => {
            const derivative = op.derivatives[p];
            if (!derivative) throw new Error(`${id} has no derivative for port ${port}`);
            const analytic = derivative.fn(...inputs, out);
            const numeric = centralDifference(op, inputs, p);
            const reference = referenceDerivative(id, inputs, p);
            const where = `${id} ∂/∂${port} at (${inputs.join(', ')})`;
            expect(
              relativeError(analytic, numeric),
              `${where}: ${analytic} vs FD ${numeric}`,
            ).toBeLessThan(1e-6);
            expect(
              relativeError(analytic, reference.derivative),
              `${where}: ${analytic} vs dual ${reference.derivative}`,
            ).toBeLessThan(1e-9);
            expect(
              relativeError(out, reference.value),
              `${id} forward at (${inputs.join(', ')})`,
            ).toBeLessThan(1e-9);
            expect(derivative.undefinedAt?.(...inputs, out) ?? null).toBeNull();
          });
        }),
      );
    },
  );

  it('never returns NaN for finite inputs unless its domain check explains why', () => {
    const anyFinite = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(0, -0, 0.5, -0.5, Number.MIN_VALUE, Number.MAX_VALUE),
    );
    for (const op of functionOps) {
      assertProperty(
        fc.property(
          fc.array(anyFinite, { minLength: op.inputs.length, maxLength: op.inputs.length }),
          (inputs) => {
            const problem = op.domain?.(...inputs) ?? null;
            if (problem !== null) {
              expect(problem, `${op.id} domain message`).not.toMatch(/NaN|undefined/);
              return;
            }
            const out = op.forward(...inputs);
            expect(Number.isNaN(out), `${op.id}(${inputs.join(', ')}) = NaN`).toBe(false);
            // Overflow (±Infinity) is the engine's to report; it never reaches the derivatives.
            if (!Number.isFinite(out)) return;
            op.derivatives.forEach((derivative, p) => {
              if (derivative.undefinedAt?.(...inputs, out)) return;
              const slope = derivative.fn(...inputs, out);
              expect(
                Number.isNaN(slope),
                `${op.id} ∂/∂${op.inputs[p]} at (${inputs.join(', ')}) = NaN`,
              ).toBe(false);
            });
          },
        ),
        500,
      );
    }
  }, 60_000);

  it('has the metadata the palette, node headers and inspector show', () => {
    const categoryIds = opCategories.map((c) => c.id as string);
    for (const op of standardRegistry.list()) {
      expect(op.label.trim(), `${op.id} label`).not.toBe('');
      expect(op.symbol.trim(), `${op.id} symbol`).not.toBe('');
      expect(op.formula.trim(), `${op.id} formula`).not.toBe('');
      expect(op.description.trim(), `${op.id} description`).not.toBe('');
      expect(categoryIds, `${op.id} category`).toContain(op.category);
      if (op.kind === 'function') {
        expect(op.params, `${op.id} params`).toEqual([]);
        expect(op.derivatives).toHaveLength(op.inputs.length);
        op.derivatives.forEach((derivative, p) => {
          // Each formula names the port it differentiates by: ∂(…)/∂a for port a.
          expect(derivative.formula, `${op.id} derivative ${p}`).toMatch(
            new RegExp(`^∂.*/∂${op.inputs[p] ?? '?'} = \\S`),
          );
        });
      } else if (op.kind === 'reduce') {
        // One port x, reduced over the samples; the slope formula names a sample xᵢ.
        expect(op.inputs).toEqual(['x']);
        expect(op.params).toEqual([]);
        expect(['sum', 'mean']).toContain(op.reduce);
        expect(op.derivatives.map((d) => d.formula)).toEqual([
          expect.stringMatching(/^∂.*\/∂xᵢ = \S/),
        ]);
      } else if (op.varying) {
        // A data column: its samples come from runtime.feed, nothing to set by hand.
        expect(op.inputs).toEqual([]);
        expect(op.params).toEqual([]);
        expect(op.trainable).toBeFalsy();
      } else {
        expect(op.inputs).toEqual([]);
        expect(op.derivatives).toEqual([]);
        // Every source has a value; a trainable one can also be marked fixed.
        expect(op.params.map((p) => p.name)).toEqual(op.trainable ? ['value', 'fixed'] : ['value']);
      }
    }
  });

  it('uses the agreed ids, ports and unique labels', () => {
    const ports = Object.fromEntries(
      standardRegistry.list().map((op) => [op.id, op.inputs.join(',')]),
    );
    expect(ports).toEqual({
      input: '',
      const: '',
      add: 'a,b',
      sub: 'a,b',
      mul: 'a,b',
      div: 'a,b',
      pow: 'a,b',
      max: 'a,b',
      min: 'a,b',
      neg: 'x',
      abs: 'x',
      square: 'x',
      sqrt: 'x',
      exp: 'x',
      log: 'x',
      sin: 'x',
      cos: 'x',
      tanh: 'x',
      sigmoid: 'x',
      relu: 'x',
      data: '',
      mean: 'x',
      sum: 'x',
    });
    const labels = standardRegistry.list().map((op) => op.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(standardRegistry.get('input')?.trainable).toBe(true);
    expect(standardRegistry.get('const')?.trainable).toBeFalsy();
  });
});
