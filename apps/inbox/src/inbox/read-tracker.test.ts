import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReadTracker } from './read-tracker';

function setup(visible = { value: true }) {
  const marked: string[] = [];
  const saved: string[] = [];
  const heard: string[] = [];
  const reads = createReadTracker({
    markRead: async (id) => void marked.push(id),
    delayMs: 1000,
    isVisible: () => visible.value,
    onSaved: (id) => void saved.push(id),
  });
  reads.onRead((id) => heard.push(id));
  return { reads, marked, saved, heard, visible };
}

describe('read tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('marks a conversation read when it opens, and tells listeners at once', async () => {
    const t = setup();
    t.reads.open('c1');
    expect(t.marked).toEqual(['c1']);
    expect(t.heard).toEqual(['c1']);
    await vi.runAllTimersAsync();
    expect(t.saved).toEqual(['c1']);
  });

  it('marks a burst of new messages in the open conversation with one request, after a pause', () => {
    const t = setup();
    t.reads.open('c1');
    t.reads.messageArrived('c1');
    t.reads.messageArrived('c1');
    vi.advanceTimersByTime(500);
    t.reads.messageArrived('c1');
    expect(t.marked).toEqual(['c1']);
    vi.advanceTimersByTime(500);
    expect(t.marked).toEqual(['c1', 'c1']);
    vi.advanceTimersByTime(5000);
    expect(t.marked).toEqual(['c1', 'c1']);
  });

  it('ignores messages of other conversations, and stops once the conversation is closed', () => {
    const t = setup();
    const close = t.reads.open('c1');
    t.reads.messageArrived('c2');
    t.reads.messageArrived('c1');
    close();
    vi.advanceTimersByTime(5000);
    expect(t.marked).toEqual(['c1']);
    expect(t.reads.isReading('c1')).toBe(false);
  });

  it('reads nothing in a hidden tab until the agent comes back', () => {
    const t = setup({ value: false });
    t.reads.open('c1');
    t.reads.messageArrived('c1');
    vi.advanceTimersByTime(5000);
    expect(t.marked).toEqual([]);
    expect(t.reads.isReading('c1')).toBe(false);
    t.visible.value = true;
    t.reads.visibilityChanged();
    expect(t.marked).toEqual(['c1']);
    expect(t.reads.isReading('c1')).toBe(true);
    t.reads.visibilityChanged();
    expect(t.marked).toEqual(['c1']);
  });

  it('a newer conversation replaces the open one; closing the old one changes nothing', () => {
    const t = setup();
    const closeFirst = t.reads.open('c1');
    t.reads.open('c2');
    closeFirst();
    expect(t.reads.openId()).toBe('c2');
  });
});
