import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { expect } from 'vitest';

/** A signed-in agent (or an API token) of a test, with `fetch` bound to its token. */
export type Caller = { id: string; token: string; request(path: string, init?: RequestInit): Promise<Response> };

function bind(host: TestHost, token: string) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    return fetch(`${host.url}${path}`, { ...init, headers });
  };
}

/**
 * Creates an agent through the admin API and signs it in.
 *
 * @example
 * const ana = await signInNewAgent(host, 'ana@example.com');
 */
export async function signInNewAgent(host: TestHost, email: string, role: 'admin' | 'agent' = 'agent'): Promise<Caller> {
  const password = 'agent-password-1';
  const created = await host.request('/api/v1/agents', { method: 'POST', body: JSON.stringify({ email, name: email.split('@')[0], role, password }) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const login = await fetch(`${host.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { token } = (await login.json()) as { token: string };
  return { id, token, request: bind(host, token) };
}

/**
 * Creates an integrator's API token through the admin API.
 *
 * @example
 * const crm = await newApiToken(host, 'crm');
 */
export async function newApiToken(host: TestHost, name: string): Promise<Caller> {
  const res = await host.request('/api/v1/api-tokens', { method: 'POST', body: JSON.stringify({ name }) });
  const { id, token } = (await res.json()) as { id: string; token: string };
  return { id, token, request: bind(host, token) };
}

/**
 * Asserts an `application/problem+json` answer with a status and code; returns its body.
 *
 * @example
 * await expectProblem(await host.request('/api/v1/conversations/nope'), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
 */
export async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { code: string; status: number; detail: string; errors?: Array<{ path: string; message: string }> };
  expect(body).toMatchObject({ code, status });
  return body;
}

/**
 * POSTs JSON with the admin's token (or the given caller's) and returns the parsed body.
 *
 * @example
 * const out = await postJson(host, `/api/v1/conversations/${id}/labels`, { labels: ['vip'] });
 */
export async function postJson<T = Record<string, unknown>>(host: TestHost, path: string, body: unknown, caller?: Caller): Promise<T> {
  const init = { method: 'POST', body: JSON.stringify(body) };
  const res = caller ? await caller.request(path, init) : await host.request(path, init);
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * GETs with the admin's token (or the given caller's) and returns the parsed body.
 *
 * @example
 * const page = await getJson<{ items: unknown[] }>(host, '/api/v1/conversations');
 */
export async function getJson<T = Record<string, unknown>>(host: TestHost, path: string, caller?: Caller): Promise<T> {
  const res = caller ? await caller.request(path) : await host.request(path);
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
