/** A problem detail (RFC 9457) as the Switchboard API answers errors, with its stable `code`. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
};

/** The code of an {@link ApiError} for a request that never got an answer (offline, DNS, reset). */
export const NETWORK_ERROR_CODE = 'SWB_INBOX_NETWORK';

/**
 * A failed API call: the server's problem, or a network failure with status 0. `message` is
 * written for people; `problem.errors` lists field-level issues when the server gave them.
 *
 * @example
 * try { await api.post('/conversations/x/assign', { agentId: null }); }
 * catch (err) { if (err instanceof ApiError && err.status === 404) showNotFound(); }
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? NETWORK_ERROR_CODE : `HTTP_${status}`);
    this.problem = problem;
  }

  /** Whether trying the same request again may succeed (network failure, 5xx, 429). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/**
 * Reads an error response into an {@link ApiError}, accepting a problem body or anything else.
 *
 * @example
 * if (!res.ok) throw await apiErrorFrom(res);
 */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === 'object' && typeof body.detail === 'string') {
      problem = {
        type: body.type ?? 'about:blank',
        title: body.title ?? res.statusText,
        status: body.status ?? res.status,
        code: body.code ?? `HTTP_${res.status}`,
        detail: body.detail,
        ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
      };
    }
  } catch {
    // Not JSON (a proxy's HTML error page): fall back to the status line.
  }
  return new ApiError(res.status, problem, describeProblem(res.status, problem, res.statusText));
}

/**
 * One sentence for people: the server's detail plus field errors, or a fallback by status.
 *
 * @example
 * describeProblem(413, problem, 'Content Too Large'); // 'upload refused: the limit is 25 MiB …'
 */
export function describeProblem(status: number, problem: Problem | null, statusText = ''): string {
  if (problem) {
    const fields = problem.errors?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    return fields ? `${problem.detail} (${fields})` : problem.detail;
  }
  if (status === 0) return 'The server could not be reached. Check your connection.';
  return `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
}
