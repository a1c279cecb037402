import { describe, expect, it } from 'vitest';
import { containsPattern, toFtsQuery } from './search-query';

describe('search input', () => {
  it('quotes every term as a required prefix, so nothing is FTS syntax', () => {
    expect(toFtsQuery('order 42 late')).toBe('"order"* "42"* "late"*');
    expect(toFtsQuery('  spaced\tout\n')).toBe('"spaced"* "out"*');
    expect(toFtsQuery('say "hi" OR NEAR(x)')).toBe('"say"* """hi"""* "OR"* "NEAR(x)"*');
    expect(toFtsQuery('Zoë')).toBe('"Zoë"*');
  });

  it('drops terms without letters or digits and caps the number of terms', () => {
    expect(toFtsQuery('-- * "')).toBeNull();
    expect(toFtsQuery('a - b')).toBe('"a"* "b"*');
    expect(toFtsQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))?.split(' ')).toHaveLength(8);
  });

  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
