import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks every word of the search, case-insensitively', () => {
    expect(highlightParts('Refund for order 7731, refund please', 'refund 7731')).toEqual([
      { text: 'Refund', match: true },
      { text: ' for order ', match: false },
      { text: '7731', match: true },
      { text: ', ', match: false },
      { text: 'refund', match: true },
      { text: ' please', match: false },
    ]);
  });

  it('treats the search as text, not a pattern, and leaves text without a search alone', () => {
    expect(highlightParts('cost (approx.) $5', '(approx.)')).toEqual([
      { text: 'cost (', match: false },
      { text: 'approx.', match: true },
      { text: ') $5', match: false },
    ]);
    expect(highlightParts('hello', '')).toEqual([{ text: 'hello', match: false }]);
    expect(highlightParts('hello', null)).toEqual([{ text: 'hello', match: false }]);
    expect(highlightParts('+1 555 0100', '555')).toEqual([
      { text: '+1 ', match: false },
      { text: '555', match: true },
      { text: ' 0100', match: false },
    ]);
  });
});
