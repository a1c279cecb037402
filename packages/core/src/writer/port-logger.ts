import type { Logger } from '@switchboard/plugin-sdk';

/** The levels of the SDK's logger, lowest first (pino's order). */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

/** One log record the writer thread hands to the main thread's logger. */
export type LogRecord = { type: 'log'; level: Level; bindings: Record<string, unknown>; fields: Record<string, unknown>; message: string | undefined };

/**
 * A logger for a worker thread that forwards every record at or above `level` to the main
 * thread, where {@link writeLogRecord} writes it with the process's logger — so the worker's
 * lines get the same format, destination and secret redaction. Errors among the fields are sent
 * as their name, message, code and stack (an Error does not survive the trip whole).
 *
 * @example
 * const logger = createPortLogger((record) => parentPort.postMessage(record), 'info');
 * logger.child({ component: 'outbox' }).warn({ err }, 'outbox relay could not publish');
 */
export function createPortLogger(post: (record: LogRecord) => void, level: string, bindings: Record<string, unknown> = {}): Logger {
  // pino's 'silent' sends nothing; an unknown level sends everything.
  const threshold = level === 'silent' ? LEVELS.length : Math.max(0, LEVELS.indexOf(level as Level));
  const method = (name: Level) =>
    ((first: Record<string, unknown> | string, message?: string) => {
      if (LEVELS.indexOf(name) < threshold) return;
      const fields = typeof first === 'string' ? {} : plainFields(first);
      post({ type: 'log', level: name, bindings, fields, message: typeof first === 'string' ? first : message });
    }) as Logger['info'];
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: (more) => createPortLogger(post, level, { ...bindings, ...more }),
  };
}

/**
 * Writes a record from {@link createPortLogger} with `logger`.
 *
 * @example
 * worker.on('message', (m) => m.type === 'log' && writeLogRecord(logger, m));
 */
export function writeLogRecord(logger: Logger, record: LogRecord): void {
  const target = Object.keys(record.bindings).length > 0 ? logger.child(record.bindings) : logger;
  target[record.level](record.fields, record.message);
}

function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? errorFields(value) : value;
  return out;
}

function errorFields(err: Error): Record<string, unknown> {
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, stack: err.stack, ...(code !== undefined ? { code } : {}) };
}
