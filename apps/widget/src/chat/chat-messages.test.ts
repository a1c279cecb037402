import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../shared/webchat-protocol';
import { applyAgentRead, fromServer, initials, lastSeq, mergeMessages, unreadCount, type ChatMessage } from './chat-messages';

const server = (seq: number, author: ServerMessage['author'], text: string, echo: string | null = null): ServerMessage => ({
  seq,
  id: `m${seq}`,
  conversation_id: 'cv1',
  author,
  sender: { kind: author === 'visitor' ? 'contact' : author, name: author === 'agent' ? 'Alex Morgan' : null },
  text,
  echo_id: echo,
  attachments: [],
  quick_replies: null,
  status: 'sent',
  created_at: `2026-11-22T13:0${seq % 10}:00.000Z`,
});
const pending = (echo: string, text: string, at: string): ChatMessage => ({ key: echo, seq: null, author: 'visitor', name: null, text, attachments: [], quickReplies: null, status: 'queued', createdAt: at });

describe('timeline messages', () => {
  it('swaps an optimistic bubble for the stored message with the same echo id, and shows a message seen twice once', () => {
    let list = mergeMessages([], [pending('c-1', 'Hi', '2026-11-22T13:00:00.000Z'), pending('c-2', 'Anyone?', '2026-11-22T13:00:01.000Z')]);
    list = mergeMessages(list, [fromServer(server(7, 'visitor', 'Hi', 'c-1'))]);
    list = mergeMessages(list, [fromServer(server(8, 'agent', 'Hello!'))]);
    list = mergeMessages(list, [fromServer(server(8, 'agent', 'Hello!')), fromServer(server(7, 'visitor', 'Hi', 'c-1'))]);
    expect(list.map((m) => [m.key, m.seq, m.status])).toEqual([
      ['c-1', 7, 'sent'],
      ['m8', 8, 'sent'],
      ['c-2', null, 'queued'],
    ]);
  });

  it('never turns a stored message back into a pending one, nor a read one back to sent', () => {
    let list = mergeMessages([], [fromServer(server(3, 'visitor', 'Hi', 'c-1'))]);
    list = applyAgentRead(list, 3);
    list = mergeMessages(list, [pending('c-1', 'Hi', '2026-11-22T13:00:00.000Z'), fromServer(server(3, 'visitor', 'Hi', 'c-1'))]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ seq: 3, status: 'read' });
  });

  it('orders by the server’s seq, whatever order they arrive in', () => {
    const list = mergeMessages([], [9, 2, 5].map((seq) => fromServer(server(seq, 'agent', `#${seq}`))));
    expect(list.map((m) => m.seq)).toEqual([2, 5, 9]);
    expect(lastSeq(list)).toBe(9);
    expect(lastSeq([])).toBe(0);
  });

  it('counts unread agent and bot messages above the seen watermark, and marks read up to the agents’ watermark', () => {
    const list = mergeMessages([], [fromServer(server(1, 'visitor', 'Hi', 'c-1')), fromServer(server(2, 'agent', 'Hello')), fromServer(server(3, 'bot', 'Menu')), fromServer(server(4, 'visitor', 'Ok', 'c-2'))]);
    expect(unreadCount(list, 0)).toBe(2);
    expect(unreadCount(list, 2)).toBe(1);
    expect(unreadCount(list, 4)).toBe(0);
    expect(applyAgentRead(list, 1).map((m) => m.status)).toEqual(['read', 'sent', 'sent', 'sent']);
  });

  it('keeps quick replies and the agent’s name', () => {
    const m = fromServer({ ...server(5, 'bot', 'Did that help?'), quick_replies: [{ title: 'Yes', payload: 'YES' }] });
    expect(m.quickReplies).toEqual([{ title: 'Yes', payload: 'YES' }]);
    expect(fromServer(server(6, 'agent', 'Hi')).name).toBe('Alex Morgan');
    expect(fromServer({ ...server(7, 'bot', 'x'), quick_replies: [] }).quickReplies).toBeNull();
  });

  it('makes avatar initials from a name', () => {
    expect(initials('Alex Morgan')).toBe('AM');
    expect(initials('ana-maria  pop ')).toBe('AP');
    expect(initials('Алекс')).toBe('А');
    expect(initials(null)).toBe('?');
  });
});
