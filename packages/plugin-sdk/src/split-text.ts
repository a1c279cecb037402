/** Options of {@link splitText}. */
export type SplitTextOptions = {
  /**
   * What the provider's limit counts: UTF-16 code units (`utf16`, as Telegram and Viber do) or
   * code points (`codePoints`, as Meta's APIs count characters). Default `utf16`.
   */
  count?: 'utf16' | 'codePoints';
};

/**
 * Splits a message's text into parts within a provider's length limit, for channels that send a
 * long reply as several messages. Cuts at the last line break in the second half of a part, else
 * at the last space there (that one break is dropped), else hard at the limit — never inside a
 * surrogate pair, so an emoji is never cut in half. The parts joined with their dropped breaks
 * give the text again; empty text gives no parts.
 *
 * @example
 * splitText('a'.repeat(5000), 4096).map((p) => p.length); // [4096, 904]
 * splitText(`${'word '.repeat(500)}`, 2000, { count: 'codePoints' })[0]?.endsWith('word'); // true
 */
export function splitText(text: string, limit: number, options: SplitTextOptions = {}): string[] {
  // Code points as an array, so indices count them; a string's indices count UTF-16 units.
  const units: string | readonly string[] = options.count === 'codePoints' ? Array.from(text) : text;
  const slice = (from: number, to?: number) => (typeof units === 'string' ? units.slice(from, to) : units.slice(from, to).join(''));
  const parts: string[] = [];
  let start = 0;
  while (units.length - start > limit) {
    const end = start + limit;
    let cut = units.lastIndexOf('\n', end);
    if (cut - start < limit / 2) cut = units.lastIndexOf(' ', end);
    if (cut - start < limit / 2) {
      cut = end;
      const code = text.charCodeAt(cut - 1);
      if (typeof units === 'string' && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    parts.push(slice(start, cut));
    start = cut;
    if (units[start] === '\n' || units[start] === ' ') start += 1;
  }
  if (start < units.length) parts.push(slice(start));
  return parts;
}
