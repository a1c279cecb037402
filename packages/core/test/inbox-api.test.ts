import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, newApiToken, postJson, signInNewAgent, type Caller } from './inbox-helpers';

type Item = {
  id: string;
  contact: { id: string; name: string | null };
  channels: string[];
  unreadCount: number;
  teamId: string | null;
  priority: string | null;
  labels: string[];
  waitingSince: string | null;
};
type Page = { items: Item[]; nextCursor: string | null };
type Counts = { mine: number; unassigned: number; all: number; unread: number };

describe('agent inbox API: list, unread, counts, triage', () => {
  const echo = createEchoChannel();
  const sms = createEchoChannel({ id: 'echo-sms' });
  let host: TestHost;
  let ana: Caller;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }, { definition: sms.definition }] });
    ana = await signInNewAgent(host, 'ana@example.com');
  });
  afterAll(async () => host?.stop());

  const inbound = (who: string, id: string, options: { thread?: string; name?: string; via?: typeof echo } = {}) =>
    (options.via ?? echo).channel().recordInbound({ thread: options.thread ?? `t-${who}`, from: { identity: { type: 'echo_user', value: who }, name: options.name ?? null }, providerMessageId: id, text: `message ${id}` });
  const itemOf = async (conversationId: string, contactId: string, caller?: Caller) =>
    (await getJson<Page>(host, `/api/v1/conversations?contactId=${contactId}`, caller)).items.find((i) => i.id === conversationId)!;

  it('lists each conversation with its contact, its channels and the caller’s unread count; reading clears it for that agent only', async () => {
    const first = await inbound('grace', 'g-1', { name: 'Grace Hopper' });
    await inbound('grace', 'g-2');
    await inbound('grace', 'g-3', { via: sms, thread: 'sms-grace' });
    const { conversationId, contactId } = first;

    const asAdmin = await itemOf(conversationId, contactId);
    expect(asAdmin.contact).toEqual({ id: contactId, name: 'Grace Hopper' });
    expect(asAdmin.channels).toEqual(['echo-channel', 'echo-sms']);
    expect(asAdmin.unreadCount).toBe(3);
    expect((await itemOf(conversationId, contactId, ana)).unreadCount).toBe(3);

    const read = await postJson<{ conversationId: string; lastReadAt: string }>(host, `/api/v1/conversations/${conversationId}/read`, {}, ana);
    expect(read.conversationId).toBe(conversationId);
    expect(Date.parse(read.lastReadAt)).not.toBeNaN();
    expect((await itemOf(conversationId, contactId, ana)).unreadCount).toBe(0);
    expect((await itemOf(conversationId, contactId)).unreadCount).toBe(3);

    await inbound('grace', 'g-4');
    expect((await itemOf(conversationId, contactId, ana)).unreadCount).toBe(1);
    // An agent's own replies and notes are never unread.
    await postJson(host, `/api/v1/conversations/${conversationId}/messages`, { clientMessageId: 'g-r', text: 'on it' }, ana);
    await postJson(host, `/api/v1/conversations/${conversationId}/notes`, { text: 'vip' }, ana);
    expect((await itemOf(conversationId, contactId, ana)).unreadCount).toBe(1);

    // An API token has no read marks: never unread, and it cannot mark read.
    const crm = await newApiToken(host, 'crm');
    expect((await itemOf(conversationId, contactId, crm)).unreadCount).toBe(0);
    await expectProblem(await crm.request(`/api/v1/conversations/${conversationId}/read`, { method: 'POST', body: '{}' }), 403, 'SWB_ERR_FORBIDDEN');
    await expectProblem(await ana.request('/api/v1/conversations/01NOPE/read', { method: 'POST', body: '{}' }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    // An empty body is as good as {}.
    expect((await ana.request(`/api/v1/conversations/${conversationId}/read`, { method: 'POST' })).status).toBe(200);
  });

  it('counts open conversations: mine, unassigned, all, and mine with unread messages', async () => {
    const counts = () => getJson<Counts>(host, '/api/v1/conversations/counts', ana);
    const before = await counts();
    const { conversationId } = await inbound('linus', 'l-1');
    expect(await counts()).toEqual({ ...before, unassigned: before.unassigned + 1, all: before.all + 1 });

    await postJson(host, `/api/v1/conversations/${conversationId}/assign`, { agentId: ana.id });
    expect(await counts()).toEqual({ mine: before.mine + 1, unassigned: before.unassigned, all: before.all + 1, unread: before.unread + 1 });
    await postJson(host, `/api/v1/conversations/${conversationId}/read`, {}, ana);
    expect((await counts()).unread).toBe(before.unread);
    await inbound('linus', 'l-2');
    expect((await counts()).unread).toBe(before.unread + 1);

    await postJson(host, `/api/v1/conversations/${conversationId}/status`, { status: 'resolved' });
    expect(await counts()).toEqual(before);
    // The admin has nothing assigned; a token has no "mine" at all.
    const admin = await getJson<Counts>(host, '/api/v1/conversations/counts');
    expect(admin).toMatchObject({ mine: 0, unread: 0, all: before.all });
    const crm = await newApiToken(host, 'counts');
    expect(await getJson<Counts>(host, '/api/v1/conversations/counts', crm)).toMatchObject({ mine: 0, unread: 0, all: before.all });
  });

  it('sets team, priority and labels: one event each with the next seq, nothing when unchanged', async () => {
    const { conversationId } = await inbound('ada', 'a-1');
    const team = await postJson<{ id: string }>(host, '/api/v1/teams', { name: 'Billing' });
    const base = `/api/v1/conversations/${conversationId}`;

    expect(await postJson(host, `${base}/team`, { teamId: team.id })).toMatchObject({ changed: true });
    expect(await postJson(host, `${base}/team`, { teamId: team.id })).toMatchObject({ changed: false });
    expect(await postJson(host, `${base}/priority`, { priority: 'urgent' })).toMatchObject({ changed: true });
    expect(await postJson(host, `${base}/labels`, { labels: [' VIP ', 'Refund', 'vip'] })).toMatchObject({ changed: true });
    expect(await postJson(host, `${base}/labels`, { labels: ['refund', 'vip'] })).toMatchObject({ changed: false });
    expect(await postJson(host, `${base}/labels`, { labels: ['refund', 'late delivery'] }, ana)).toMatchObject({ changed: true });
    expect(await postJson(host, `${base}/priority`, { priority: null })).toMatchObject({ changed: true });
    expect(await postJson(host, `${base}/team`, { teamId: null })).toMatchObject({ changed: true });

    const labelled = await host.waitForEvent<CoreEventData<'core.conversation.labels_changed.v1'>>(
      'core.conversation.labels_changed.v1',
      (e) => e.data.conversationId === conversationId && e.data.added.includes('late delivery'),
    );
    expect(labelled.data).toMatchObject({ labels: ['refund', 'late delivery'], added: ['late delivery'], removed: ['vip'], actor: { kind: 'agent', id: ana.id } });
    const events = await getJson<{ items: Array<{ type: string; data: Record<string, unknown> }> }>(host, `${base}/events?afterSeq=0`);
    expect(events.items.map((e) => e.type)).toEqual([
      'core.conversation.opened.v1',
      'core.message.received.v1',
      'core.conversation.team_changed.v1',
      'core.conversation.priority_changed.v1',
      'core.conversation.labels_changed.v1',
      'core.conversation.labels_changed.v1',
      'core.conversation.priority_changed.v1',
      'core.conversation.team_changed.v1',
    ]);
    expect(events.items.map((e) => e.data.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.items[2]!.data).toMatchObject({ teamId: team.id, previousTeamId: null });
    expect(events.items[3]!.data).toMatchObject({ priority: 'urgent', previous: null });
    expect(events.items[4]!.data).toMatchObject({ labels: ['vip', 'refund'], added: ['vip', 'refund'], removed: [] });
    expect(events.items[6]!.data).toMatchObject({ priority: null, previous: 'urgent' });
    expect(events.items[7]!.data).toMatchObject({ teamId: null, previousTeamId: team.id });
  });

  it('filters by team, label and priority, and lists labels in use with counts', async () => {
    const a = await inbound('filter-a', 'f-1');
    const b = await inbound('filter-b', 'f-2');
    const team = await postJson<{ id: string }>(host, '/api/v1/teams', { name: 'Returns' });
    await postJson(host, `/api/v1/conversations/${a.conversationId}/team`, { teamId: team.id });
    await postJson(host, `/api/v1/conversations/${a.conversationId}/priority`, { priority: 'high' });
    await postJson(host, `/api/v1/conversations/${a.conversationId}/labels`, { labels: ['exchange', 'damaged'] });
    await postJson(host, `/api/v1/conversations/${b.conversationId}/labels`, { labels: ['exchange'] });

    const ids = async (query: string) => (await getJson<Page>(host, `/api/v1/conversations?${query}`)).items.map((i) => i.id);
    expect(await ids(`teamId=${team.id}`)).toEqual([a.conversationId]);
    expect(await ids('priority=high')).toEqual([a.conversationId]);
    expect(await ids('label=damaged')).toEqual([a.conversationId]);
    expect(await ids('label=%20Exchange')).toEqual([b.conversationId, a.conversationId]);
    expect(await ids(`label=exchange&teamId=${team.id}`)).toEqual([a.conversationId]);

    const { items } = await getJson<{ items: Array<{ label: string; count: number }> }>(host, '/api/v1/labels');
    expect(items.find((l) => l.label === 'exchange')).toEqual({ label: 'exchange', count: 2 });
    expect(items.find((l) => l.label === 'damaged')).toEqual({ label: 'damaged', count: 1 });
    expect(items.map((l) => l.count)).toEqual([...items.map((l) => l.count)].sort((x, y) => y - x));
  });

  it('sorts by waiting time: longest-waiting customer first, nobody waiting last, pages without gaps', async () => {
    const waiting: string[] = [];
    for (const who of ['w-1', 'w-2', 'w-3']) waiting.push((await inbound(who, `${who}-m`)).conversationId);
    const answered = (await inbound('w-4', 'w-4-m')).conversationId;
    await postJson(host, `/api/v1/conversations/${answered}/messages`, { clientMessageId: 'w-4-r', text: 'answered' });

    const all: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await getJson<Page>(host, `/api/v1/conversations?sort=waiting&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const ids = all.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const everything = await getJson<Page>(host, '/api/v1/conversations?limit=200');
    expect(ids.sort()).toEqual(everything.items.map((i) => i.id).sort());

    const order = all.map((i) => i.waitingSince);
    const firstNull = order.indexOf(null);
    expect(order.slice(firstNull).every((w) => w === null)).toBe(true);
    const waits = order.slice(0, firstNull === -1 ? undefined : firstNull) as string[];
    expect(waits).toEqual([...waits].sort());
    const positions = [...waiting, answered].map((id) => all.findIndex((i) => i.id === id));
    expect(positions.slice(0, 3)).toEqual([...positions.slice(0, 3)].sort((x, y) => x - y));
    expect(positions[3]).toBeGreaterThan(firstNull - 1);
  });

  it('serves the same triage as bus commands', async () => {
    const { conversationId } = await inbound('bus', 'b-1');
    const actor = { kind: 'plugin' as const, id: 'triage-bot' };
    const request = <N extends keyof typeof coreCommands>(name: N, input: unknown) => host.bus.request(name, coreCommands[name], input as never);
    expect(await request('core.conversation.set_priority.v1', { conversationId, priority: 'low', actor })).toMatchObject({ changed: true });
    expect(await request('core.conversation.set_labels.v1', { conversationId, labels: ['Bot Triaged'], actor })).toMatchObject({ changed: true });
    await expect(request('core.conversation.set_team.v1', { conversationId, teamId: '01NOTEAM', actor })).rejects.toMatchObject({ code: 'SWB_ERR_TEAM_NOT_FOUND', status: 422 });
    const item = (await getJson<{ priority: string; labels: string[] }>(host, `/api/v1/conversations/${conversationId}`));
    expect(item).toMatchObject({ priority: 'low', labels: ['bot triaged'] });
  });

  it('refuses bad input with problem+json', async () => {
    const { conversationId } = await inbound('bad', 'x-1');
    const base = `/api/v1/conversations/${conversationId}`;
    const post = (path: string, body: unknown) => host.request(path, { method: 'POST', body: JSON.stringify(body) });
    const tooMany = Array.from({ length: 21 }, (_, i) => `l${i}`);
    expect((await expectProblem(await post(`${base}/labels`, { labels: tooMany }), 422, 'SWB_ERR_VALIDATION')).detail).toContain('at most 20');
    await expectProblem(await post(`${base}/labels`, { labels: ['bad!label'] }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await post(`${base}/labels`, { labels: ['x'.repeat(51)] }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await post(`${base}/labels`, { labels: ['   '] }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await post(`${base}/labels`, {}), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await post(`${base}/priority`, { priority: 'critical' }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await post(`${base}/team`, { teamId: '01NOTEAM' }), 422, 'SWB_ERR_TEAM_NOT_FOUND');
    await expectProblem(await post('/api/v1/conversations/01NOPE/labels', { labels: [] }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await post('/api/v1/conversations/01NOPE/team', { teamId: null }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await post('/api/v1/conversations/01NOPE/priority', { priority: null }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await host.request('/api/v1/conversations?sort=oldest'), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await host.request('/api/v1/conversations?priority=critical'), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await host.request('/api/v1/conversations?cursor=not-a-cursor'), 422, 'SWB_ERR_VALIDATION');
    const page = await getJson<Page>(host, '/api/v1/conversations?limit=1');
    expect(page.nextCursor).not.toBeNull();
    const wrongSort = await expectProblem(await host.request(`/api/v1/conversations?sort=waiting&cursor=${page.nextCursor}`), 422, 'SWB_ERR_VALIDATION');
    expect(wrongSort.detail).toContain('sort=activity');
  });
});
