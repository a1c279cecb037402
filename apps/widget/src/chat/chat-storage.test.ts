// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createChatStorage } from './chat-storage';

describe('the chat’s own storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the token and the outbox of one visitor key, and hands the old token over after the site reset the visitor', () => {
    const store = createChatStorage(localStorage, 'wk_demo');
    store.setToken('key-1', 'wcs_one');
    store.setOutbox('key-1', [{ echo_id: 'c-1', text: 'Hi', attachments: [], postback: null, created_at: '2026-11-22T13:00:00.000Z', failed: null }]);
    expect(store.token('key-1')).toBe('wcs_one');
    expect(store.outbox('key-1')).toHaveLength(1);
    // After a logout on the site the loader names a new key: nothing of the old visitor shows.
    expect(store.token('key-2')).toBeNull();
    expect(store.outbox('key-2')).toEqual([]);
    expect(store.orphanToken('key-2')).toBe('wcs_one');
    expect(store.orphanToken('key-1')).toBeNull();
    store.setOutbox('key-1', []);
    expect(localStorage.getItem(store.outboxName)).toBeNull();
  });

  it('falls back to memory when third-party storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Storage;
    const store = createChatStorage(blocked, 'wk_demo');
    store.setToken('key-1', 'wcs_one');
    expect(store.token('key-1')).toBe('wcs_one');
    expect(createChatStorage(null, 'wk_demo').token('key-1')).toBeNull();
  });
});
