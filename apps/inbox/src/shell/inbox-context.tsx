import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useSignedIn } from '../auth/session-context';
import { createOutbox, type Outbox } from '../composer/outbox';
import { createTypingStore, type TypingStore } from '../conversation/typing-store';
import { createAssigneeIndex, type AssigneeIndex } from '../inbox/assignee-index';
import { countsAffectedBy, createCountsStore, type CountsSnapshot, type CountsStore } from '../inbox/counts-store';
import { createReadTracker, type ReadTracker } from '../inbox/read-tracker';
import { asConversationEvent } from '../realtime/core-event';
import { useRealtime } from '../realtime/realtime-context';

type InboxContextValue = {
  outbox: Outbox;
  /** Read marks of the open conversation. */
  reads: ReadTracker;
  /** View badges and the title's unread count. */
  counts: CountsStore;
  /** Who conversations are assigned to, for notifications. */
  assignees: AssigneeIndex;
  /** Who is typing where. */
  typing: TypingStore;
};
const InboxContext = createContext<InboxContextValue | null>(null);

/**
 * Shared, app-wide live data: the outbox, read marks, the view counts (from the server, never by
 * loading every conversation), the assignee index and typing signals.
 *
 * @example
 * <InboxDataProvider><Shell /></InboxDataProvider>
 */
export function InboxDataProvider({ children }: { children: ReactNode }) {
  const { api } = useSignedIn();
  const { client, onReset } = useRealtime();
  const value = useMemo(() => {
    const counts = createCountsStore({ load: (signal) => api.counts(signal) });
    return {
      outbox: createOutbox({ api, storage: sessionStorage }),
      counts,
      reads: createReadTracker({ markRead: (id) => api.markRead(id), isVisible: () => !document.hidden, onSaved: () => counts.refreshSoon() }),
      assignees: createAssigneeIndex((id) => api.getConversation(id)),
      typing: createTypingStore(client),
    };
  }, [api, client]);
  useEffect(() => {
    const { counts, reads, assignees, typing, outbox } = value;
    counts.refresh();
    typing.start();
    outbox.resume();
    const offEvents = client.subscribe((cloudEvent) => {
      const event = asConversationEvent(cloudEvent);
      if (event) {
        assignees.apply(event);
        if (event.type === 'core.message.received.v1' && event.data.message.direction === 'inbound' && !event.data.message.private) reads.messageArrived(event.data.conversationId);
      }
      if (countsAffectedBy(cloudEvent)) counts.refreshSoon();
    });
    // After a gap in the connection (or a reset) the counts may be off: ask again.
    let wasDown = false;
    const offStatus = client.onStatus((status) => {
      if (status === 'reconnecting') wasDown = true;
      else if (status === 'live' && wasDown) {
        wasDown = false;
        counts.refreshSoon();
      }
    });
    const offReset = onReset(() => counts.refreshSoon());
    const onVisibility = () => reads.visibilityChanged();
    const onOnline = () => outbox.resume();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      offEvents();
      offStatus();
      offReset();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      counts.stop();
      typing.stop();
    };
  }, [value, client, onReset]);
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

/**
 * The shared inbox data.
 *
 * @example
 * const { outbox, reads } = useInboxData();
 */
export function useInboxData(): InboxContextValue {
  const value = useContext(InboxContext);
  if (!value) throw new Error('useInboxData must be used inside <InboxDataProvider>');
  return value;
}

/**
 * The view counts, live.
 *
 * @example
 * const { counts } = useCounts(); counts?.mine;
 */
export function useCounts(): CountsSnapshot {
  const { counts } = useInboxData();
  return useSyncExternalStore(counts.subscribe, counts.getSnapshot, counts.getSnapshot);
}
