import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { connectRealtime } from './realtime-client';

describe('agent realtime stream', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  const inbound = (id: string, thread = 'rt') =>
    echo.channel().recordInbound({ thread, from: { identity: { type: 'echo_user', value: `rt-${thread}` } }, providerMessageId: id, text: `message ${id}` });
  const receivedTexts = (client: Awaited<ReturnType<typeof connectRealtime>>) =>
    client
      .events()
      .filter((f) => f.event?.type === 'core.message.received.v1')
      .map((f) => (f.event!.data.message as { text: string }).text);

  it('pushes a channel message to a connected agent live', async () => {
    const client = await connectRealtime(host.url, host.adminToken);
    await client.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    await inbound('live-1');
    await client.waitFor(() => receivedTexts(client).includes('message live-1'));
    await client.close();
  });

  it('resumes after a disconnect with exactly the missed events: no gap, no duplicate', async () => {
    const first = await connectRealtime(host.url, host.adminToken, 0);
    await first.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    for (let i = 0; i < 5; i++) await inbound(`a-${i}`, 'resume');
    await first.waitFor(() => receivedTexts(first).filter((t) => t.startsWith('message a-')).length === 5);
    const cursor = first.lastSeq();
    await first.close();

    // While the agent is away (laptop asleep), more happens.
    for (let i = 0; i < 7; i++) await inbound(`b-${i}`, 'resume');
    await host.waitForEvent('core.message.received.v1', (e) => (e.data as { message: { text: string } }).message.text === 'message b-6');

    const second = await connectRealtime(host.url, host.adminToken, cursor);
    await second.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    // And a live one right after the resume.
    await inbound('c-0', 'resume');
    await second.waitFor(() => receivedTexts(second).includes('message c-0'));

    const seqs = second.events().map((f) => f.seq!);
    expect(seqs[0]).toBe(cursor + 1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    // Contiguous: every stream sequence after the cursor arrived once.
    expect(seqs).toEqual(seqs.map((_, i) => cursor + 1 + i));
    expect(receivedTexts(second)).toEqual([...Array.from({ length: 7 }, (_, i) => `message b-${i}`), 'message c-0']);
    await second.close();
  });

  it('refuses a connection whose token is unknown', async () => {
    const client = await connectRealtime(host.url, 'swb_s_not-a-real-token');
    const { code } = await client.closed;
    expect(code).toBe(4401);
    expect(client.frames[0]).toMatchObject({ type: 'error', code: 'SWB_ERR_UNAUTHENTICATED' });
  });
});
