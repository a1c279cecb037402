import { ApiError, apiErrorFrom } from './api-error';

/** Options of {@link createApiClient}. */
export type ApiClientOptions = {
  /** Prefix of every path; the inbox is served by the server, so relative `/api/v1` by default. */
  baseUrl?: string;
  /** The session token, or null when signed out. */
  getToken(): string | null;
  /** Called once per 401 answered to a request that carried a token: the session is over. */
  onUnauthorized(): void;
  fetch?: typeof fetch;
};

/** Options of one request. */
export type RequestOptions = {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

/**
 * A small typed fetch wrapper for `/api/v1`: bearer token, JSON in and out, problem+json errors
 * as {@link ApiError} (status 0 for network failures), and a session-expired hook on 401.
 *
 * @example
 * const client = createApiClient({ getToken: () => session.token, onUnauthorized: expire });
 * const me = await client.request<MeResponse>('GET', '/me');
 */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request<T>(method: string, path: string, init: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(baseUrl + path + queryString(init.query), {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ApiError(0, null, 'The server could not be reached. Check your connection.', { cause: err });
    }
    if (!res.ok) {
      const error = await apiErrorFrom(res);
      if (res.status === 401 && token) options.onUnauthorized();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    /** The headers a non-JSON request (an upload) needs. */
    authHeaders(): Record<string, string> {
      const token = options.getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    baseUrl,
    onUnauthorized: options.onUnauthorized,
  };
}

/** A configured API client. */
export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * `?a=1&b=2` from defined values, or an empty string.
 *
 * @example
 * queryString({ status: 'open', cursor: undefined }); // '?status=open'
 */
export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
