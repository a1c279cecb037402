import { AttachmentsConfigSchema } from '@switchboard/core';
import * as v from 'valibot';

/**
 * Log levels pino knows, from loudest to silent.
 *
 * @example
 * logLevels.includes('debug'); // true
 */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A whole number, also given as a string: `${VAR}` substitution always yields strings, so
 * `port: ${HTTP_PORT}` must be accepted like `port: 8080`.
 */
function integerLike(min: number, max: number, what: string) {
  return v.pipe(
    v.unknown(),
    v.transform((input) => (typeof input === 'string' && /^\s*-?\d+\s*$/.test(input) ? Number(input) : input)),
    v.number(`must be ${what}`),
    v.integer(`must be ${what}`),
    v.minValue(min, `must be ${what}`),
    v.maxValue(max, `must be ${what}`),
  );
}

/** `true`/`false`, also given as the strings `"true"`/`"false"` from `${VAR}` substitution. */
const BooleanLikeSchema = v.pipe(
  v.unknown(),
  v.transform((input) => (input === 'true' ? true : input === 'false' ? false : input)),
  v.boolean('must be true or false'),
);

/** A string; YAML reads unquoted `1234` as a number, hence the hint. */
const TextSchema = v.string('must be a string (quote numbers in YAML, e.g. "1234")');
const NonEmptyTextSchema = v.pipe(TextSchema, v.trim(), v.minLength(1, 'must not be empty'));

/**
 * The HTTP port: 0 picks a free one. Accepts `8080` and `"8080"` (from `${PORT}`).
 *
 * @example
 * v.parse(PortSchema, '8080'); // 8080
 */
export const PortSchema = integerLike(0, 65_535, 'a port number from 0 to 65535');

const ServerSectionSchema = v.strictObject({
  port: v.nullish(PortSchema, 3000),
  host: v.nullish(NonEmptyTextSchema, '0.0.0.0'),
  /** The address agents and providers reach the server at, when it differs from host:port. */
  publicUrl: v.nullish(v.pipe(TextSchema, v.trim(), v.url('must be a URL like "https://inbox.example.com"'))),
});

const DatabaseSectionSchema = v.strictObject({
  url: v.nullish(
    v.pipe(
      NonEmptyTextSchema,
      v.regex(/^(file|libsql|https?|wss?):/, 'must be a libSQL URL such as "file:./data/switchboard.db" or "libsql://db.example.com"'),
    ),
  ),
  authToken: v.nullish(NonEmptyTextSchema),
});

/** One URL, a comma-separated list (handy from one env var) or a YAML list. */
const NatsServersSchema = v.pipe(
  v.unknown(),
  v.transform((input) => (typeof input === 'string' ? input.split(',').map((s) => s.trim()).filter(Boolean) : input)),
  v.array(
    v.pipe(TextSchema, v.regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'must be a NATS URL such as "nats://127.0.0.1:4222"')),
    'must be a NATS URL or a list of them',
  ),
  v.minLength(1, 'must name at least one server'),
);

const NatsSectionSchema = v.strictObject({
  url: v.nullish(NatsServersSchema),
  token: v.nullish(NonEmptyTextSchema),
  user: v.nullish(NonEmptyTextSchema),
  pass: v.nullish(NonEmptyTextSchema),
});

const AuthSectionSchema = v.strictObject({
  admin: v.nullish(
    v.strictObject({
      email: v.nullish(v.pipe(TextSchema, v.trim(), v.email('must be an e-mail address'))),
      password: v.nullish(v.pipe(TextSchema, v.minLength(8, 'must be at least 8 characters'))),
    }),
    {},
  ),
  sessionTtlHours: v.nullish(integerLike(1, 24 * 365, 'a whole number of hours from 1 to 8760'), 12),
  signingKey: v.nullish(v.pipe(TextSchema, v.minLength(32, 'must be at least 32 characters'))),
});

const DeliverySectionSchema = v.strictObject({
  maxAttempts: v.nullish(integerLike(1, 100, 'a whole number from 1 to 100')),
  /** One delay, or one per retry (the last repeats). */
  backoffMs: v.nullish(
    v.pipe(
      v.unknown(),
      v.transform((input) => (Array.isArray(input) ? input : [input])),
      v.array(integerLike(0, 86_400_000, 'a delay in milliseconds (0 to 86400000)')),
      v.minLength(1, 'must list at least one delay'),
    ),
  ),
});

const LogSectionSchema = v.strictObject({
  level: v.nullish(v.picklist(logLevels, `must be one of ${logLevels.join(', ')}`), 'info'),
  pretty: v.nullish(BooleanLikeSchema, false),
});

/**
 * One plugin's block under `plugins:`. An empty block (`channel-api:`) enables the plugin with
 * its defaults. Options are checked against the plugin's own schema afterwards.
 *
 * @example
 * v.parse(PluginBlockSchema, null); // { enabled: true, options: {}, secrets: {} }
 */
export const PluginBlockSchema = v.nullish(
  v.strictObject({
    enabled: v.nullish(BooleanLikeSchema, true),
    options: v.nullish(v.record(v.string(), v.unknown(), 'must be a map of option names to values'), {}),
    secrets: v.nullish(v.record(v.string(), TextSchema, 'must be a map of secret names to values'), {}),
  }),
  {},
);
/** Output of {@link PluginBlockSchema}. */
export type PluginBlock = v.InferOutput<typeof PluginBlockSchema>;

/**
 * The top level of `switchboard.config.yaml`. Strict at every level the server owns, so a typo
 * in a key is reported instead of silently ignored. Plugin blocks are checked one by one with
 * {@link PluginBlockSchema} so their problems name the plugin.
 *
 * @example
 * const config = v.parse(ServerConfigSchema, {}); // every default: port 3000, ./data, embedded NATS and libSQL
 */
export const ServerConfigSchema = v.strictObject({
  server: v.nullish(ServerSectionSchema, {}),
  dataDir: v.nullish(NonEmptyTextSchema, './data'),
  database: v.nullish(DatabaseSectionSchema, {}),
  nats: v.nullish(NatsSectionSchema, {}),
  auth: v.nullish(AuthSectionSchema, {}),
  attachments: v.nullish(AttachmentsConfigSchema, {}),
  delivery: v.nullish(DeliverySectionSchema, {}),
  log: v.nullish(LogSectionSchema, {}),
  plugins: v.nullish(v.record(v.string(), v.unknown(), 'must be a map of plugin ids to plugin settings'), {}),
});
/** Output of {@link ServerConfigSchema}: the config file with every default filled in. */
export type ServerConfig = v.InferOutput<typeof ServerConfigSchema>;
