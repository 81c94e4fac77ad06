import { describe, expect, it } from 'vitest';
import { derivative, edgeFactorText, gradientSumText, substituteFormula } from './chainRule';

describe('substituteFormula', () => {
  it('replaces ports by what feeds them, whole words only, in one pass', () => {
    expect(substituteFormula('a · b', ['a', 'b'], { a: 'b', b: 'c' })).toBe('b · c');
    expect(substituteFormula('max(a, b)', ['a', 'b'], { a: 'x', b: 'y' })).toBe('max(x, y)');
    expect(substituteFormula('tanh(x)', ['x'], { x: 'v' })).toBe('tanh(v)');
    expect(substituteFormula('a^b', ['a', 'b'], { a: 'base' })).toBe('base^b');
  });

  it('replaces a port followed by a superscript (x² is x squared), but not one inside a name', () => {
    expect(substituteFormula('x²', ['x'], { x: '3' })).toBe('3²');
    expect(substituteFormula('x2 + x', ['x'], { x: 'u' })).toBe('x2 + u');
  });
});

describe('edgeFactorText', () => {
  const names = { output: 'J', source: 'a', target: 'v' };
  it("writes the seed's chain-rule factor with numbers", () => {
    expect(edgeFactorText(names, { kind: 'ok', local: 1, upstream: 3, contribution: 3 })).toBe(
      'dJ/dv · ∂v/∂a = 3 · 1 = 3',
    );
  });
  it('shows only the local derivative when there is no output', () => {
    expect(edgeFactorText(names, { kind: 'none', local: 1 })).toBe(
      '∂v/∂a = 1 (choose an output J for dJ)',
    );
  });
  it('says why when it is unavailable', () => {
    expect(
      edgeFactorText(names, { kind: 'unavailable', local: null, message: 'J is blocked' }),
    ).toBe('dJ/dv · ∂v/∂a: J is blocked');
  });
  it('keeps long names readable', () => {
    expect(derivative('loss', 'weight', true)).toBe('∂(loss)/∂(weight)');
  });
});

describe('gradientSumText', () => {
  it('writes fan-out as a sum of terms with numbers', () => {
    expect(
      gradientSumText(
        'J',
        'x',
        [
          { target: 'p', gradient: { kind: 'ok', local: 1, upstream: 2, contribution: 2 } },
          { target: 'q', gradient: { kind: 'ok', local: 4, upstream: 3, contribution: 12 } },
        ],
        14,
      ),
    ).toBe('dJ/dx = dJ/dp · ∂p/∂x + dJ/dq · ∂q/∂x = 2 · 1 + 3 · 4 = 14');
  });
  it('says when a node does not reach the output', () => {
    expect(gradientSumText('J', 'w', [], 0)).toBe('dJ/dw = 0 (w does not reach J)');
  });
  it('has no sum when a term is unavailable', () => {
    expect(
      gradientSumText(
        'J',
        'x',
        [{ target: 'p', gradient: { kind: 'unavailable', local: null, message: 'no' } }],
        0,
      ),
    ).toBeNull();
  });
});
