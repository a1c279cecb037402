/** A signed-in session as the browser keeps it. */
export type StoredSession = { token: string; expiresAt: string };

const KEY = 'switchboard.session';

/**
 * Reads the session: sessionStorage (this tab) first, then localStorage ("keep me signed in").
 * An expired one is dropped.
 *
 * @example
 * const session = loadSession(); if (session) api.me();
 */
export function loadSession(now = Date.now()): StoredSession | null {
  for (const storage of stores()) {
    try {
      const raw = storage.getItem(KEY);
      if (!raw) continue;
      const parsed = JSON.parse(raw) as StoredSession;
      if (typeof parsed.token !== 'string') continue;
      if (parsed.expiresAt && Date.parse(parsed.expiresAt) <= now) {
        storage.removeItem(KEY);
        continue;
      }
      return parsed;
    } catch {
      // unreadable storage entry: treat as signed out
    }
  }
  return null;
}

/**
 * Keeps the session in this tab only, or across browser restarts when `keep` is set.
 *
 * @example
 * saveSession({ token, expiresAt }, keepSignedIn);
 */
export function saveSession(session: StoredSession, keep: boolean): void {
  clearSession();
  try {
    (keep ? localStorage : sessionStorage).setItem(KEY, JSON.stringify(session));
  } catch {
    // storage disabled: the session lives in memory for this page
  }
}

/** Forgets the session everywhere. */
export function clearSession(): void {
  for (const storage of stores()) {
    try {
      storage.removeItem(KEY);
    } catch {
      // ignore
    }
  }
}

function stores(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(sessionStorage);
  } catch {
    // blocked
  }
  try {
    out.push(localStorage);
  } catch {
    // blocked
  }
  return out;
}
