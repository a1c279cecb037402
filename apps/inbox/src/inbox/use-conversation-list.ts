import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useSignedIn } from '../auth/session-context';
import { useRealtime } from '../realtime/realtime-context';
import { useInboxData } from '../shell/inbox-context';
import { createListStore, type ListSnapshot, type ListStore } from './conversation-list-store';
import { filterKey, type ListFilter } from './list-filter';

/**
 * A live list for a filter, recreated only when the filter really changes.
 *
 * @example
 * const { snapshot, store } = useConversationList({ view: 'mine', status: 'open', sort: 'activity' });
 */
export function useConversationList(filter: ListFilter): { snapshot: ListSnapshot; store: ListStore } {
  const { api, agent } = useSignedIn();
  const { client, onReset } = useRealtime();
  const { reads, assignees } = useInboxData();
  const key = filterKey(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const store = useMemo(
    () => createListStore({ api, realtime: client, onReset, filter: filterRef.current, meId: agent.id, reads, assignees }),
    // The key stands for the filter.
    [api, client, onReset, key, agent.id, reads, assignees],
  );
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { snapshot, store };
}
