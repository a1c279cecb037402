import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * Answers a plugin route with an RFC 9457 `application/problem+json` body — `type`, `title`,
 * `status`, `detail` and the plugin's stable `code` — the shape the core's API answers with, so
 * clients handle every Switchboard error alike. The code comes from the plugin's own catalog.
 *
 * @example
 * return problemResponse(c, 403, 'SWB_ERR_ACME_SIGNATURE_INVALID', 'X-Acme-Signature does not match the body');
 */
export function problemResponse(c: Context, status: number, code: string, detail: string, headers: Record<string, string> = {}): Response {
  const body = { type: `urn:switchboard:error:${code}`, title: TITLES[status] ?? 'Error', status, code, detail };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, { ...headers, 'Content-Type': 'application/problem+json' });
}
