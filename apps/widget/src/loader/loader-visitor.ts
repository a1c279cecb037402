import type { VisitorInfo } from '../shared/widget-bridge';

/** A new visit starts after this long without a page view (the usual analytics session gap). */
const VISIT_GAP_MS = 30 * 60 * 1000;

/** What the loader keeps in the site's own localStorage: no token, nothing secret. */
type VisitorRecord = { key: string; visits: number; last: number; active?: boolean };

/** A random hex id (crypto.randomUUID needs a secure context; plain-http sites exist). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The visitor as this site's first-party storage knows them: a random key naming their chat
 * session (the session token itself stays in the chat's own storage), a visit count for
 * "returning visitor" rules, and whether a conversation is going on (so the loader brings the
 * chat up at once to show replies, instead of waiting for a click). Storage that throws
 * (blocked, full) leaves a visitor that lasts as long as the page.
 *
 * @example
 * const visitor = createVisitorStore(localStorage, 'wt_3yB7kP2qR9sX5vN1', Date.now());
 * visitor.info(); // { key: '9f…', visits: 1 }
 */
export function createVisitorStore(storage: Storage | null, websiteToken: string, now: number) {
  const name = `switchboard-chat:${websiteToken}`;
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
    /** Forgets the conversation (logout): a new key, so the old session is never found again. */
    reset(): void {
      record = { key: randomId(), visits: record.visits, last: record.last };
      write();
    },
    /** Picks up what another tab wrote; returns what changed. */
    reload(): { keyChanged: boolean; becameActive: boolean } {
      const next = read();
      if (!next) return { keyChanged: false, becameActive: false };
      const changed = { keyChanged: next.key !== record.key, becameActive: next.active === true && record.active !== true };
      record = next;
      return changed;
    },
  };
}

/** A visitor store. */
export type VisitorStore = ReturnType<typeof createVisitorStore>;
