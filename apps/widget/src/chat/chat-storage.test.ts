import { describe, expect, it } from 'vitest';
import { createChatStorage, type StoredKey } from './chat-storage';

describe('the chat’s values, kept in the site’s first-party storage through the loader', () => {
  it('reads what the loader handed over and asks it to keep every change, once', () => {
    const writes: Array<[StoredKey, string | null]> = [];
    const storage = createChatStorage((key, value) => writes.push([key, value]));
    storage.load({ token: 'wcs_one', seen: '12' });
    expect(storage.token()).toBe('wcs_one');
    expect(storage.number('seen')).toBe(12);
    storage.setToken('wcs_one');
    storage.setToken('wcs_two');
    storage.setOutbox([{ echo_id: 'c-1', text: 'Hi', attachments: [], postback: null, created_at: '2026-11-22T13:00:00.000Z', failed: null }]);
    storage.setOutbox([]);
    expect(writes).toEqual([
      ['token', 'wcs_two'],
      ['outbox', expect.stringContaining('"echo_id":"c-1"')],
      ['outbox', null],
    ]);
  });

  it('takes another tab’s changes without writing them back, and forgets everything on reset', () => {
    const writes: unknown[] = [];
    const storage = createChatStorage((...w) => writes.push(w));
    storage.load({ outbox: JSON.stringify([{ echo_id: 'c-9', text: 'from tab two', attachments: [], postback: null, created_at: '2026-11-22T13:00:00.000Z', failed: null }]) });
    expect(storage.outbox().map((i) => i.text)).toEqual(['from tab two']);
    storage.load({ outbox: 'not json' });
    expect(storage.outbox()).toEqual([]);
    storage.load({ token: 'wcs_one' });
    storage.clear();
    expect(storage.token()).toBeNull();
    expect(writes).toEqual([]);
  });
});
