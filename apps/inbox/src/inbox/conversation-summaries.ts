import { useEffect, useSyncExternalStore } from 'react';
import type { ConversationDetail } from '../api/api-types';
import type { SwitchboardApi } from '../api/switchboard-api';
import { asConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';

/** What a list row shows beyond the list item: who, and over which channels. */
export type ConversationSummary = { contactName: string | null; channels: string[] };

/**
 * Contact names and channels for list rows, fetched lazily for the rows on screen: requests are
 * collected for a moment (fast scrolling asks for nothing), run a few at a time, and cached.
 * Live `leg_added` events add channels without a fetch.
 * TODO(#3): drop once the list endpoint returns the contact name and channels itself.
 *
 * @example
 * const summaries = createSummaryCache(api, realtime);
 * summaries.want(id); summaries.get(id); // undefined until fetched
 */
export function createSummaryCache(api: SwitchboardApi, realtime: RealtimeClient) {
  const cache = new Map<string, ConversationSummary>();
  const wanted = new Map<string, number>();
  const queued = new Set<string>();
  const listeners = new Set<() => void>();
  let active = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let version = 0;
  const MAX_ACTIVE = 4;

  function notify(): void {
    version++;
    for (const l of listeners) l();
  }

  function pump(): void {
    for (const id of queued) {
      if (active >= MAX_ACTIVE) return;
      queued.delete(id);
      if (cache.has(id) || !wanted.has(id)) continue;
      active++;
      api
        .getConversation(id)
        .then((detail) => put(detail))
        .catch(() => undefined)
        .finally(() => {
          active--;
          pump();
        });
    }
  }

  function put(detail: ConversationDetail): void {
    cache.set(detail.id, { contactName: detail.contact.name, channels: [...new Set(detail.legs.map((l) => l.channel))] });
    notify();
  }

  let unsubscribe: (() => void) | null = null;

  return {
    /** Follows `leg_added` events. */
    start(): void {
      unsubscribe ??= realtime.subscribe((cloudEvent) => {
        const event = asConversationEvent(cloudEvent);
        if (event?.type !== 'core.conversation.leg_added.v1') return;
        const current = cache.get(event.data.conversationId);
        if (current && !current.channels.includes(event.data.leg.channel)) {
          cache.set(event.data.conversationId, { ...current, channels: [...current.channels, event.data.leg.channel] });
          notify();
        }
      });
    },
    stop(): void {
      unsubscribe?.();
      unsubscribe = null;
    },
    /** Marks a row as on screen; returns the function that unmarks it. */
    want(id: string): () => void {
      wanted.set(id, (wanted.get(id) ?? 0) + 1);
      if (!cache.has(id)) {
        queued.add(id);
        if (!timer) {
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, 120);
        }
      }
      return () => {
        const n = (wanted.get(id) ?? 1) - 1;
        if (n <= 0) wanted.delete(id);
        else wanted.set(id, n);
      };
    },
    get: (id: string): ConversationSummary | undefined => cache.get(id),
    /** Seeds the cache from a detail fetched elsewhere (the open conversation). */
    put,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}

/** The summary cache. */
export type SummaryCache = ReturnType<typeof createSummaryCache>;

/**
 * A row's summary, requested while the row is mounted.
 *
 * @example
 * const summary = useSummary(cache, conversation.id);
 */
export function useSummary(cache: SummaryCache, id: string): ConversationSummary | undefined {
  useEffect(() => cache.want(id), [cache, id]);
  useSyncExternalStore(cache.subscribe, cache.version, cache.version);
  return cache.get(id);
}
