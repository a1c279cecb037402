import { describe, expect, it } from 'vitest';
import { splitText } from './split-text';

describe('splitText', () => {
  it('keeps text within the limit as it is, and gives no parts for empty text', () => {
    expect(splitText('hello', 5)).toEqual(['hello']);
    expect(splitText('', 7000)).toEqual([]);
  });

  it('cuts at the last line break, else the last space, in the second half of a part, and drops that one break', () => {
    expect(splitText('first line\nsecond line', 16)).toEqual(['first line', 'second line']);
    expect(splitText('one two three four', 10)).toEqual(['one two', 'three four']);
    // A break in the first half would leave a short part: cut hard instead.
    expect(splitText('a bcdefghijklmnop', 10)).toEqual(['a bcdefghi', 'jklmnop']);
    const text = `${'word '.repeat(600)}end`;
    const parts = splitText(text, 2000);
    expect(parts.join(' ')).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.every((part) => !part.startsWith(' ') && !part.endsWith(' '))).toBe(true);
  });

  it('never cuts a surrogate pair when counting UTF-16 units, and never exceeds the limit', () => {
    const text = `a${'😀'.repeat(3000)}`;
    const parts = splitText(text, 4096);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    // 4096 would end on the first half of an emoji.
    expect(parts[0]?.length).toBe(4095);
  });

  it('counts code points when the provider does', () => {
    const text = '😀'.repeat(2500);
    const parts = splitText(text, 2000, { count: 'codePoints' });
    expect(parts.map((part) => Array.from(part).length)).toEqual([2000, 500]);
    expect(parts.join('')).toBe(text);
    expect(splitText('y'.repeat(2500), 1000, { count: 'codePoints' }).map((part) => part.length)).toEqual([1000, 1000, 500]);
    // The space is in the first half: a hard cut after six code points, the emoji counted as one.
    expect(splitText('ab cd😀ef', 6, { count: 'codePoints' })).toEqual(['ab cd😀', 'ef']);
  });
});
