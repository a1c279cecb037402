import { describe, expect, it, vi } from 'vitest';
import { createApiClient, queryString } from './api-client';
import { ApiError, NETWORK_ERROR_CODE } from './api-error';

function problem(status: number, body: object) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

function client(fetchImpl: typeof fetch, token: string | null = 'tok') {
  const onUnauthorized = vi.fn();
  return { api: createApiClient({ getToken: () => token, onUnauthorized, fetch: fetchImpl }), onUnauthorized };
}

describe('api client', () => {
  it('sends the bearer token and JSON, and parses the answer', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: 1 }), { status: 200 }));
    const { api } = client(fetchImpl as unknown as typeof fetch);
    await expect(api.request('POST', '/conversations/c1/assign', { body: { agentId: null } })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/conversations/c1/assign');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
    expect(init.body).toBe('{"agentId":null}');
  });

  it('turns a problem+json answer into an ApiError with the code, detail and field errors', async () => {
    const body = { type: 'urn:switchboard:error:SWB_ERR_VALIDATION', title: 'Bad Request', status: 400, code: 'SWB_ERR_VALIDATION', detail: 'the request is invalid', errors: [{ path: 'text', message: 'too long' }] };
    const { api } = client((async () => problem(400, body)) as unknown as typeof fetch);
    const error = await api.request('POST', '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'SWB_ERR_VALIDATION', message: 'the request is invalid (text: too long)', retryable: false });
  });

  it('reports a network failure as status 0, retryable', async () => {
    const { api } = client((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const error = await api.request('GET', '/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR_CODE, retryable: true });
  });

  it('ends the session on a 401 to a signed-in request, but not on a failed sign-in', async () => {
    const unauthorized = async () => problem(401, { type: 't', title: 'Unauthorized', status: 401, code: 'SWB_ERR_UNAUTHENTICATED', detail: 'expired' });
    const signedIn = client(unauthorized as unknown as typeof fetch);
    await expect(signedIn.api.request('GET', '/me')).rejects.toMatchObject({ status: 401 });
    expect(signedIn.onUnauthorized).toHaveBeenCalledOnce();
    const signingIn = client(unauthorized as unknown as typeof fetch, null);
    await expect(signingIn.api.request('POST', '/auth/login', { body: {} })).rejects.toMatchObject({ status: 401, message: 'expired' });
    expect(signingIn.onUnauthorized).not.toHaveBeenCalled();
  });

  it('falls back to the status line when the body is not a problem', async () => {
    const { api } = client((async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as unknown as typeof fetch);
    await expect(api.request('GET', '/me')).rejects.toMatchObject({ status: 502, code: 'HTTP_502', message: 'The server answered 502 Bad Gateway.', retryable: true });
  });

  it('builds query strings from defined values only', () => {
    expect(queryString({ status: 'open', cursor: undefined, assignee: null, limit: 50 })).toBe('?status=open&limit=50');
    expect(queryString({})).toBe('');
  });
});
