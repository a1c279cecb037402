import type { SwitchboardOptions } from '@switchboard/core';
import type { Logger } from 'pino';
import { findInboxDir } from '../inbox-dir';
import type { ResolvedConfig } from './load-config';

/**
 * The e-mail of the first-run admin when neither the file nor the environment names one.
 *
 * @example
 * options.auth.bootstrapAdmin?.email; // 'admin@switchboard.local' unless configured
 */
export const defaultAdminEmail = 'admin@switchboard.local';

/**
 * Builds the core's options from the resolved config. `natsServers` is the embedded server's URL
 * when the config names none, so the core never needs to know which it was.
 *
 * @example
 * const options = toSwitchboardOptions(resolved, { natsServers: [embedded.url], logger });
 * const switchboard = createSwitchboard(options);
 */
export function toSwitchboardOptions(resolved: ResolvedConfig, runtime: { natsServers: string[]; logger: Logger }): SwitchboardOptions {
  const { config } = resolved;
  const delivery: NonNullable<SwitchboardOptions['delivery']> = {};
  if (config.delivery.maxAttempts !== undefined && config.delivery.maxAttempts !== null) delivery.maxAttempts = config.delivery.maxAttempts;
  if (config.delivery.backoffMs !== undefined && config.delivery.backoffMs !== null) delivery.backoffMs = config.delivery.backoffMs;
  return {
    database: { url: config.database.url, authToken: config.database.authToken ?? undefined },
    nats: {
      servers: runtime.natsServers,
      token: config.nats.token ?? undefined,
      user: config.nats.user ?? undefined,
      pass: config.nats.pass ?? undefined,
    },
    http: { port: config.server.port, host: config.server.host, publicUrl: config.server.publicUrl ?? undefined },
    dataDir: config.dataDir,
    inboxDir: findInboxDir(),
    attachments: config.attachments,
    auth: {
      bootstrapAdmin: { email: config.auth.admin.email ?? defaultAdminEmail, password: config.auth.admin.password ?? undefined },
      sessionTtlHours: config.auth.sessionTtlHours,
      signingKey: config.auth.signingKey ?? undefined,
    },
    delivery,
    plugins: resolved.plugins,
    logger: runtime.logger,
  };
}
