import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useSignedIn } from '../auth/session-context';
import { createOutbox, type Outbox } from '../composer/outbox';
import { createListStore, type ListSnapshot, type ListStore } from '../inbox/conversation-list-store';
import { createSummaryCache, type SummaryCache } from '../inbox/conversation-summaries';
import { useRealtime } from '../realtime/realtime-context';

type InboxContextValue = { summaries: SummaryCache; mine: ListStore; outbox: Outbox };
const InboxContext = createContext<InboxContextValue | null>(null);

/** How many of my open conversations the badge follows at most. */
const MINE_LIMIT = 2000;

/**
 * Shared, app-wide live data: the row summaries cache, and my open conversations (for the title
 * badge and for knowing which new messages are mine to notify about).
 *
 * @example
 * <InboxDataProvider><Shell /></InboxDataProvider>
 */
export function InboxDataProvider({ children }: { children: ReactNode }) {
  const { api, agent } = useSignedIn();
  const { client, onReset } = useRealtime();
  const value = useMemo(
    () => ({
      summaries: createSummaryCache(api, client),
      outbox: createOutbox({ api, storage: sessionStorage }),
      mine: createListStore({ api, realtime: client, onReset, filter: { view: 'mine', status: 'open' }, meId: agent.id, pageSize: 200, eagerUpTo: MINE_LIMIT }),
    }),
    [api, client, onReset, agent.id],
  );
  useEffect(() => {
    value.mine.start();
    value.summaries.start();
    value.outbox.resume();
    const onOnline = () => value.outbox.resume();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      value.mine.stop();
      value.summaries.stop();
    };
  }, [value]);
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

/**
 * The shared inbox data.
 *
 * @example
 * const { summaries } = useInboxData();
 */
export function useInboxData(): InboxContextValue {
  const value = useContext(InboxContext);
  if (!value) throw new Error('useInboxData must be used inside <InboxDataProvider>');
  return value;
}

/**
 * My open conversations, live.
 *
 * @example
 * const mine = useMine(); const waiting = mine.items.filter((c) => c.waitingSince).length;
 */
export function useMine(): ListSnapshot {
  const { mine } = useInboxData();
  return useSyncExternalStore(mine.subscribe, mine.getSnapshot, mine.getSnapshot);
}
