import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ConversationPane } from '../conversation/conversation-pane';
import { useShortcut } from '../shortcuts/shortcuts';
import { InboxIcon } from '../ui/icons';
import { ConversationList } from './conversation-list';
import { FiltersBar } from './filters-bar';
import { filterFromUrl, filterKey, filterToSearch, type InboxView, type ListFilter } from './list-filter';
import { SearchBox } from './search-box';
import { useConversationList } from './use-conversation-list';

const VIEW_LABEL: Record<InboxView, string> = { mine: 'Mine', unassigned: 'Unassigned', all: 'All' };

/**
 * The inbox: the list of a view beside the open conversation (phone: one or the other).
 * The view is in the path (`/mine`), the filters, search and sort in the query
 * (`?status=pending&q=refund&label=vip&sort=waiting`), the open conversation after the view
 * (`/mine/01J…?…`), so every state has a URL that survives a reload and can be shared.
 *
 * @example
 * <Route path="/:view/:id?"><InboxPage view="mine" conversationId={id} /></Route>
 */
export function InboxPage({ view, conversationId }: { view: InboxView; conversationId: string | null }) {
  const [, navigate] = useLocation();
  const search = useSearch();
  const filter = useMemo(() => filterFromUrl(view, search), [view, search]);
  const query = filterToSearch(filter);
  const { snapshot, store } = useConversationList(filter);
  const open = useCallback((id: string) => navigate(`/${view}/${id}${query}`), [navigate, view, query]);
  const setFilter = useCallback(
    (next: ListFilter, options: { replace?: boolean } = {}) => navigate(`/${view}${conversationId ? `/${conversationId}` : ''}${filterToSearch(next)}`, options),
    [navigate, view, conversationId],
  );
  const step = (delta: number) => {
    const items = snapshot.items;
    if (items.length === 0) return;
    const index = conversationId ? items.findIndex((c) => c.id === conversationId) : -1;
    const next = items[index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + delta))];
    if (next) open(next.id);
  };
  useShortcut('j', () => step(1));
  useShortcut('k', () => step(-1));
  useShortcut('Escape', () => navigate(`/${view}${query}`), { enabled: !!conversationId });

  const searching = !!filter.q;
  return (
    <div className={`inbox${conversationId ? ' inbox--open' : ''}`}>
      <section className="inbox__list" aria-label={`${VIEW_LABEL[view]} conversations`}>
        <header className="inbox__head">
          <h1>{VIEW_LABEL[view]}</h1>
          <SearchBox value={filter.q ?? ''} onSearch={(q) => setFilter({ ...filter, q: q || undefined }, { replace: true })} />
          <FiltersBar filter={filter} count={snapshot.items.length} complete={snapshot.complete} onChange={(next) => setFilter(next)} />
        </header>
        <ConversationList
          key={filterKey(filter)}
          label={searching ? `Search results in ${VIEW_LABEL[view]}` : VIEW_LABEL[view]}
          items={snapshot.items}
          selectedId={conversationId}
          loading={snapshot.loading}
          complete={snapshot.complete}
          error={snapshot.error}
          query={filter.q ?? null}
          emptyText={searching ? `No conversations match “${filter.q}”.` : null}
          onSelect={open}
          onLoadMore={store.loadMore}
          onRetry={store.reload}
        />
      </section>
      {conversationId ? (
        <ConversationPane key={conversationId} conversationId={conversationId} basePath={`/${view}`} query={query} onBack={() => navigate(`/${view}${query}`)} />
      ) : (
        <section className="pane pane--empty inbox__placeholder" aria-label="No conversation open">
          <InboxIcon size={40} />
          <p>
            Pick a conversation, or press <kbd>j</kbd> to open the first one.
          </p>
          <p className="muted small">
            Press <kbd>/</kbd> to search, <kbd>?</kbd> for every shortcut.
          </p>
        </section>
      )}
    </div>
  );
}
