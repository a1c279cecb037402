import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

/**
 * Keys whose values are secrets wherever they appear in a log record.
 *
 * @example
 * secretLogKeys.includes('signingKey'); // true
 */
export const secretLogKeys = [
  'password',
  'pass',
  'token',
  'secret',
  'secrets',
  'authToken',
  'signingKey',
  'authorization',
  'cookie',
  'apiKey',
  'accessKeyId',
  'secretAccessKey',
  'clientSecret',
  'privateKey',
] as const;

/** How deep below the record's top level secret keys are still found. */
const redactDepth = 4;

/**
 * Redaction paths for {@link secretLogKeys} at every depth up to {@link redactDepth}, plus
 * header names that carry credentials. pino matches wildcards one level at a time, so
 * `*.password` alone would miss `{ config: { nats: { password } } }`.
 *
 * @example
 * redactPaths().includes('*.*.password'); // true
 */
export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of secretLogKeys) {
    for (let depth = 0; depth <= redactDepth; depth++) paths.push([...Array<string>(depth).fill('*'), key].join('.'));
  }
  for (const header of ['x-api-key', 'x-auth-token', 'set-cookie', 'proxy-authorization']) {
    paths.push(`*.headers["${header}"]`, `*.*.headers["${header}"]`);
  }
  return paths;
}

/** Options of {@link createLogger}. */
export type CreateLoggerOptions = {
  level: string;
  /** Human-readable lines instead of JSON, for a terminal. */
  pretty?: boolean | undefined;
  /** Where records go; stdout by default. Tests pass a stream to read them. */
  destination?: DestinationStream | undefined;
};

/**
 * The server's logger: pino, JSON lines by default, with every secret-looking key redacted so a
 * password, token or signing key never reaches a log even when a whole config object is logged.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ nats: { servers: ['nats://127.0.0.1:4222'], token: 's3cret' } }, 'connecting'); // token: "[Redacted]"
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    base: { service: 'switchboard' },
    redact: { paths: redactPaths(), censor: '[Redacted]' },
  };
  if (options.pretty) {
    return pino(settings, pretty({ destination: options.destination ?? 1, sync: true, ignore: 'pid,hostname,service' }));
  }
  // synchronous: a line logged just before a crash or exit is written, and lines stay in order
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: true }));
}
