import { useCallback } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { ConversationStatus } from '../api/api-types';
import { ConversationPane } from '../conversation/conversation-pane';
import { useInboxData } from '../shell/inbox-context';
import { useShortcut } from '../shortcuts/shortcuts';
import { InboxIcon } from '../ui/icons';
import { ConversationList } from './conversation-list';
import type { InboxView } from './conversation-list-reducer';
import { FiltersBar } from './filters-bar';
import { useConversationList } from './use-conversation-list';

const VIEW_LABEL: Record<InboxView, string> = { mine: 'Mine', unassigned: 'Unassigned', all: 'All' };
const STATUSES = new Set(['open', 'pending', 'snoozed', 'resolved', 'any']);

/**
 * The inbox: the list of a view beside the open conversation (phone: one or the other).
 * The view is in the path (`/mine`), the status in the query (`?status=pending`), the open
 * conversation after the view (`/mine/01J…`), so every state has a URL.
 *
 * @example
 * <Route path="/:view/:id?"><InboxPage view="mine" conversationId={id} /></Route>
 */
export function InboxPage({ view, conversationId }: { view: InboxView; conversationId: string | null }) {
  const [, navigate] = useLocation();
  const search = useSearch();
  const statusParam = new URLSearchParams(search).get('status');
  const status: ConversationStatus | undefined = statusParam && STATUSES.has(statusParam) ? (statusParam === 'any' ? undefined : (statusParam as ConversationStatus)) : 'open';
  const query = status === 'open' ? '' : `?status=${status ?? 'any'}`;
  const { snapshot, store } = useConversationList(view, status);
  const { summaries } = useInboxData();

  const open = useCallback((id: string) => navigate(`/${view}/${id}${query}`), [navigate, view, query]);
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

  return (
    <div className={`inbox${conversationId ? ' inbox--open' : ''}`}>
      <section className="inbox__list" aria-label={`${VIEW_LABEL[view]} conversations`}>
        <header className="inbox__head">
          <h1>{VIEW_LABEL[view]}</h1>
          <FiltersBar status={status} count={snapshot.items.length} complete={snapshot.complete} onStatusChange={(s) => navigate(`/${view}${conversationId ? `/${conversationId}` : ''}${s === 'open' ? '' : `?status=${s ?? 'any'}`}`)} />
        </header>
        <ConversationList
          label={VIEW_LABEL[view]}
          items={snapshot.items}
          selectedId={conversationId}
          loading={snapshot.loading}
          complete={snapshot.complete}
          error={snapshot.error}
          summaries={summaries}
          onSelect={open}
          onLoadMore={store.loadMore}
          onRetry={store.reload}
        />
      </section>
      {conversationId ? (
        <ConversationPane key={conversationId} conversationId={conversationId} basePath={`/${view}`} onBack={() => navigate(`/${view}${query}`)} />
      ) : (
        <section className="pane pane--empty inbox__placeholder" aria-label="No conversation open">
          <InboxIcon size={40} />
          <p>Pick a conversation, or press <kbd>j</kbd> to open the first one.</p>
          <p className="muted small">
            Press <kbd>?</kbd> for every shortcut.
          </p>
        </section>
      )}
    </div>
  );
}
