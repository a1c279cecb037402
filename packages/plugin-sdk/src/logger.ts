/** One logging method: an object of fields and a message, or just a message (pino's signature). */
export type LogFn = {
  (fields: Record<string, unknown>, message?: string): void;
  (message: string): void;
};

/**
 * The structured logger a plugin gets, bound to its id. The host passes a pino child logger, which
 * redacts configured secret paths; never log a secret or a raw customer payload.
 *
 * @example
 * ctx.logger.info({ eventId: event.id, correlationId: event.correlationid }, 'webhook delivered');
 */
export type Logger = {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Record<string, unknown>): Logger;
};
