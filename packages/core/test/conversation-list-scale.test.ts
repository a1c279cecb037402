import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type CoreTestHost } from '../src/testing/test-host';
import { getJson, postJson, signInNewAgent } from './inbox-helpers';
import { seedConversations, seededConversations, type SeededConversation } from './seed-conversations';

type Item = { id: string; contact: { id: string; name: string | null }; channels: string[]; unreadCount: number; lastActivityAt: string; waitingSince: string | null };
type Page = { items: Item[]; nextCursor: string | null };

const COUNT = 10_000;

describe('conversation list on 10,000 conversations', () => {
  let host: CoreTestHost;
  let client: Client;
  const rows = seededConversations(COUNT);
  const byId = new Map(rows.map((r) => [r.id, r]));

  beforeAll(async () => {
    host = await startTestHost();
    client = createClient({ url: host.databaseUrl });
    await seedConversations(client, rows);
  });
  afterAll(async () => {
    client?.close();
    await host?.stop();
  });

  const walk = async (query: string, limit = 200): Promise<Item[]> => {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await getJson<Page>(host, `/api/v1/conversations?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const activityOrder = (a: SeededConversation, b: SeededConversation) =>
    a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? 1 : -1) : a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  const waitingOrder = (a: SeededConversation, b: SeededConversation) => {
    if (a.waitingSince === b.waitingSince) return a.id < b.id ? -1 : 1;
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  };

  it('returns the first page right, with contact, channels and unread counts', async () => {
    const page = await getJson<Page>(host, '/api/v1/conversations?status=open&limit=50');
    const expected = rows.filter((r) => r.status === 'open').sort(activityOrder).slice(0, 50);
    expect(page.items.map((i) => i.id)).toEqual(expected.map((r) => r.id));
    for (const item of page.items) {
      const seeded = byId.get(item.id)!;
      expect(item.contact).toEqual({ id: seeded.contactId, name: seeded.contactName });
      expect(item.channels).toEqual([seeded.channel]);
      expect(item.unreadCount).toBe(1);
    }
  });

  it('pages through every open conversation by activity: each once, in order, across ties', async () => {
    const all = await walk('status=open');
    const expected = rows.filter((r) => r.status === 'open').sort(activityOrder);
    expect(all.map((i) => i.id)).toEqual(expected.map((r) => r.id));
  });

  it('pages through everything by waiting time: oldest wait first, nobody waiting last', async () => {
    const all = await walk('sort=waiting');
    expect(all.map((i) => i.id)).toEqual([...rows].sort(waitingOrder).map((r) => r.id));
  });

  it('filters and searches within the 10,000', async () => {
    const urgentVip = await walk('priority=urgent&label=vip&sort=waiting', 50);
    expect(urgentVip.map((i) => i.id)).toEqual(rows.filter((r) => r.priority === 'urgent' && r.labels.includes('vip')).sort(waitingOrder).map((r) => r.id));
    const zeppelins = await walk('q=zeppelin', 50);
    expect(zeppelins.map((i) => i.id)).toEqual(rows.filter((r) => r.text.includes('zeppelin')).sort(activityOrder).map((r) => r.id));
    const byName = await getJson<Page>(host, `/api/v1/conversations?q=${encodeURIComponent('Customer 004242')}`);
    expect(byName.items.map((i) => i.id)).toEqual(['SEED004242']);
    const onChannel = await getJson<Page>(host, '/api/v1/conversations?channel=echo-channel&status=open&limit=100');
    expect(onChannel.items.map((i) => i.id)).toEqual(rows.filter((r) => r.channel === 'echo-channel' && r.status === 'open').sort(activityOrder).slice(0, 100).map((r) => r.id));
  });

  it('counts and unread marks work at that size', async () => {
    const ana = await signInNewAgent(host, 'scale@example.com');
    const open = rows.filter((r) => r.status === 'open');
    const counts = await getJson<{ mine: number; unassigned: number; all: number; unread: number }>(host, '/api/v1/conversations/counts', ana);
    expect(counts).toEqual({ mine: 0, unassigned: open.length, all: open.length, unread: 0 });
    const target = open.sort(activityOrder)[0]!;
    await postJson(host, `/api/v1/conversations/${target.id}/assign`, { agentId: ana.id });
    expect(await getJson(host, '/api/v1/conversations/counts', ana)).toMatchObject({ mine: 1, unread: 1 });
    await postJson(host, `/api/v1/conversations/${target.id}/read`, {}, ana);
    const mine = await getJson<Page>(host, '/api/v1/conversations?assignee=me', ana);
    expect(mine.items.map((i) => [i.id, i.unreadCount])).toEqual([[target.id, 0]]);
  });
});
