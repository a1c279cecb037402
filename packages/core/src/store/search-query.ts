/** The most terms of a search that reach the full-text index; the rest are ignored. */
const MAX_TERMS = 8;

/**
 * Turns what an agent typed into a safe FTS5 query: every term quoted (so `AND`, `NEAR`, `-`,
 * `:` or a stray `"` are just text, never query syntax) and matched as a prefix, all terms
 * required. Terms without a letter or digit are dropped; `null` when nothing is left to search.
 *
 * @example
 * toFtsQuery('order 42 late'); // '"order"* "42"* "late"*'
 * toFtsQuery('NEAR("x" OR'); // '"NEAR(""x"""* "OR"*'
 * toFtsQuery('--'); // null
 */
export function toFtsQuery(input: string): string | null {
  const terms = input
    .split(/\s+/)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS)
    .map((term) => `"${term.replace(/"/g, '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/**
 * A `LIKE` pattern matching the text anywhere, with `%`, `_` and `\` escaped (use `ESCAPE '\'`).
 *
 * @example
 * containsPattern('50%_off'); // '%50\\%\\_off%'
 */
export function containsPattern(input: string): string {
  return `%${input.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}
