// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatController } from './chat-controller';
import { createTranslator } from './chat-i18n';
import type { ChatMessage } from './chat-messages';
import { INITIAL_STATE, type ChatState } from './chat-store';
import { Timeline } from './chat-timeline';

const t = createTranslator('en');
const message = (over: Partial<ChatMessage>): ChatMessage => ({ key: 'k', seq: 1, author: 'agent', name: 'Alex Morgan', text: '', attachments: [], quickReplies: null, status: 'sent', createdAt: '2026-11-22T13:05:00.000Z', ...over });

function show(state: Partial<ChatState>) {
  const calls: unknown[][] = [];
  const chat = { retry: (k: string) => calls.push(['retry', k]), send: (...a: unknown[]) => calls.push(['send', ...a]), loadEarlier: () => calls.push(['loadEarlier']) } as unknown as ChatController;
  const root = document.createElement('div');
  document.body.append(root);
  render(<Timeline state={{ ...INITIAL_STATE, ...state }} chat={chat} t={t} />, root);
  return { root, calls };
}

describe('the timeline', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('greets, groups messages by author with initials, and names who said what for screen readers', () => {
    const { root } = show({
      messages: [
        message({ key: 'a', seq: 1, author: 'visitor', name: null, text: 'Hi there' }),
        message({ key: 'b', seq: 2, text: 'Hello!' }),
        message({ key: 'c', seq: 3, text: 'How can I help?' }),
      ],
    });
    const log = root.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-label')).toBe('Messages');
    const articles = [...log.querySelectorAll('article')];
    expect(articles[0]!.textContent).toContain('Hi! How can we help you today?');
    expect(articles[1]!.textContent).toMatch(/^You: Hi there/);
    // One avatar with initials and the name for the group, the rest only for screen readers.
    expect(articles[2]!.querySelector('.av')!.textContent).toBe('AM');
    expect(articles[2]!.querySelector('.nm')!.textContent).toBe('Alex Morgan');
    expect(articles[3]!.querySelector('.nm')).toBeNull();
    expect(articles[3]!.querySelector('.sr')!.textContent).toBe('Alex Morgan: ');
  });

  it('shows the state of the visitor’s own messages and offers a retry for a refused one', () => {
    const { root, calls } = show({
      messages: [
        message({ key: 'a', seq: 1, author: 'visitor', text: 'First', status: 'read' }),
        message({ key: 'b', seq: 2, author: 'visitor', text: 'Second', status: 'sent' }),
        message({ key: 'c', seq: null, author: 'visitor', text: 'Third', status: 'queued' }),
        message({ key: 'd', seq: null, author: 'visitor', text: 'Fourth', status: 'failed' }),
      ],
    });
    const status = [...root.querySelectorAll('article')].slice(1).map((a) => a.querySelector('.st')?.textContent ?? null);
    // "Sent" and "Seen" only under the newest; waiting and refused ones always say so.
    expect(status).toEqual([null, null, ' · Waiting for connection', ' · Not sent']);
    (root.querySelector('button.link') as HTMLButtonElement).click();
    expect(calls).toEqual([['retry', 'd']]);
  });

  it('offers quick replies of the newest bot message as buttons that send their payload, and drops them once answered', () => {
    const offer = message({ key: 'q', seq: 5, author: 'bot', name: 'Acme bot', text: 'Track or return?', quickReplies: [{ title: 'Track', payload: 'TRACK' }, { title: 'Return', payload: 'RETURN' }] });
    const { root, calls } = show({ messages: [offer] });
    const group = root.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe('Track or return?');
    (group.querySelectorAll('button')[1] as HTMLButtonElement).click();
    expect(calls).toEqual([['send', 'Return', [], { payload: 'RETURN', title: 'Return' }]]);
    document.body.innerHTML = '';
    const answered = show({ messages: [offer, message({ key: 'r', seq: 6, author: 'visitor', text: 'Return' })] });
    expect(answered.root.querySelector('[role="group"]')).toBeNull();
  });

  it('says who is typing, that the conversation was closed, and offers earlier messages instead of the greeting', () => {
    const { root, calls } = show({ agentTyping: 'Alex', conversation: { id: 'cv1', status: 'resolved' }, hasMore: true, messages: [message({ text: 'Anything else?' })] });
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Alex is typing…');
    expect(root.querySelector('[role="note"]')!.textContent).toBe('This conversation was closed. Write to start a new one.');
    expect(root.textContent).not.toContain('How can we help you today?');
    (root.querySelector('button.more') as HTMLButtonElement).click();
    expect(calls).toEqual([['loadEarlier']]);
  });

  it('shows the away greeting outside business hours and a proactive invitation', () => {
    const { root } = show({ availability: { online: false, next_open_at: null, expected_reply_minutes: null, timezone: null }, invite: 'Questions about our plans?' });
    expect(root.textContent).toContain('We’re away right now.');
    expect(root.textContent).toContain('Questions about our plans?');
  });
});
