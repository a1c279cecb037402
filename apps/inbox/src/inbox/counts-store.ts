import type { CloudEvent } from '@switchboard/events';
import type { ConversationCounts } from '../api/api-types';

/** Event types that can change a view's count or my unread count. */
const COUNTED = new Set([
  'core.conversation.opened.v1',
  'core.conversation.status_changed.v1',
  'core.conversation.assigned.v1',
  'core.conversation.unassigned.v1',
  'core.message.received.v1',
]);

/**
 * Whether an event can change `GET /conversations/counts` (a new or reopened conversation, an
 * assignment, a customer message that is unread until someone reads it).
 *
 * @example
 * countsAffectedBy(event); // true for core.conversation.assigned.v1
 */
export function countsAffectedBy(event: Pick<CloudEvent, 'type'>): boolean {
  return COUNTED.has(event.type);
}

/** What the badges show: the counts once loaded. */
export type CountsSnapshot = { counts: ConversationCounts | null };

/** Options of {@link createCountsStore}. */
export type CountsStoreOptions = {
  load(signal: AbortSignal): Promise<ConversationCounts>;
  /** Events within this window are answered with one refresh (ms). */
  debounceMs?: number;
};

/**
 * The view badges and the title's unread count, from `GET /conversations/counts`: loaded once,
 * then refreshed after relevant events and read marks — a burst of them costs one request, at
 * most one every `debounceMs`. Nothing is counted in the browser.
 *
 * @example
 * const counts = createCountsStore({ load: (signal) => api.counts(signal) });
 * counts.refresh(); realtime.subscribe((e) => countsAffectedBy(e) && counts.refreshSoon());
 */
export function createCountsStore(options: CountsStoreOptions) {
  const debounce = options.debounceMs ?? 1000;
  const listeners = new Set<() => void>();
  let snapshot: CountsSnapshot = { counts: null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  let running = false;
  let again = false;

  async function refresh(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    // One request at a time; whatever happens meanwhile is answered by one more.
    if (running) {
      again = true;
      return;
    }
    running = true;
    controller = new AbortController();
    try {
      const counts = await options.load(controller.signal);
      snapshot = { counts };
      for (const l of listeners) l();
    } catch {
      // Badges keep their last value; the next event or reconnect refreshes them.
    } finally {
      running = false;
      controller = null;
      if (again) {
        again = false;
        refreshSoon();
      }
    }
  }

  function refreshSoon(): void {
    if (timer || running) {
      if (running) again = true;
      return;
    }
    timer = setTimeout(() => void refresh(), debounce);
  }

  return {
    refresh: () => void refresh(),
    refreshSoon,
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      controller?.abort();
      again = false;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): CountsSnapshot => snapshot,
  };
}

/** The counts store. */
export type CountsStore = ReturnType<typeof createCountsStore>;
