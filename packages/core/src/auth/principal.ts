/** Who is calling the API: a signed-in agent or an API token. */
export type Principal =
  | { kind: 'agent'; id: string; role: 'admin' | 'agent'; email: string; name: string }
  | { kind: 'token'; id: string; role: 'admin' | 'integrator'; name: string };

/**
 * Whether the principal may use admin endpoints.
 *
 * @example
 * if (!isAdmin(principal)) throw forbidden();
 */
export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}
