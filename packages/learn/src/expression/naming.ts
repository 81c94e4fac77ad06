/**
 * Names for nodes nobody named, shared by the expression box and the palette: intermediate
 * results are called u, v, w, … as a textbook writes them (u = b·c, v = a + u), never `mul1`.
 */

const INTERMEDIATE_LETTERS = ['u', 'v', 'w', 'p', 'q', 'r', 's', 't', 'h', 'g'];

/**
 * A source of fresh intermediate names: u, v, w, p, q, r, s, t, h, g, then u2, v2, …, each not in
 * `taken` (which it extends). It remembers where it stopped, so naming n nodes costs O(n).
 * @example const next = intermediateNames(new Set(['u'])); next(); next() // 'v', then 'w'
 * @public
 */
export const intermediateNames = (taken: Set<string>): (() => string) => {
  let at = 0;
  return () => {
    for (; ; at++) {
      const round = Math.floor(at / INTERMEDIATE_LETTERS.length) + 1;
      const letter = INTERMEDIATE_LETTERS[at % INTERMEDIATE_LETTERS.length]!;
      const name = round === 1 ? letter : `${letter}${round}`;
      if (!taken.has(name)) {
        taken.add(name);
        at++;
        return name;
      }
    }
  };
};

/**
 * The first intermediate name not in `taken`.
 * @example intermediateName(new Set(['u'])) // 'v'
 * @public
 */
export const intermediateName = (taken: ReadonlySet<string>): string =>
  intermediateNames(new Set(taken))();

/**
 * Whether `x ^ exponent` is a square written with a literal 2 (`(a + b)^2`): the expression box
 * builds it as one `square` node instead of `pow` fed by a constant 2, which would show a
 * gradient dJ/d2 that means nothing to a student.
 */
export const isLiteralSquare = (exponent: {
  readonly op: string;
  readonly value?: number;
}): boolean => exponent.op === 'const' && exponent.value === 2;
