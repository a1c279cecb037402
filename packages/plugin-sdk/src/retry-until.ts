/** Options of {@link retryUntil}. */
export type RetryUntilOptions = {
  /** Pauses between attempts; the last one repeats. */
  delaysMs: readonly number[];
  /** Stops the retries (the plugin's `ctx.signal`): a pending pause ends at once. */
  signal: AbortSignal;
  /** Whether an error is a refusal no retry gets past (a revoked token): then no more attempts. */
  isFinal(err: unknown): boolean;
  /** Told about each failure that will be retried, with the pause before the next attempt. */
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
};

/** How {@link retryUntil} ended: the action succeeded, was refused for good (with the error), or was stopped. */
export type RetryOutcome<T> = { outcome: 'done'; value: T } | { outcome: 'refused'; error: unknown } | { outcome: 'aborted' };

/**
 * Runs an action until it succeeds, retrying transient failures with growing pauses, until a
 * final refusal or the signal stops it — for work a plugin does in the background at start
 * (registering its webhook with the provider) that must neither block boot nor give up on a
 * provider that is briefly down.
 *
 * @example
 * const result = await retryUntil(() => api.setWebhook(url), { delaysMs: [1000, 5000, 30_000], signal: ctx.signal, isFinal: (e) => e instanceof AuthError });
 * if (result.outcome === 'refused') ctx.logger.error({ err: result.error }, 'the provider refused the webhook');
 */
export async function retryUntil<T>(action: () => Promise<T>, options: RetryUntilOptions): Promise<RetryOutcome<T>> {
  for (let attempt = 1; !options.signal.aborted; attempt += 1) {
    try {
      return { outcome: 'done', value: await action() };
    } catch (err) {
      if (options.signal.aborted) break;
      if (options.isFinal(err)) return { outcome: 'refused', error: err };
      const delay = options.delaysMs[Math.min(attempt - 1, options.delaysMs.length - 1)] ?? 1000;
      options.onRetry?.(err, attempt, delay);
      await pause(delay, options.signal);
    }
  }
  return { outcome: 'aborted' };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });
}
