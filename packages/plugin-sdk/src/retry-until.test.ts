import { describe, expect, it } from 'vitest';
import { retryUntil } from './retry-until';

class Refused extends Error {}

describe('retryUntil', () => {
  it('retries transient failures with the given pauses until the action succeeds', async () => {
    let calls = 0;
    const retries: Array<[number, number]> = [];
    const result = await retryUntil(
      async () => {
        calls += 1;
        if (calls < 4) throw new Error('down');
        return 'registered';
      },
      { delaysMs: [1, 2], signal: new AbortController().signal, isFinal: (e) => e instanceof Refused, onRetry: (_e, attempt, delay) => retries.push([attempt, delay]) },
    );
    expect(result).toEqual({ outcome: 'done', value: 'registered' });
    // The last pause repeats.
    expect(retries).toEqual([[1, 1], [2, 2], [3, 2]]);
  });

  it('stops at a final refusal and hands back its error', async () => {
    let calls = 0;
    const refusal = new Refused('token revoked');
    const result = await retryUntil(
      async () => {
        calls += 1;
        throw calls === 1 ? new Error('down') : refusal;
      },
      { delaysMs: [1], signal: new AbortController().signal, isFinal: (e) => e instanceof Refused },
    );
    expect(result).toEqual({ outcome: 'refused', error: refusal });
    expect(calls).toBe(2);
  });

  it('ends a pending pause at once when the signal aborts', async () => {
    const stop = new AbortController();
    const pending = retryUntil(() => Promise.reject(new Error('down')), { delaysMs: [600_000], signal: stop.signal, isFinal: () => false, onRetry: () => setTimeout(() => stop.abort(), 10) });
    // Without the abort this would wait ten minutes and run into the test's timeout.
    expect(await pending).toEqual({ outcome: 'aborted' });
  });

  it('does not pause at all once the signal has aborted', async () => {
    const stop = new AbortController();
    const result = await retryUntil(() => Promise.reject(new Error('down')), { delaysMs: [600_000], signal: stop.signal, isFinal: () => false, onRetry: () => stop.abort() });
    expect(result).toEqual({ outcome: 'aborted' });
  });
});
