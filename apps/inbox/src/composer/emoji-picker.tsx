import { useMemo, useState } from 'react';
import { EMOJI_GROUPS } from './emoji-data';

/**
 * A grid of native emoji with search, loaded only when first opened (its own chunk).
 *
 * @example
 * <EmojiPicker onPick={(emoji) => insert(emoji)} />
 */
export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return EMOJI_GROUPS;
    return [{ name: 'Results', items: EMOJI_GROUPS.flatMap((g) => g.items).filter(([, words]) => words.includes(q)) }];
  }, [query]);
  return (
    <div className="emoji">
      <input className="emoji__search" type="search" placeholder="Search emoji" aria-label="Search emoji" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      <div className="emoji__groups">
        {groups.map((g) => (
          <section key={g.name} aria-label={g.name}>
            <h3 className="emoji__group">{g.name}</h3>
            <div className="emoji__grid">
              {g.items.map(([glyph, words]) => (
                <button key={glyph} type="button" className="emoji__btn" aria-label={words.split(' ').slice(0, 2).join(' ')} title={words.split(' ').slice(0, 2).join(' ')} onClick={() => onPick(glyph)}>
                  {glyph}
                </button>
              ))}
            </div>
          </section>
        ))}
        {groups[0]?.items.length === 0 && <p className="muted">No emoji match “{query}”.</p>}
      </div>
    </div>
  );
}
