import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useNow } from '../lib/use-now';
import { ConversationRow } from './conversation-row';
import type { ListItem } from './conversation-list-reducer';

type Props = {
  label: string;
  items: ListItem[];
  selectedId: string | null;
  loading: boolean;
  complete: boolean;
  error: string | null;
  /** The search, highlighted in the rows. */
  query: string | null;
  /** What an empty list says instead of the default. */
  emptyText: string | null;
  onSelect(id: string): void;
  onLoadMore(): void;
  onRetry(): void;
};

const ROW_HEIGHT = 78;

/**
 * The virtualized conversation list (a listbox): only rows on screen are rendered, the next page
 * loads as the end comes into view, and arrow keys move the selection.
 *
 * @example
 * <ConversationList label="Mine" items={snapshot.items} … />
 */
export function ConversationList({ label, items, selectedId, loading, complete, error, query, emptyText, onSelect, onLoadMore, onRetry }: Props) {
  const parentRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, getItemKey: (i) => items[i]!.id });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1;

  useEffect(() => {
    if (!complete && !loading && !error && lastIndex >= items.length - 15) onLoadMore();
  }, [lastIndex, items.length, complete, loading, error, onLoadMore]);

  const selectedIndex = selectedId ? items.findIndex((c) => c.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) {
      if (e.key === 'Home' && items[0]) onSelect(items[0].id);
      else if (e.key === 'End' && items.length) onSelect(items[items.length - 1]!.id);
      else return;
      e.preventDefault();
      return;
    }
    e.preventDefault();
    const next = items[Math.min(items.length - 1, Math.max(0, selectedIndex + delta))];
    if (next) onSelect(next.id);
  }

  return (
    <div className="list">
      <div
        ref={parentRef}
        className="list__scroll"
        role="listbox"
        aria-label={`${label} conversations`}
        aria-activedescendant={selectedIndex >= 0 ? `conv-${selectedId}` : undefined}
        aria-busy={loading}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const c = items[v.index]!;
            return (
              <div key={v.key} className="list__item" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                <ConversationRow conversation={c} selected={c.id === selectedId} now={now} query={query} index={v.index} total={complete ? items.length : -1} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
        {items.length === 0 && !loading && !error && (
          <div className="list__empty">
            {emptyText ? (
              <p>{emptyText}</p>
            ) : (
              <>
                <p>No conversations here.</p>
                <p className="muted">New ones appear as soon as customers write.</p>
              </>
            )}
          </div>
        )}
      </div>
      {loading && <div className="list__loading" role="status">Loading conversations…</div>}
      {error && (
        <div className="list__error" role="alert">
          <span>{error}</span>
          <button className="btn btn--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}
