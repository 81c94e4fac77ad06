import { describe, expect, it } from 'vitest';
import { shortMessage } from './shortMessage';

describe('shortMessage', () => {
  it('keeps a message that fits', () => {
    expect(shortMessage('log needs x > 0', 44)).toBe('log needs x > 0');
  });

  it('cuts a long message at a word boundary, never mid-word', () => {
    const message = 'log needs x > 0, got -1 from the input called temperature';
    for (let max = 5; max < message.length; max++) {
      const short = shortMessage(message, max);
      expect(short.endsWith('…')).toBe(true);
      const body = short.slice(0, -1);
      // Every word shown is a whole word of the message.
      const words = message.split(' ');
      for (const word of body.split(' '))
        expect(words.some((w) => w.startsWith(word) && (w === word || w === `${word},`))).toBe(
          true,
        );
    }
    expect(shortMessage(message, 24)).toBe('log needs x > 0, got -1…');
  });

  it('keeps one overlong word whole', () => {
    expect(shortMessage('Supercalifragilistic is long', 6)).toBe('Supercalifragilistic…');
  });
});
