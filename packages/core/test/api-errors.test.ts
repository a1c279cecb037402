import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';

describe('REST API refuses bad input with problem+json, never a 500', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  let conversationId: string;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
    ({ conversationId } = await echo.channel().recordInbound({ thread: 'api', from: { identity: { type: 'echo_user', value: 'api' } }, providerMessageId: 'api-1', text: 'hello' }));
  });
  afterAll(async () => host?.stop());

  const expectProblem = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; status: number; detail: string; type: string };
    expect(body).toMatchObject({ code, status, type: `urn:switchboard:error:${code}` });
    expect(body.detail.length).toBeGreaterThan(0);
    return body;
  };
  const post = (path: string, body: string, headers: Record<string, string> = {}) => host.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('malformed JSON is a 400', async () => {
    await expectProblem(await post(`/api/v1/conversations/${conversationId}/messages`, '{"clientMessageId": "x", '), 400, 'SWB_ERR_MALFORMED_JSON');
  });

  it('wrong types are a 422 naming every field', async () => {
    const body = await expectProblem(await post(`/api/v1/conversations/${conversationId}/messages`, JSON.stringify({ clientMessageId: 5, text: ['no'] })), 422, 'SWB_ERR_VALIDATION');
    expect(body.detail).toContain('body.clientMessageId');
    expect(body.detail).toContain('body.text');
  });

  it('an unknown conversation is a 404', async () => {
    await expectProblem(await post('/api/v1/conversations/01NOPE/messages', JSON.stringify({ clientMessageId: 'a', text: 'hi' })), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await host.request('/api/v1/conversations/01NOPE'), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
  });

  it('a missing token is a 401, an invalid one too, and an agent is not an admin', async () => {
    const url = `${host.url}/api/v1/conversations`;
    await expectProblem(await fetch(url), 401, 'SWB_ERR_UNAUTHENTICATED');
    await expectProblem(await fetch(url, { headers: { authorization: 'Bearer swb_s_forged' } }), 401, 'SWB_ERR_UNAUTHENTICATED');
    await expectProblem(await fetch(url, { headers: { authorization: 'Basic abc' } }), 401, 'SWB_ERR_UNAUTHENTICATED');
    const created = await post('/api/v1/agents', JSON.stringify({ email: 'agent@example.com', name: 'Agent', role: 'agent', password: 'agent-password-1' }));
    expect(created.status).toBe(201);
    const login = await fetch(`${host.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'agent-password-1' }) });
    const { token } = (await login.json()) as { token: string };
    await expectProblem(await post('/api/v1/api-tokens', JSON.stringify({ name: 'x' }), { authorization: `Bearer ${token}` }), 403, 'SWB_ERR_FORBIDDEN');
    const wrong = await fetch(`${host.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'nope' }) });
    await expectProblem(wrong, 401, 'SWB_ERR_INVALID_CREDENTIALS');
    // Signing out ends the session at once.
    await post('/api/v1/auth/logout', '', { authorization: `Bearer ${token}` });
    await expectProblem(await fetch(url, { headers: { authorization: `Bearer ${token}` } }), 401, 'SWB_ERR_UNAUTHENTICATED');
  });

  it('an oversize body is a 413', async () => {
    const big = JSON.stringify({ clientMessageId: 'big', text: 'x'.repeat(2 * 1024 * 1024) });
    await expectProblem(await post(`/api/v1/conversations/${conversationId}/messages`, big), 413, 'SWB_ERR_BODY_TOO_LARGE');
  });

  it('an unknown route is a 404 problem', async () => {
    await expectProblem(await host.request('/api/v1/nothing-here'), 404, 'SWB_ERR_NOT_FOUND');
  });

  it('API tokens work for integrators and stop working once revoked', async () => {
    const res = await post('/api/v1/api-tokens', JSON.stringify({ name: 'crm sync' }));
    expect(res.status).toBe(201);
    const { id, token } = (await res.json()) as { id: string; token: string };
    expect(token.startsWith('swb_t_')).toBe(true);
    const list = await fetch(`${host.url}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    expect((await host.request(`/api/v1/api-tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await fetch(`${host.url}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } }), 401, 'SWB_ERR_UNAUTHENTICATED');
  });

  it('describes every API route in the OpenAPI document and renders docs', async () => {
    const doc = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/conversations', 'get'],
      ['/api/v1/conversations/{id}/messages', 'post'],
      ['/api/v1/conversations/{id}/events', 'get'],
      ['/api/v1/attachments', 'post'],
      ['/api/v1/attachments/{id}/content', 'get'],
      ['/api/v1/realtime', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const front = await fetch(`${host.url}/`, { redirect: 'manual' });
    expect(front.headers.get('location')).toBe('/api/docs');
    const html = await (await fetch(`${host.url}/api/docs`)).text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    const asset = await fetch(`${host.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });

  it('reports health, readiness and metrics', async () => {
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${host.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', nats: 'ok', 'plugin:echo-channel': 'started' } });
    const metrics = await (await fetch(`${host.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_http_requests_total');
    expect(metrics).toContain('switchboard_outbox_backlog');
  });
});
