import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';
import type { Logger as PinoLogger } from 'pino';
import type { AttachmentsConfig } from './attachments/attachments-config';

/** One enabled plugin as the composition root hands it over: its definition, raw options, secrets. */
export type PluginEntry = {
  definition: AnyPluginDefinition;
  /** Raw options from the config file, validated by the plugin's schema at boot. */
  options: unknown;
  /** Secret values by name (already `${ENV}`-substituted); undefined or empty means missing. */
  secrets: Record<string, string | undefined>;
};

/** One problem with the configuration, naming the plugin (or null for the core) and the key. */
export type ConfigProblem = {
  plugin: string | null;
  key: string;
  message: string;
  expected?: string;
  received?: string;
};

/** Everything the core needs to run. `apps/server` builds it from the config file and env. */
export type SwitchboardOptions = {
  database: { url: string; authToken?: string | undefined };
  nats: { servers: string[]; token?: string | undefined; user?: string | undefined; pass?: string | undefined };
  http: { port: number; host: string; publicUrl?: string | undefined };
  /** The built agent inbox (`apps/inbox/dist`), served at `/`. */
  inboxDir?: string | undefined;
  /** Where local files live (attachments, embedded stores). */
  dataDir: string;
  attachments: AttachmentsConfig;
  auth: {
    /** First-run admin; when no agent exists one is created with these (or a generated password). */
    bootstrapAdmin?: { email: string; password?: string | undefined } | undefined;
    sessionTtlHours: number;
    /** Key for signing attachment URLs; generated and stored in the database when absent. */
    signingKey?: string | undefined;
  };
  /** How outbound delivery is retried before a message is marked failed and dead-lettered. */
  delivery?: { maxAttempts?: number; backoffMs?: number[] } | undefined;
  plugins: PluginEntry[];
  logger: PinoLogger;
  /**
   * The built entry of the core's writer thread, for a bundle (apps/server passes its
   * `core-writer.js`); from sources the core finds its own.
   */
  writerEntry?: URL | undefined;
};
