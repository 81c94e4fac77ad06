import { standardRegistry } from '@chainrule/nodes';
import { describe, expect, it } from 'vitest';
import { searchOps } from './searchOps';

const ids = (query: string): string[] =>
  searchOps(standardRegistry.list(), query).map((op) => op.id);

describe('searchOps', () => {
  it('lists every op for an empty query', () => {
    expect(ids('  ')).toHaveLength(standardRegistry.list().length);
  });
  it('ranks exact and prefix matches first', () => {
    expect(ids('mul')[0]).toBe('mul');
    expect(ids('sig')[0]).toBe('sigmoid');
    expect(ids('in')[0]).toBe('input');
  });
  it('finds ops by symbol, name and category', () => {
    expect(ids('×')).toContain('mul');
    expect(ids('activation')).toEqual(expect.arrayContaining(['tanh', 'sigmoid', 'relu']));
  });
  it('finds nothing for nonsense', () => {
    expect(ids('zzzz')).toEqual([]);
  });
});
