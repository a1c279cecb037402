import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingSender } from '../composer/typing-sender';
import { activeTypers, applyTypingFrame, clearTyper, nextExpiry, TYPING_TTL_MS, typingLabel, type TypingState } from './typing-state';

const sam = { kind: 'agent', id: 'a2', name: 'Sam' };
const dana = { kind: 'contact', id: 'k1', name: null };

describe('typing state', () => {
  it('shows a typer until the signal runs out, and a refresh keeps it', () => {
    let state: TypingState = new Map();
    state = applyTypingFrame(state, { conversationId: 'c1', actor: sam, typing: true }, 1000);
    expect(activeTypers(state, 'c1', 1000 + TYPING_TTL_MS - 1).map((t) => t.name)).toEqual(['Sam']);
    expect(activeTypers(state, 'c1', 1000 + TYPING_TTL_MS)).toEqual([]);
    state = applyTypingFrame(state, { conversationId: 'c1', actor: sam, typing: true }, 4000);
    expect(activeTypers(state, 'c1', 1000 + TYPING_TTL_MS)).toHaveLength(1);
    expect(nextExpiry(state, 'c1', 5000)).toBe(4000 + TYPING_TTL_MS);
    expect(activeTypers(state, 'other', 5000)).toEqual([]);
  });

  it('drops a typer at once when they stop or their message arrives', () => {
    let state: TypingState = new Map();
    state = applyTypingFrame(state, { conversationId: 'c1', actor: sam, typing: true }, 0);
    state = applyTypingFrame(state, { conversationId: 'c1', actor: dana, typing: true }, 0);
    expect(activeTypers(state, 'c1', 1)).toHaveLength(2);
    state = applyTypingFrame(state, { conversationId: 'c1', actor: sam, typing: false }, 1);
    expect(activeTypers(state, 'c1', 1).map((t) => t.kind)).toEqual(['contact']);
    const same = clearTyper(state, 'c1', { kind: 'agent', id: 'nobody' });
    expect(same).toBe(state);
    state = clearTyper(state, 'c1', { kind: 'contact', id: 'k1' });
    expect(state.has('c1')).toBe(false);
  });

  it('says who is typing in words', () => {
    const t = (name: string | null, kind = 'agent') => ({ kind, id: name ?? 'x', name, expiresAt: 1 });
    expect(typingLabel([], 'Dana')).toBeNull();
    expect(typingLabel([t(null, 'contact')], 'Dana Reyes')).toBe('Dana Reyes is typing…');
    expect(typingLabel([t('Sam'), t('Mina')], null)).toBe('Sam and Mina are typing…');
    expect(typingLabel([t('Sam'), t('Mina'), t('Jo')], null)).toBe('3 people are typing…');
  });
});

describe('typing sender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('signals typing at most every 3 s while the agent types, and stops once', () => {
    const sent: boolean[] = [];
    const typing = createTypingSender({ send: (t) => void sent.push(t), now: () => Date.now() });
    typing.input();
    vi.advanceTimersByTime(1000);
    typing.input();
    vi.advanceTimersByTime(1000);
    typing.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    typing.input();
    expect(sent).toEqual([true, true]);
    typing.stop();
    typing.stop();
    expect(sent).toEqual([true, true, false]);
    typing.input();
    expect(sent).toEqual([true, true, false, true]);
  });

  it('counts a pause as stopped', () => {
    const sent: boolean[] = [];
    const typing = createTypingSender({ send: (t) => void sent.push(t), idleMs: 5000, now: () => Date.now() });
    typing.input();
    vi.advanceTimersByTime(4999);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    expect(typing.isActive()).toBe(false);
  });
});
