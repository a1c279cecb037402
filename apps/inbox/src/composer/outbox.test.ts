import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { message } from '../testing/fixtures';
import { createOutbox, type OutboxApi } from './outbox';

function flaky(failures: number, error: () => Error) {
  const calls: string[] = [];
  const api: OutboxApi = {
    async sendMessage(conversationId, body) {
      calls.push(body.clientMessageId);
      if (calls.length <= failures) throw error();
      return { message: message({ conversationId, clientMessageId: body.clientMessageId, direction: 'outbound', text: body.text }) };
    },
    async addNote(conversationId, body) {
      calls.push(body.clientMessageId);
      return { note: message({ conversationId, clientMessageId: body.clientMessageId, private: true, text: body.text }) };
    },
  };
  return { api, calls };
}

describe('outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries a failed send with the same clientMessageId until the server has it', async () => {
    const { api, calls } = flaky(2, () => new ApiError(0, null, 'offline'));
    let n = 0;
    const outbox = createOutbox({ api, newId: () => `client-${++n}`, random: () => 0 });
    const sent = vi.fn();
    outbox.onSent(sent);
    outbox.send({ conversationId: 'c1', kind: 'message', text: 'It ships today', attachments: [] });
    await vi.runAllTimersAsync();
    expect(calls).toEqual(['client-1', 'client-1', 'client-1']);
    expect(sent).toHaveBeenCalledOnce();
    expect(outbox.getSnapshot()).toEqual([]);
  });

  it('keeps a refused message as failed with the server reason, for the agent to fix or retry', async () => {
    const refused = () => new ApiError(422, { type: 't', title: 'Unprocessable', status: 422, code: 'SWB_ERR_NO_LEG', detail: 'this conversation has no channel to reply on' }, 'this conversation has no channel to reply on');
    const { api, calls } = flaky(1, refused);
    const outbox = createOutbox({ api, newId: () => 'client-x' });
    outbox.send({ conversationId: 'c1', kind: 'message', text: 'Hello?', attachments: [] });
    await vi.runAllTimersAsync();
    expect(outbox.getSnapshot()[0]).toMatchObject({ state: 'failed', retryable: false, error: 'this conversation has no channel to reply on' });
    outbox.retry('client-x');
    await vi.runAllTimersAsync();
    expect(calls).toEqual(['client-x', 'client-x']);
    expect(outbox.getSnapshot()).toEqual([]);
  });

  it('survives a reload: unsent entries are stored and resumed with their ids', async () => {
    const storage = new Map<string, string>();
    const store = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    const first = flaky(100, () => new ApiError(0, null, 'offline'));
    const before = createOutbox({ api: first.api, storage: store, newId: () => 'client-keep', maxAutoRetries: 0 });
    before.send({ conversationId: 'c1', kind: 'message', text: 'Hi', attachments: [] });
    await vi.runAllTimersAsync();
    const second = flaky(0, () => new Error('never'));
    const after = createOutbox({ api: second.api, storage: store });
    expect(after.getSnapshot()).toHaveLength(1);
    after.resume();
    await vi.runAllTimersAsync();
    expect(second.calls).toEqual(['client-keep']);
  });

  it('sends a reply on the leg the agent chose, on every attempt', async () => {
    const legs: Array<string | undefined> = [];
    const { api } = flaky(1, () => new ApiError(0, null, 'offline'));
    const send = api.sendMessage;
    api.sendMessage = (conversationId, body) => {
      legs.push(body.legId);
      return send(conversationId, body);
    };
    let n = 0;
    const outbox = createOutbox({ api, newId: () => `client-${++n}`, random: () => 0 });
    outbox.send({ conversationId: 'c1', kind: 'message', text: 'Texting you', attachments: [], legId: 'leg-sms' });
    outbox.send({ conversationId: 'c1', kind: 'message', text: 'No choice', attachments: [] });
    await vi.runAllTimersAsync();
    expect(legs).toEqual(['leg-sms', undefined, 'leg-sms']);
  });
});
