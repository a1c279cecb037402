import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useSignedIn } from '../auth/session-context';
import { useRealtime } from '../realtime/realtime-context';
import { createConversationStore, type ConversationSnapshot, type ConversationStore } from './conversation-store';

/**
 * The open conversation, live; a new store per conversation id.
 *
 * @example
 * const { snapshot, store } = useConversation(id);
 */
export function useConversation(conversationId: string): { snapshot: ConversationSnapshot; store: ConversationStore } {
  const { api } = useSignedIn();
  const { client, onReset } = useRealtime();
  const store = useMemo(() => createConversationStore({ api, realtime: client, onReset, conversationId }), [api, client, onReset, conversationId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { snapshot, store };
}
