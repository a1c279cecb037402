import type { Availability, WidgetConfig } from '../shared/webchat-protocol';
import type { ChatMessage } from './chat-messages';

/** Everything the chat shows. Changed only through the controller. */
export type ChatState = {
  /** `waiting` for the page's init, `starting` a session, `ready`, `failed` to start (retrying), or `broken` (retrying cannot help). */
  phase: 'waiting' | 'starting' | 'ready' | 'failed' | 'broken';
  widget: WidgetConfig | null;
  availability: Availability | null;
  messages: ChatMessage[];
  /** Older messages exist on the server. */
  hasMore: boolean;
  conversation: { id: string; status: string } | null;
  /** The visitor's seen watermark. */
  readUpTo: number;
  /** Name of the agent typing right now ('' when unknown), or null. */
  agentTyping: string | null;
  /** The browser has a network. */
  online: boolean;
  /** The live stream is up. */
  connected: boolean;
  preChat: { mode: 'off' | 'optional' | 'required'; completed: boolean };
  verified: boolean;
  email: string | null;
  /** The "leave your email" card: not shown yet, shown, saved, or dismissed. */
  emailAsk: 'idle' | 'shown' | 'saved' | 'dismissed';
  csat: { conversationId: string; state: 'open' | 'sending' | 'done' } | null;
  /** A proactive invitation shown as a bubble from the team (not stored on the server). */
  invite: string | null;
  /** The panel is open on the page. */
  open: boolean;
  /** A one-line error for the visitor (a failed upload, a refused form). */
  notice: string | null;
  /** Bumped when the chat should move keyboard focus to where the visitor types. */
  focus: number;
};

/** The state before the page said anything. */
export const INITIAL_STATE: ChatState = {
  phase: 'waiting',
  widget: null,
  availability: null,
  messages: [],
  hasMore: false,
  conversation: null,
  readUpTo: 0,
  agentTyping: null,
  online: true,
  connected: false,
  preChat: { mode: 'off', completed: true },
  verified: false,
  email: null,
  emailAsk: 'idle',
  csat: null,
  invite: null,
  open: false,
  notice: null,
  focus: 0,
};

/**
 * A minimal observable: components subscribe, the controller patches.
 *
 * @example
 * const store = createStore(INITIAL_STATE);
 * store.subscribe(() => render(store.get()));
 * store.set({ online: false });
 */
export function createStore<T extends object>(initial: T) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: (): T => state,
    set(patch: Partial<T> | ((current: T) => Partial<T>)): void {
      const next = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...next };
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The chat's store. */
export type ChatStore = ReturnType<typeof createStore<ChatState>>;
