import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';

// The core's commands run in the core writer thread; the REST API writes from the main thread.
// Both write one SQLite file under a shared lock (see createWriterLock).
describe('core writer thread beside the main thread', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  it('reports itself in /readyz', async () => {
    const res = await host.request('/readyz');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { checks: Record<string, string> }).checks.writer).toBe('ok');
  });

  it('customer messages (writer thread) and agents\' notes (main thread) on one conversation at once: all stored, sequence numbers gapless', async () => {
    const from = { identity: { type: 'echo_user', value: 'both-threads' } };
    const { conversationId } = await echo.channel().recordInbound({ thread: 'both', from, providerMessageId: 'both-0', text: 'first' });
    const inbound = Array.from({ length: 60 }, (_, i) => echo.channel().recordInbound({ thread: 'both', from, providerMessageId: `both-${i + 1}`, text: `customer ${i + 1}` }));
    const notes = Array.from({ length: 30 }, (_, i) =>
      host.request(`/api/v1/conversations/${conversationId}/notes`, { method: 'POST', body: JSON.stringify({ text: `note ${i}` }) }).then((r) => r.status),
    );
    const recorded = await Promise.all(inbound);
    expect(recorded.every((r) => r.conversationId === conversationId && !r.duplicate)).toBe(true);
    expect(await Promise.all(notes)).toEqual(notes.map(() => 201));

    const events = (await (await host.request(`/api/v1/conversations/${conversationId}/events?afterSeq=0`)).json()) as { items: Array<{ type: string; data: { seq: number } }> };
    const seqs = events.items.map((e) => e.data.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(events.items.filter((e) => e.type === 'core.message.received.v1')).toHaveLength(61);
    expect(events.items.filter((e) => e.type === 'core.note.added.v1')).toHaveLength(30);
    // The last change reaches the bus, whichever thread committed it.
    const last = events.items.at(-1)!;
    const published = await host.waitForEvent(last.type, (e) => (e.data as { conversationId?: string; seq: number }).conversationId === conversationId && (e.data as { seq: number }).seq === last.data.seq);
    expect(published.type).toBe(last.type);
  });
});
