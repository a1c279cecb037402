import type { CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { expectProblem, getJson, newApiToken, postJson, signInNewAgent, type Caller } from './inbox-helpers';
import { connectRealtime } from './realtime-client';

type Team = { id: string; name: string; createdAt: string; agentIds: string[] };

describe('teams and presence', () => {
  let host: TestHost;
  let ana: Caller;
  let bob: Caller;
  beforeAll(async () => {
    host = await startTestHost();
    ana = await signInNewAgent(host, 'ana@example.com');
    bob = await signInNewAgent(host, 'bob@example.com');
  });
  afterAll(async () => host?.stop());

  it('admins create teams and manage members; everyone lists them; each change is one event', async () => {
    const team = await postJson<Team>(host, '/api/v1/teams', { name: '  Support  ' });
    expect(team).toMatchObject({ name: 'Support', agentIds: [] });
    const created = await host.waitForEvent<CoreEventData<'core.team.created.v1'>>('core.team.created.v1');
    expect(created.data).toEqual({ teamId: team.id, name: 'Support' });

    expect((await postJson<Team>(host, `/api/v1/teams/${team.id}/members`, { agentId: ana.id })).agentIds).toEqual([ana.id]);
    expect((await postJson<Team>(host, `/api/v1/teams/${team.id}/members`, { agentId: ana.id })).agentIds).toEqual([ana.id]);
    const both = await postJson<Team>(host, `/api/v1/teams/${team.id}/members`, { agentId: bob.id });
    expect(both.agentIds.sort()).toEqual([ana.id, bob.id].sort());
    expect((await host.request(`/api/v1/teams/${team.id}/members/${ana.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await host.request(`/api/v1/teams/${team.id}/members/${ana.id}`, { method: 'DELETE' })).status).toBe(204);

    const listed = await getJson<{ items: Team[] }>(host, '/api/v1/teams', ana);
    expect(listed.items).toEqual([{ ...team, agentIds: [bob.id] }]);
    await host.waitForEvent('core.team.member_removed.v1');
    const teamEvents = host.events().filter((e) => e.type.startsWith('core.team.'));
    expect(teamEvents.map((e) => [e.type, (e.data as { agentId?: string }).agentId])).toEqual([
      ['core.team.created.v1', undefined],
      ['core.team.member_added.v1', ana.id],
      ['core.team.member_added.v1', bob.id],
      ['core.team.member_removed.v1', ana.id],
    ]);
  });

  it('refuses non-admins (403), duplicate names (409), unknown teams (404), unknown agents and bad bodies (422)', async () => {
    const team = await postJson<Team>(host, '/api/v1/teams', { name: 'Sales' });
    const crm = await newApiToken(host, 'crm');
    await expectProblem(await ana.request('/api/v1/teams', { method: 'POST', body: JSON.stringify({ name: 'Mine' }) }), 403, 'SWB_ERR_FORBIDDEN');
    await expectProblem(await crm.request('/api/v1/teams', { method: 'POST', body: JSON.stringify({ name: 'Mine' }) }), 403, 'SWB_ERR_FORBIDDEN');
    await expectProblem(await ana.request(`/api/v1/teams/${team.id}/members`, { method: 'POST', body: JSON.stringify({ agentId: ana.id }) }), 403, 'SWB_ERR_FORBIDDEN');
    await expectProblem(await ana.request(`/api/v1/teams/${team.id}/members/${ana.id}`, { method: 'DELETE' }), 403, 'SWB_ERR_FORBIDDEN');
    await expectProblem(await host.request('/api/v1/teams', { method: 'POST', body: JSON.stringify({ name: 'Sales' }) }), 409, 'SWB_ERR_CONFLICT');
    await expectProblem(await host.request('/api/v1/teams', { method: 'POST', body: JSON.stringify({ name: '   ' }) }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await host.request('/api/v1/teams/01NOTEAM/members', { method: 'POST', body: JSON.stringify({ agentId: ana.id }) }), 404, 'SWB_ERR_TEAM_NOT_FOUND');
    await expectProblem(await host.request(`/api/v1/teams/01NOTEAM/members/${ana.id}`, { method: 'DELETE' }), 404, 'SWB_ERR_TEAM_NOT_FOUND');
    await expectProblem(await host.request(`/api/v1/teams/${team.id}/members`, { method: 'POST', body: JSON.stringify({ agentId: '01NOAGENT' }) }), 422, 'SWB_ERR_AGENT_NOT_FOUND');
    await expectProblem(await host.request(`/api/v1/teams/${team.id}/members`, { method: 'POST', body: JSON.stringify({ agent: ana.id }) }), 422, 'SWB_ERR_VALIDATION');
  });

  it('publishes presence changes live, once per change', async () => {
    const live = await connectRealtime(host.url, host.adminToken);
    await live.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    const put = (presence: string) => ana.request('/api/v1/me/presence', { method: 'PUT', body: JSON.stringify({ presence }) });
    expect(await (await put('online')).json()).toMatchObject({ id: ana.id, presence: 'online' });
    expect((await put('online')).status).toBe(200);
    await put('away');
    await live.waitFor(() => live.events().filter((f) => f.event?.type === 'core.agent.presence_changed.v1').length === 2);
    const changes = live.events().filter((f) => f.event?.type === 'core.agent.presence_changed.v1').map((f) => f.event!.data);
    expect(changes).toEqual([
      { agentId: ana.id, presence: 'online', previous: 'offline' },
      { agentId: ana.id, presence: 'away', previous: 'online' },
    ]);
    const agents = await getJson<{ items: Array<{ id: string; presence: string }> }>(host, '/api/v1/agents');
    expect(agents.items.find((a) => a.id === ana.id)?.presence).toBe('away');
    await live.close();
    const crm = await newApiToken(host, 'presence');
    await expectProblem(await crm.request('/api/v1/me/presence', { method: 'PUT', body: JSON.stringify({ presence: 'online' }) }), 403, 'SWB_ERR_FORBIDDEN');
  });
});
