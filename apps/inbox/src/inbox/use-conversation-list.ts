import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useSignedIn } from '../auth/session-context';
import { useRealtime } from '../realtime/realtime-context';
import type { InboxView } from './conversation-list-reducer';
import { createListStore, type ListSnapshot, type ListStore } from './conversation-list-store';
import type { ConversationStatus } from '../api/api-types';

/**
 * A live list for a view and status, recreated when either changes.
 *
 * @example
 * const { snapshot, store } = useConversationList('mine', 'open');
 */
export function useConversationList(view: InboxView, status: ConversationStatus | undefined): { snapshot: ListSnapshot; store: ListStore } {
  const { api, agent } = useSignedIn();
  const { client, onReset } = useRealtime();
  const store = useMemo(() => createListStore({ api, realtime: client, onReset, filter: { view, status }, meId: agent.id }), [api, client, onReset, view, status, agent.id]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { snapshot, store };
}
