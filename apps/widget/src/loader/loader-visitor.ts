import type { VisitorInfo } from '../shared/widget-bridge';

/** A new visit starts after this long without a page view (the usual analytics session gap). */
const VISIT_GAP_MS = 30 * 60 * 1000;

/**
 * What the loader keeps in the site's own localStorage: a random id of this visitor's chat
 * (a new one after a reset), a visit count, whether a conversation goes on, and the chat's own
 * values (its session token, the outbox) that it asks the loader to keep for it.
 */
type VisitorRecord = { key: string; visits: number; last: number; active?: boolean; data?: Record<string, string> };

/** A random hex id (crypto.randomUUID needs a secure context; plain-http sites exist). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The visitor as this site's first-party storage knows them. Browsers block or partition the
 * storage of third-party iframes (Safari, Firefox, Brave, Chrome in incognito), so the chat's
 * session token and outbox live here, on the site itself — what keeps a conversation going across
 * pages, reloads, tabs and visits days apart. Storage that throws (blocked, full) leaves a
 * visitor that lasts as long as the page.
 *
 * @example
 * const visitor = createVisitorStore(localStorage, 'wk_3yB7kP2qR9sX5vN1', Date.now());
 * visitor.info(); // { key: '9f…', visits: 1 }
 */
export function createVisitorStore(storage: Storage | null, siteKey: string, now: number) {
  const name = `switchboard-chat:${siteKey}`;
  const read = (): VisitorRecord | null => {
    try {
      const parsed = JSON.parse(storage?.getItem(name) ?? 'null') as VisitorRecord | null;
      return parsed && typeof parsed.key === 'string' && typeof parsed.visits === 'number' ? parsed : null;
    } catch {
      return null;
    }
  };
  const write = () => {
    try {
      storage?.setItem(name, JSON.stringify(record));
    } catch {
      // Blocked or full storage: the visitor lasts as long as this page.
    }
  };
  const stored = read();
  let record: VisitorRecord = stored
    ? { ...stored, visits: stored.visits + (now - stored.last > VISIT_GAP_MS ? 1 : 0), last: now }
    : { key: randomId(), visits: 1, last: now };
  write();

  return {
    /** The storage key other tabs write to (for `storage` events). */
    name,
    info: (): VisitorInfo => ({ key: record.key, visits: record.visits }),
    active: (): boolean => record.active === true,
    setActive(active: boolean): void {
      if (record.active === active) return;
      record = { ...record, active };
      write();
    },
    /** The chat's values. */
    data: (): Record<string, string> => ({ ...record.data }),
    /** Keeps (or, with null, drops) one of the chat's values. */
    set(key: string, value: string | null): void {
      const data = { ...record.data };
      if (value === null) delete data[key];
      else data[key] = value;
      record = { ...record, data };
      write();
    },
    /** Forgets the conversation (logout): a new id, no chat values. Returns what was dropped. */
    reset(): Record<string, string> {
      const dropped = { ...record.data };
      record = { key: randomId(), visits: record.visits, last: record.last };
      write();
      return dropped;
    },
    /** Picks up what another tab wrote: whether it reset (a new key), or became active. */
    reload(): { reset: boolean; becameActive: boolean } {
      const next = read();
      if (!next) return { reset: false, becameActive: false };
      const result = { reset: next.key !== record.key, becameActive: next.active === true && record.active !== true };
      record = next;
      return result;
    },
  };
}

/** A visitor store. */
export type VisitorStore = ReturnType<typeof createVisitorStore>;
