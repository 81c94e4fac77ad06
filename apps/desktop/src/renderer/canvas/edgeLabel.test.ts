import { describe, expect, it } from 'vitest';
import { compactEdgeText, edgeLabelText } from './edgeLabel';

const names = { output: 'J', source: 'b', target: 'u' };

describe('edge labels', () => {
  it('are compact by default: the factor and what the edge carries', () => {
    expect(compactEdgeText({ kind: 'ok', local: 2, upstream: 3, contribution: 6 })).toBe('×2 → 6');
    expect(compactEdgeText({ kind: 'ok', local: -0.5, upstream: 4, contribution: -2 })).toBe(
      '×-0.5 → -2',
    );
  });

  it('say the short state on an incomplete graph, never the long message', () => {
    expect(compactEdgeText({ kind: 'none', local: 2 })).toBe('×2 · no J');
    expect(compactEdgeText({ kind: 'none', local: null })).toBe('no J');
    const long = 'log needs x > 0, got -1 — and this sentence goes on and on across the screen';
    expect(compactEdgeText({ kind: 'unavailable', local: null, message: long })).toBe(
      'no gradient',
    );
    expect(compactEdgeText({ kind: 'unavailable', local: -1, message: long })).toBe(
      '×-1 · no gradient',
    );
  });

  it('expand to the chain-rule sentence with numbers', () => {
    const gradient = { kind: 'ok', local: 2, upstream: 3, contribution: 6 } as const;
    expect(edgeLabelText(names, gradient, true)).toBe('dJ/du · ∂u/∂b = 3 · 2 = 6');
    expect(edgeLabelText(names, gradient, false)).toBe('×2 → 6');
  });
});
