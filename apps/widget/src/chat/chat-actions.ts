import * as v from 'valibot';
import { HistoryResponseSchema, ProfileResponseSchema } from '../shared/webchat-protocol';
import { ChatError, type ChatClient } from './chat-client';
import { fromServer, mergeMessages } from './chat-messages';
import type { ChatStorage } from './chat-storage';
import type { ChatStore } from './chat-store';

const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 3000;

/**
 * The visitor's "typing" signal, throttled as agents expect it: `true` at most every 3 s while
 * keys are pressed, `false` after 3 s without one, or at once when the message goes out (`stop`).
 *
 * @example
 * const typing = createTypingSignal((state) => client.call('POST', 'v1/typing', { typing: state }, v.any()));
 * textarea.oninput = typing.keyPressed;
 */
export function createTypingSignal(signal: (typing: boolean) => void, now: () => number = Date.now) {
  let sentAt = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(idle);
    if (sentAt) signal(false);
    sentAt = 0;
  };
  return {
    keyPressed(): void {
      if (now() - sentAt > TYPING_EVERY_MS) {
        sentAt = now();
        signal(true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}

/**
 * What the visitor does besides writing: the pre-chat form and "leave your email" (PROTOCOL.md
 * §3.4), the rating (§3.9), older messages (§3.5). Results that other tabs should know go to the
 * shared storage.
 *
 * @example
 * const actions = createVisitorActions({ client, store, storage, flush: () => void outbox.flush() });
 * await actions.saveProfile({ email: 'dana@example.net' });
 */
export function createVisitorActions(deps: { client: ChatClient; store: ChatStore; storage: ChatStorage; flush: () => void }) {
  const { client, store, storage } = deps;
  return {
    async saveProfile(profile: { name?: string; email?: string; consent?: boolean }): Promise<void> {
      const res = await client.call('POST', 'v1/profile', profile, ProfileResponseSchema);
      const email = res.user?.email ?? profile.email ?? null;
      store.set((s) => ({ preChat: res.pre_chat, email: email ?? s.email, emailAsk: email ? 'saved' : s.emailAsk }));
      if (email) storage.setValue('email', email);
      // Messages held back for the form may go now.
      deps.flush();
    },
    dismissEmailAsk: (): void => store.set({ emailAsk: 'dismissed' }),
    async rate(rating: number, comment: string): Promise<void> {
      const csat = store.get().csat;
      if (!csat) return;
      store.set({ csat: { ...csat, state: 'sending' } });
      try {
        await client.call('POST', 'v1/csat', { conversation_id: csat.conversationId, rating, ...(comment ? { comment } : {}) }, v.any());
      } catch (err) {
        // Rated in another tab meanwhile: the rating is in, which is what the visitor wanted.
        if (!(err instanceof ChatError && err.code === 'SWB_ERR_WEBCHAT_CSAT_NOT_OFFERED')) {
          store.set({ csat: { ...csat, state: 'open' } });
          throw err;
        }
      }
      store.set({ csat: { ...csat, state: 'done' } });
      storage.setValue('csat', csat.conversationId);
    },
    async loadEarlier(): Promise<void> {
      const first = store.get().messages.find((m) => m.seq !== null);
      if (!first) return;
      const history = await client.call('GET', `v1/messages?before=${first.seq}&limit=50`, undefined, HistoryResponseSchema);
      store.set((s) => ({ messages: mergeMessages(s.messages, history.messages.map(fromServer)), hasMore: history.has_more }));
    },
  };
}
