import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationCounts } from '../api/api-types';
import { countsAffectedBy, createCountsStore } from './counts-store';

describe('counts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refresh on events that move conversations between views or add unread messages', () => {
    expect(countsAffectedBy({ type: 'core.conversation.assigned.v1' })).toBe(true);
    expect(countsAffectedBy({ type: 'core.conversation.status_changed.v1' })).toBe(true);
    expect(countsAffectedBy({ type: 'core.message.received.v1' })).toBe(true);
    expect(countsAffectedBy({ type: 'core.message.delivery_updated.v1' })).toBe(false);
    expect(countsAffectedBy({ type: 'core.note.added.v1' })).toBe(false);
  });

  it('answer a burst of events with one request, and one more for what came during it', async () => {
    let n = 0;
    let release: (() => void) | null = null;
    const load = vi.fn(
      () =>
        new Promise<ConversationCounts>((resolve) => {
          n++;
          release = () => resolve({ mine: n, unassigned: 0, all: n, unread: 0 });
        }),
    );
    const store = createCountsStore({ load, debounceMs: 1000 });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().counts!.mine));
    store.refreshSoon();
    store.refreshSoon();
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(1);
    store.refreshSoon();
    store.refreshSoon();
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keep the last counts when a refresh fails', async () => {
    const load = vi.fn().mockResolvedValueOnce({ mine: 3, unassigned: 1, all: 9, unread: 2 }).mockRejectedValueOnce(new Error('offline'));
    const store = createCountsStore({ load });
    store.refresh();
    await vi.advanceTimersByTimeAsync(0);
    store.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().counts).toEqual({ mine: 3, unassigned: 1, all: 9, unread: 2 });
  });
});
