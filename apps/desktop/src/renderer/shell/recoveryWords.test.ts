import { describe, expect, it } from 'vitest';
import { savedWhen } from './recoveryWords';

describe('savedWhen', () => {
  const now = new Date(2026, 11, 1, 14, 5, 9).getTime();
  it('says the clock time and how long ago', () => {
    expect(savedWhen(now - 5_000, now, 'en-GB')).toBe('at 14:05:04 (just now)');
    expect(savedWhen(now - 90_000, now, 'en-GB')).toBe('at 14:03:39 (2 minutes ago)');
    expect(savedWhen(now - 60_000, now, 'en-GB')).toBe('at 14:04:09 (1 minute ago)');
    expect(savedWhen(now - 3 * 3600_000, now, 'en-GB')).toBe('at 11:05:09 (3 hours ago)');
  });
  it('adds the date when it is not today', () => {
    expect(savedWhen(now - 3 * 86400_000, now, 'en-GB')).toBe(
      'at 14:05:09 on 28/11/2026 (3 days ago)',
    );
  });
});
