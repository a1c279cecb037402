/** A piece of text, and whether it matched the search. */
export type TextPart = { text: string; match: boolean };

/**
 * Splits text into the parts that match any word of a search and the rest, case-insensitively,
 * for `<mark>`ing the query in previews. Words match anywhere (the server matches message words
 * by prefix and contact names anywhere, so this never misses what made a row a result).
 *
 * @example
 * highlightParts('Where is my refund?', 'refund'); // [{ text: 'Where is my ', match: false }, { text: 'refund', match: true }, { text: '?', match: false }]
 */
export function highlightParts(text: string, query: string | null | undefined): TextPart[] {
  const words = (query ?? '')
    .split(/\s+/)
    .map((w) => w.replace(/^["'*(]+|["'*)]+$/g, ''))
    .filter((w) => w.length > 0);
  if (!text || words.length === 0) return [{ text, match: false }];
  const unique = [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(${unique.map(escapeRegExp).join('|')})`, 'gi');
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts.length ? parts : [{ text, match: false }];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
