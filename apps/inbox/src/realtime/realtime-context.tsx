import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useSession } from '../auth/session-context';
import { createRealtimeClient, realtimeUrl, sessionCursorStore, type RealtimeClient, type RealtimeStatus } from './realtime-client';

type RealtimeContextValue = { client: RealtimeClient; onReset(listener: () => void): () => void };
const RealtimeContext = createContext<RealtimeContextValue | null>(null);

const browserEnv = {
  isOnline: () => navigator.onLine,
  addEventListener: (type: 'online' | 'offline' | 'visibilitychange', l: () => void) => (type === 'visibilitychange' ? document : window).addEventListener(type, l),
  removeEventListener: (type: 'online' | 'offline' | 'visibilitychange', l: () => void) => (type === 'visibilitychange' ? document : window).removeEventListener(type, l),
};

/**
 * Runs the tab's one realtime connection while signed in. On `reset` (cursor too old) every
 * cached query is invalidated and live stores reload; a refused token ends the session.
 *
 * @example
 * <RealtimeProvider><Inbox /></RealtimeProvider>
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { state, expire } = useSession();
  const queryClient = useQueryClient();
  const token = state.status === 'signed-in' ? state.token : null;

  const value = useMemo<RealtimeContextValue>(() => {
    const resetListeners = new Set<() => void>();
    const client = createRealtimeClient({
      url: realtimeUrl(window.location),
      getToken: () => token,
      cursor: sessionCursorStore(sessionStorage, 'switchboard.realtime.seq'),
      env: browserEnv,
      onUnauthorized: expire,
      onReset: () => {
        void queryClient.invalidateQueries();
        for (const l of resetListeners) l();
      },
    });
    return {
      client,
      onReset(listener) {
        resetListeners.add(listener);
        return () => resetListeners.delete(listener);
      },
    };
  }, [token, expire, queryClient]);

  useEffect(() => {
    value.client.start();
    return () => value.client.stop();
  }, [value]);

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/**
 * The realtime client and its reset signal.
 *
 * @example
 * const { client } = useRealtime(); useEffect(() => client.subscribe(onEvent), [client]);
 */
export function useRealtime(): RealtimeContextValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return value;
}

/**
 * The connection status, for the reconnecting banner.
 *
 * @example
 * const status = useRealtimeStatus(); // 'live' | 'reconnecting' | …
 */
export function useRealtimeStatus(): RealtimeStatus {
  const { client } = useRealtime();
  return useSyncExternalStore(client.onStatus, client.status, client.status);
}
