import { createRandom, shuffledIndices } from './random';

/** Settings of {@link splitRows}: the share held out for testing and the shuffle's seed. @public */
export interface SplitOptions {
  /** 0 ≤ test < 1: the share of rows held out. */
  readonly test: number;
  readonly seed: number;
}

/** The two parts of a split; each keeps the rows' original order. @public */
export interface SplitRows<Row> {
  readonly train: Row[];
  readonly test: Row[];
}

/**
 * Splits rows into a training and a test part: round(test · n) rows, chosen by a seeded shuffle,
 * are held out, but at least one row stays for training. Deterministic per seed; both parts keep
 * the original order of their rows.
 * @example splitRows(rows, { test: 0.2, seed: 1 }) // { train: 80 % of rows, test: 20 % }
 * @public
 */
export const splitRows = <Row>(rows: readonly Row[], options: SplitOptions): SplitRows<Row> => {
  if (!(options.test >= 0 && options.test < 1)) {
    throw new RangeError(`The test share must be 0 ≤ test < 1, got ${options.test}`);
  }
  const held = Math.min(Math.round(options.test * rows.length), Math.max(0, rows.length - 1));
  const order = shuffledIndices(rows.length, createRandom(options.seed));
  const isTest = new Uint8Array(rows.length);
  for (let k = 0; k < held; k++) isTest[order[k]!] = 1;
  const train: Row[] = [];
  const test: Row[] = [];
  rows.forEach((row, index) => (isTest[index] ? test : train).push(row));
  return { train, test };
};
