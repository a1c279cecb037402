import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRETS, startPluginHarness, type PluginHarness } from './test-helpers/plugin-harness';

const OPTIONS = {
  outbound: { url: 'http://127.0.0.1:9/not-used-here' },
  inbound: { maxTextLength: 1000, maxAttachments: 2, maxAttachmentBytes: 1024 },
};

let harness: PluginHarness;

beforeAll(async () => {
  harness = await startPluginHarness(OPTIONS);
});
afterAll(async () => {
  await harness?.stop();
});

function post(path: string, body: unknown, authorization: string | null = `Bearer ${TEST_SECRETS.inboundToken}`): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization !== null) headers.Authorization = authorization;
  return Promise.resolve(harness.http.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

async function problemOf(res: Response): Promise<{ status: number; code: string; detail: string; errors?: Array<{ path: string; message: string }> }> {
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  return (await res.json()) as never;
}

const message = (overrides: Record<string, unknown> = {}) => ({
  id: `crm-${Math.random().toString(36).slice(2)}`,
  thread: 'crm-thread-1',
  from: { id: 'crm-user-7', name: 'Dana Example', email: 'dana@example.com' },
  text: 'Where is my parcel?',
  ...overrides,
});

describe('POST /messages: authentication', () => {
  it('answers 401 without a bearer token, naming the header to send', async () => {
    const res = await post('/messages', message(), null);
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="channel-api"');
    expect(await problemOf(res)).toMatchObject({ status: 401, code: 'SWB_ERR_CHANNEL_API_UNAUTHENTICATED' });
  });

  it('answers 401 for a wrong token or another scheme, and records nothing', async () => {
    const before = harness.core.recordInboundCalls.length;
    for (const authorization of [`Bearer ${TEST_SECRETS.inboundToken}x`, 'Bearer', `Basic ${TEST_SECRETS.inboundToken}`, TEST_SECRETS.inboundToken]) {
      const res = await post('/messages', message(), authorization);
      expect(res.status).toBe(401);
      expect((await problemOf(res)).code).toBe('SWB_ERR_CHANNEL_API_UNAUTHENTICATED');
    }
    expect(harness.core.recordInboundCalls).toHaveLength(before);
  });

  it('keeps its problem answers when the host mounts the routes at /plugins/channel-api', async () => {
    const host = new Hono();
    host.route('/plugins/channel-api', harness.http);
    const res = await host.request('/plugins/channel-api/messages', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('SWB_ERR_CHANNEL_API_UNAUTHENTICATED');
  });
});

describe('POST /messages: refused bodies', () => {
  it('answers 400 to malformed JSON', async () => {
    const res = await post('/messages', '{"id": "m-1", "thread": ');
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({ status: 400, code: 'SWB_ERR_CHANNEL_API_MALFORMED_JSON' });
  });

  it('answers 422 with every field problem and its path', async () => {
    const res = await post('/messages', { thread: '', from: { name: 'x', phone: '0151 123' }, text: 'hi' });
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.code).toBe('SWB_ERR_CHANNEL_API_INVALID_BODY');
    expect(problem.errors).toEqual([
      { path: 'id', message: 'id is required: your message id, which also de-duplicates retries' },
      { path: 'thread', message: 'thread must not be empty' },
      { path: 'from.id', message: 'from.id is required: your user id of the sender' },
      { path: 'from.phone', message: 'from.phone must be in E.164 format, e.g. +4915112345678' },
    ]);
    expect(problem.detail).toContain('from.id: from.id is required');
  });

  it('answers 422 to a message with neither text nor attachments, or text over the limit', async () => {
    const empty = await problemOf(await post('/messages', message({ text: '   ' })));
    expect(empty.errors).toEqual([{ path: 'text', message: 'a message needs a non-empty text or at least one attachment' }]);
    const long = await problemOf(await post('/messages', message({ text: 'x'.repeat(1001) })));
    expect(long.errors).toEqual([{ path: 'text', message: 'text must be at most 1000 characters' }]);
  });

  it('answers 422 to attachments that are not base64 or too many', async () => {
    const notBase64 = await problemOf(await post('/messages', message({ attachments: [{ filename: 'a.png', dataBase64: 'data:image/png;base64,AAAA' }] })));
    expect(notBase64.errors?.[0]?.path).toBe('attachments.0.dataBase64');
    const one = { filename: 'a.txt', dataBase64: 'aGk=' };
    const tooMany = await problemOf(await post('/messages', message({ attachments: [one, one, one] })));
    expect(tooMany.errors).toEqual([{ path: 'attachments', message: 'at most 2 attachments per message' }]);
  });

  it('answers 413 to an attachment over inbound.maxAttachmentBytes and stores nothing', async () => {
    const storedBefore = harness.attachments.stored.size;
    const callsBefore = harness.core.recordInboundCalls.length;
    const small = { filename: 'ok.txt', dataBase64: Buffer.from('fine').toString('base64') };
    const big = { filename: 'big.bin', dataBase64: Buffer.alloc(1025, 7).toString('base64') };
    const res = await post('/messages', message({ attachments: [small, big] }));
    expect(res.status).toBe(413);
    const problem = await problemOf(res);
    expect(problem.code).toBe('SWB_ERR_CHANNEL_API_ATTACHMENT_TOO_LARGE');
    expect(problem.detail).toContain('"big.bin" is 1025 bytes; the limit is 1024');
    expect(harness.attachments.stored.size).toBe(storedBefore);
    expect(harness.core.recordInboundCalls).toHaveLength(callsBefore);
  });

  it('answers 413 to a body larger than any valid message can be', async () => {
    const res = await post('/messages', message({ padding: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('SWB_ERR_CHANNEL_API_BODY_TOO_LARGE');
  });

  it('answers 413 to a declared Content-Length over the limit without reading the body', async () => {
    const callsBefore = harness.core.recordInboundCalls.length;
    const res = await harness.http.request('/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024), Authorization: `Bearer ${TEST_SECRETS.inboundToken}` },
      body: JSON.stringify(message()),
    });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('SWB_ERR_CHANNEL_API_BODY_TOO_LARGE');
    expect(harness.core.recordInboundCalls).toHaveLength(callsBefore);
  });
});

describe('POST /messages: recording', () => {
  it('answers 202 with the core’s ids after recording the mapped message over the bus', async () => {
    const body = message({ id: 'crm-msg-1001', replyToId: 'crm-msg-1000' });
    const res = await post('/messages', body);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { messageId: string; conversationId: string; contactId: string; duplicate: boolean };
    expect(accepted).toEqual({ messageId: expect.any(String), conversationId: expect.any(String), contactId: expect.any(String), duplicate: false });
    expect(harness.core.recordInboundCalls.at(-1)).toEqual({
      channel: 'channel-api',
      account: 'default',
      thread: 'crm-thread-1',
      newThread: 'contact',
      from: { identity: { type: 'api_user', value: 'crm-user-7' }, name: 'Dana Example', verified: [], hints: [{ type: 'email', value: 'dana@example.com' }] },
      providerMessageId: 'crm-msg-1001',
      text: 'Where is my parcel?',
      attachmentIds: [],
      replyToProviderMessageId: 'crm-msg-1000',
    });
  });

  it('answers a repeated id with the same ids and duplicate: true (the core de-duplicates)', async () => {
    const body = message({ id: 'crm-msg-retry-1' });
    const first = (await (await post('/messages', body)).json()) as { messageId: string; conversationId: string; duplicate: boolean };
    const callsBefore = harness.core.recordInboundCalls.length;
    const again = await post('/messages', body);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ ...first, duplicate: true });
    expect(harness.core.recordInboundCalls).toHaveLength(callsBefore + 1);
    expect(first.duplicate).toBe(false);
  });

  it('stores attachments through ctx.attachments and passes their ids to the core', async () => {
    const pdf = Buffer.from('%PDF-1.7 invoice');
    const note = Buffer.from('line one\nline two');
    const b64 = note.toString('base64');
    const res = await post('/messages', message({
      text: '',
      attachments: [
        { filename: 'invoice.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') },
        { filename: 'note.txt', dataBase64: `${b64.slice(0, 8)}\n${b64.slice(8)}` },
      ],
    }));
    expect(res.status).toBe(202);
    const call = harness.core.recordInboundCalls.at(-1);
    expect(call?.text).toBe('');
    expect(call?.attachmentIds).toHaveLength(2);
    const [pdfEntry, noteEntry] = (call?.attachmentIds ?? []).map((id) => harness.attachments.stored.get(id));
    expect(pdfEntry?.ref).toMatchObject({ name: 'invoice.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(Buffer.from(pdfEntry?.data ?? []).equals(pdf)).toBe(true);
    expect(noteEntry?.ref.name).toBe('note.txt');
    expect(Buffer.from(noteEntry?.data ?? []).toString()).toBe('line one\nline two');
  });

  it('never logs the inbound token or the customer’s text', () => {
    const logged = JSON.stringify(harness.logs);
    expect(logged).not.toContain(TEST_SECRETS.inboundToken);
    expect(logged).not.toContain(TEST_SECRETS.webhookSecret);
    expect(logged).not.toContain('Where is my parcel?');
    expect(harness.logs.some((line) => line.message === 'inbound message recorded' && line.fields.providerMessageId === 'crm-msg-1001')).toBe(true);
  });
});

describe('POST /statuses', () => {
  it('passes a delivered report by message id to the core', async () => {
    harness.core.addOutbound('01JD3Z6Q8V5C2K9W4T7N0R1M6B');
    const res = await post('/statuses', { messageId: '01JD3Z6Q8V5C2K9W4T7N0R1M6B', state: 'delivered' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ messageId: '01JD3Z6Q8V5C2K9W4T7N0R1M6B', state: 'delivered', changed: true });
    expect(harness.core.updateDeliveryCalls.at(-1)).toEqual({ channel: 'channel-api', messageId: '01JD3Z6Q8V5C2K9W4T7N0R1M6B', state: 'delivered', error: null });
  });

  it('passes a failed report by provider message id with its reason, as final', async () => {
    harness.core.addOutbound('01JD3Z6Q8V5C2K9W4T7N0R1M7C', 'crm-out-9');
    const res = await post('/statuses', { providerMessageId: 'crm-out-9', state: 'failed', error: { code: 'user_blocked', message: 'The user blocked the bot' } });
    expect(res.status).toBe(200);
    expect(harness.core.updateDeliveryCalls.at(-1)).toEqual({
      channel: 'channel-api',
      providerMessageId: 'crm-out-9',
      state: 'failed',
      error: { code: 'user_blocked', message: 'The user blocked the bot', retryable: false },
    });
  });

  it('passes on the core’s 404 for an unknown message', async () => {
    const res = await post('/statuses', { providerMessageId: 'nobody-knows', state: 'read' });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('SWB_ERR_MESSAGE_NOT_FOUND');
  });

  it('answers 422 without any message id or with an unknown state, and 401 without the token', async () => {
    const noId = await problemOf(await post('/statuses', { state: 'read' }));
    expect(noId).toMatchObject({ status: 422, code: 'SWB_ERR_CHANNEL_API_INVALID_BODY' });
    expect(noId.detail).toContain('give messageId');
    const badState = await problemOf(await post('/statuses', { messageId: 'm', state: 'sent' }));
    expect(badState.errors).toEqual([{ path: 'state', message: 'state must be one of delivered, read, failed' }]);
    expect((await post('/statuses', { messageId: 'm', state: 'read' }, 'Bearer nope')).status).toBe(401);
  });
});

describe('when the core does not answer', () => {
  it('answers 503 with Retry-After, so the integrator sends the same request again', async () => {
    const lonely = await startPluginHarness(OPTIONS);
    try {
      await lonely.core.bus.stop();
      const res = await lonely.http.request('/messages', {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_SECRETS.inboundToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(message()),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('5');
      expect((await problemOf(res)).code).toBe('SWB_ERR_NO_RESPONDERS');
    } finally {
      await lonely.stop();
    }
  });
});
