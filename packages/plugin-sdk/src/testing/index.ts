import type { CloudEvent } from '@switchboard/events';
import type { AnyPluginDefinition } from '../define-plugin';
import type { PluginBus } from '../bus/bus-types';

/** One plugin to run in the test host, with its options and secrets as a config file would give them. */
export type TestPlugin = {
  definition: AnyPluginDefinition;
  options?: unknown;
  secrets?: Record<string, string>;
};

/** Options of {@link startTestHost}. */
export type TestHostOptions = {
  plugins?: TestPlugin[];
  /** Outbound delivery retries; tests usually want short backoffs. */
  delivery?: { maxAttempts?: number; backoffMs?: number[] };
  /** A built agent inbox to serve at `/` (for browser tests). */
  inboxDir?: string;
  /** Server log level on stderr; `error` by default to keep test output readable. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
};

/** A real Switchboard around the plugins under test: nats-server on a free port, a temp libSQL file. */
export type TestHost = {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:41234`. */
  url: string;
  natsUrl: string;
  /** The temporary libSQL file's URL (`file:…`), for tests that look into the plugin's own tables. */
  databaseUrl: string;
  /** A signed-in admin's session token. */
  adminToken: string;
  /** `fetch` against the host with the admin's token (unless the init sets Authorization). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A bus client of the test itself (owner `test`): request commands, publish `test.*` events. */
  bus: PluginBus;
  /** Waits for an event on the bus matching the type (and predicate); remembers events seen since start. */
  waitForEvent<T = unknown>(type: string, predicate?: (event: CloudEvent<T>) => boolean, timeoutMs?: number): Promise<CloudEvent<T>>;
  /** Every event seen so far, in order. */
  events(): CloudEvent[];
  /** Stops and starts the server on the same database and NATS (a deploy or a crash). */
  restart(): Promise<void>;
  /** Kills nats-server hard, and starts it again on the same port and store. */
  natsDown(): Promise<void>;
  natsUp(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts a real host around plugins: a nats-server with JetStream on a free port, a temporary
 * libSQL file, the core with its API, and the plugins. Needs `@switchboard/core` installed next to
 * the SDK (a dev dependency of the plugin's workspace), and `nats-server` on PATH.
 *
 * @example
 * import { startTestHost } from '@switchboard/plugin-sdk/testing';
 * import plugin from '../src/index';
 *
 * const host = await startTestHost({ plugins: [{ definition: plugin, options: { outbound: { url } }, secrets: { inboundToken: 't' } }] });
 * const res = await fetch(`${host.url}/plugins/my-channel/webhook`, { method: 'POST', body: '{}' });
 * await host.stop();
 */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  // Resolved at run time so the SDK itself never depends on the core.
  const specifier = '@switchboard/core/testing';
  const core = (await import(specifier)) as { startTestHost(options: TestHostOptions): Promise<TestHost> };
  return core.startTestHost(options);
}
