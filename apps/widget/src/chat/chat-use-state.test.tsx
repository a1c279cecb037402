// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { INITIAL_STATE, createStore } from './chat-store';
import { useChatState } from './chat-use-state';

function Count({ store }: { store: ReturnType<typeof createStore<typeof INITIAL_STATE>> }) {
  const state = useChatState(store);
  return <p>{state.messages.length} messages</p>;
}

describe('useChatState', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a change made right after the first render, before any animation frame (history loaded into a closed chat)', async () => {
    const store = createStore(INITIAL_STATE);
    const root = document.createElement('div');
    document.body.append(root);
    render(<Count store={store} />, root);
    expect(root.textContent).toBe('0 messages');
    store.set({ messages: [{ key: 'a', seq: 1, author: 'agent', name: 'Sam', text: 'Hi', attachments: [], quickReplies: null, status: 'sent', createdAt: '2026-12-07T10:00:00.000Z' }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(root.textContent).toBe('1 messages');
  });

  it('follows later changes and stops when unmounted', async () => {
    const store = createStore(INITIAL_STATE);
    const root = document.createElement('div');
    document.body.append(root);
    render(<Count store={store} />, root);
    store.set({ messages: [] });
    store.set((s) => ({ messages: [...s.messages, { key: 'b', seq: 2, author: 'visitor', name: null, text: 'Hello', attachments: [], quickReplies: null, status: 'sent', createdAt: '2026-12-07T10:01:00.000Z' }] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root.textContent).toBe('1 messages');
    render(null, root);
    store.set({ messages: [] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root.textContent).toBe('');
  });
});
