import type { Attachment } from '../shared/webchat-protocol';

/** A message the visitor wrote that the server has not confirmed yet. */
export type OutboxItem = {
  echo_id: string;
  text: string;
  attachments: Attachment[];
  postback: { payload: string; title: string } | null;
  created_at: string;
  /** A refusal that retrying cannot fix (the error code); the bubble offers a manual retry. */
  failed: string | null;
};

/** The values the chat keeps, by key. */
export type StoredKey = 'token' | 'outbox' | 'seen' | 'csat' | 'email';

/**
 * The chat's persistent values — session token, outbox, seen watermark, rated conversation,
 * email left — kept by the loader in the site's first-party storage (browsers block or partition
 * a third-party iframe's own storage) and handed over in `init`. Reads come from memory; writes
 * go to memory and, through `persist`, to the site. Other tabs' changes arrive with `load`.
 *
 * @example
 * const storage = createChatStorage((key, value) => bridge.send({ type: 'store', key, value }));
 * storage.load(init.stored);
 * storage.setToken('wcs_…');
 */
export function createChatStorage(persist: (key: StoredKey, value: string | null) => void) {
  const values = new Map<string, string>();
  const set = (key: StoredKey, value: string | null) => {
    if ((values.get(key) ?? null) === value) return;
    if (value === null) values.delete(key);
    else values.set(key, value);
    persist(key, value);
  };
  const json = <T>(key: StoredKey, fallback: T): T => {
    try {
      return (JSON.parse(values.get(key) ?? 'null') as T | null) ?? fallback;
    } catch {
      return fallback;
    }
  };
  return {
    /** Takes the values the loader handed over (in `init`, and after another tab changed them), without writing them back. */
    load(stored: Record<string, string>): void {
      values.clear();
      for (const [k, v] of Object.entries(stored)) if (typeof v === 'string') values.set(k, v);
    },
    /** Forgets everything (the loader already dropped the site's copy on reset). */
    clear: (): void => values.clear(),
    token: (): string | null => values.get('token') ?? null,
    setToken: (token: string | null): void => set('token', token),
    outbox: (): OutboxItem[] => {
      const items = json<OutboxItem[]>('outbox', []);
      return Array.isArray(items) ? items : [];
    },
    setOutbox: (items: OutboxItem[]): void => set('outbox', items.length === 0 ? null : JSON.stringify(items)),
    number: (key: 'seen'): number => Number(values.get(key) ?? 0) || 0,
    text: (key: 'csat' | 'email'): string | null => values.get(key) ?? null,
    setValue: (key: 'seen' | 'csat' | 'email', value: string | number): void => set(key, String(value)),
  };
}

/** The chat's storage. */
export type ChatStorage = ReturnType<typeof createChatStorage>;
