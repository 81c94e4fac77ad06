import { parseNumberInput } from '../format/formatNumber';

/** A training setting as typed: its number, or why it cannot be used. */
export type SettingCheck =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** The largest learning rate accepted: beyond it a step jumps far past any minimum. */
export const MAX_LEARNING_RATE = 10;
/** The most steps one Run takes (a run of a million would freeze nothing, but teaches nothing). */
export const MAX_STEPS = 100_000;

/**
 * Checks a typed learning rate: a number greater than 0 and at most {@link MAX_LEARNING_RATE}.
 * @example checkLearningRate('0.05') // { ok: true, value: 0.05 }
 * @example checkLearningRate('fast') // { ok: false, message: 'Learning rate must be a number, e.g. 0.02' }
 */
export const checkLearningRate = (text: string): SettingCheck => {
  const value = parseNumberInput(text);
  if (value === null) return { ok: false, message: 'Learning rate must be a number, e.g. 0.02' };
  if (value <= 0) return { ok: false, message: 'Learning rate must be greater than 0' };
  if (value > MAX_LEARNING_RATE)
    return { ok: false, message: `Learning rate must be at most ${MAX_LEARNING_RATE}` };
  return { ok: true, value };
};

/**
 * Checks a typed step count: a whole number from 1 to {@link MAX_STEPS}.
 * @example checkSteps('2.5') // { ok: false, message: 'Steps must be a whole number, e.g. 500' }
 */
export const checkSteps = (text: string): SettingCheck => {
  const value = parseNumberInput(text);
  if (value === null || !Number.isInteger(value))
    return { ok: false, message: 'Steps must be a whole number, e.g. 500' };
  if (value < 1) return { ok: false, message: 'Steps must be at least 1' };
  if (value > MAX_STEPS)
    return { ok: false, message: `Steps must be at most ${MAX_STEPS.toLocaleString('en')}` };
  return { ok: true, value };
};
