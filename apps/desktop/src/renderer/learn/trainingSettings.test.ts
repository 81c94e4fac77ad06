import { describe, expect, it } from 'vitest';
import { checkLearningRate, checkSteps } from './trainingSettings';

describe('training settings', () => {
  it('accept numbers in range, as people type them', () => {
    expect(checkLearningRate('0.05')).toEqual({ ok: true, value: 0.05 });
    expect(checkLearningRate(' 1e-3 ')).toEqual({ ok: true, value: 0.001 });
    expect(checkLearningRate('0,5')).toEqual({ ok: true, value: 0.5 });
    expect(checkSteps('500')).toEqual({ ok: true, value: 500 });
  });

  it('refuse what is not a number, with a sentence', () => {
    for (const text of ['', 'fast', '0.1.2', 'NaN', 'Infinity']) {
      expect(checkLearningRate(text)).toEqual({
        ok: false,
        message: 'Learning rate must be a number, e.g. 0.02',
      });
    }
    expect(checkSteps('lots')).toMatchObject({ ok: false, message: /whole number/ });
    expect(checkSteps('2.5')).toMatchObject({ ok: false, message: /whole number/ });
  });

  it('refuse numbers out of range', () => {
    expect(checkLearningRate('0')).toMatchObject({ ok: false, message: /greater than 0/ });
    expect(checkLearningRate('-0.1')).toMatchObject({ ok: false, message: /greater than 0/ });
    expect(checkLearningRate('11')).toMatchObject({ ok: false, message: /at most 10/ });
    expect(checkSteps('0')).toMatchObject({ ok: false, message: /at least 1/ });
    expect(checkSteps('100001')).toMatchObject({ ok: false, message: /at most 100,000/ });
  });
});
