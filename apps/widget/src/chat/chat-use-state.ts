import { useLayoutEffect, useReducer } from 'preact/hooks';
import type { ChatState, ChatStore } from './chat-store';

/**
 * The store's state, re-rendering on every change. Subscribes in a layout effect, which runs
 * right after the first render, and renders again if the state changed in between: a plain
 * effect waits for the next animation frame, which a closed (hidden) chat frame may not get for
 * a while, and history that arrived meanwhile stayed unseen until the next change — a visitor
 * opening the chat on a new page saw only the greeting.
 *
 * @example
 * const state = useChatState(chat.store);
 */
export function useChatState(store: ChatStore): ChatState {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const rendered = store.get();
  useLayoutEffect(() => {
    const unsubscribe = store.subscribe(() => rerender(undefined));
    // `rendered` is the first render's: a change made while rendering would be missed otherwise.
    if (store.get() !== rendered) rerender(undefined);
    return unsubscribe;
  }, [store]);
  return rendered;
}
