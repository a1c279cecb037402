import { useEffect, useRef, useState } from 'react';
import { useShortcut } from '../shortcuts/shortcuts';
import { SearchIcon, XIcon } from '../ui/icons';

/** How long typing pauses before the search runs (ms). */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The list's search box: searches message text, contact names and identities (phone, email) as
 * the agent types (debounced), `/` jumps here from anywhere, Escape clears (and, when already
 * empty, hands the keyboard back to the list).
 *
 * @example
 * <SearchBox value={filter.q ?? ''} onSearch={(q) => setFilter({ ...filter, q })} />
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);
  const sent = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // The URL changed by itself (back, a link): show what it searches.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    const q = text.trim();
    if (q === sent.current) return;
    const t = setTimeout(() => {
      sent.current = q;
      onSearchRef.current(q);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  useShortcut('/', () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  });

  function clear() {
    setText('');
    if (sent.current !== '') {
      sent.current = '';
      onSearchRef.current('');
    }
  }

  return (
    <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
      <SearchIcon size={14} className="search__icon" />
      <input
        ref={inputRef}
        type="search"
        className="search__input"
        aria-label="Search conversations"
        placeholder="Search messages, names, phones…"
        aria-keyshortcuts="/"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            if (text) clear();
            else e.currentTarget.blur();
          } else if (e.key === 'Enter') {
            // Search now instead of after the pause.
            const q = text.trim();
            if (q !== sent.current) {
              sent.current = q;
              onSearchRef.current(q);
            }
          }
        }}
      />
      {text && (
        <button type="button" className="icon-btn search__clear" aria-label="Clear search" onClick={clear}>
          <XIcon size={14} />
        </button>
      )}
      {!text && (
        <kbd className="search__hint" aria-hidden="true">
          /
        </kbd>
      )}
    </form>
  );
}
