import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient } from '../api/api-client';
import type { Agent } from '../api/api-types';
import { createSwitchboardApi, type SwitchboardApi } from '../api/switchboard-api';
import { clearSession, loadSession, saveSession } from './session-storage';

/** Where the app stands with the server. */
export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; agent: Agent; token: string };

type SessionContextValue = {
  state: SessionState;
  api: SwitchboardApi;
  signIn(email: string, password: string, keep: boolean): Promise<void>;
  signOut(): Promise<void>;
  /** The server no longer accepts the token: back to sign-in with a notice. */
  expire(): void;
  /** Replaces the signed-in agent (after a presence change), or derives it from the current one. */
  updateAgent(agent: Agent | ((current: Agent) => Agent)): void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

/** The notice shown on the sign-in page after a 401. */
export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Sign in again to pick up where you left off.';

/**
 * Holds the session: the token, the signed-in agent, and the API client that uses them. A 401
 * anywhere ends the session once, with a friendly notice on the sign-in page.
 *
 * @example
 * <SessionProvider><App /></SessionProvider>
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const tokenRef = useRef<string | null>(loadSession()?.token ?? null);
  const [state, setState] = useState<SessionState>(() => (tokenRef.current ? { status: 'checking' } : { status: 'signed-out', notice: null }));

  const expire = useCallback(() => {
    if (!tokenRef.current) return;
    tokenRef.current = null;
    clearSession();
    setState({ status: 'signed-out', notice: SESSION_EXPIRED_NOTICE });
  }, []);

  const api = useMemo(() => createSwitchboardApi(createApiClient({ getToken: () => tokenRef.current, onUnauthorized: expire })), [expire]);

  useEffect(() => {
    const token = tokenRef.current;
    if (!token) return;
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((me) => {
        if (me.kind !== 'agent') {
          tokenRef.current = null;
          clearSession();
          setState({ status: 'signed-out', notice: 'That token belongs to an integration, not an agent. Sign in with your email.' });
          return;
        }
        setState({ status: 'signed-in', agent: me.agent, token });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        // A 401 already expired the session; anything else (server down) keeps the token and
        // says so, rather than pretending the agent signed out.
        if (tokenRef.current) setState({ status: 'signed-out', notice: `Could not reach the server: ${(err as Error).message}` });
      });
    return () => controller.abort();
  }, [api]);

  const signIn = useCallback(
    async (email: string, password: string, keep: boolean) => {
      const result = await api.login(email, password);
      tokenRef.current = result.token;
      saveSession({ token: result.token, expiresAt: result.expiresAt }, keep);
      setState({ status: 'signed-in', agent: result.agent, token: result.token });
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signing out locally is what matters; the token expires on its own.
    }
    tokenRef.current = null;
    clearSession();
    setState({ status: 'signed-out', notice: null });
  }, [api]);

  const updateAgent = useCallback((agent: Agent | ((current: Agent) => Agent)) => {
    setState((s) => (s.status === 'signed-in' ? { ...s, agent: typeof agent === 'function' ? agent(s.agent) : agent } : s));
  }, []);

  const value = useMemo(() => ({ state, api, signIn, signOut, expire, updateAgent }), [state, api, signIn, signOut, expire, updateAgent]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * The session context.
 *
 * @example
 * const { api, state } = useSession();
 */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/**
 * The signed-in agent and the API; only inside the signed-in part of the app.
 *
 * @example
 * const { agent, api } = useSignedIn();
 */
export function useSignedIn(): { agent: Agent; token: string; api: SwitchboardApi } {
  const { state, api } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn needs a signed-in session');
  return { agent: state.agent, token: state.token, api };
}
