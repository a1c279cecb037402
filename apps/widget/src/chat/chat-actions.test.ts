import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTypingSignal } from './chat-actions';

describe('the visitor’s typing signal', () => {
  afterEach(() => vi.useRealTimers());

  it('says "typing" at most every 3 s while keys are pressed, and "stopped" after 3 s idle or on send', () => {
    vi.useFakeTimers();
    const signals: boolean[] = [];
    const typing = createTypingSignal((state) => signals.push(state), () => Date.now());
    typing.keyPressed();
    vi.advanceTimersByTime(1000);
    typing.keyPressed();
    vi.advanceTimersByTime(1000);
    typing.keyPressed();
    expect(signals).toEqual([true]);
    vi.advanceTimersByTime(1001);
    typing.keyPressed();
    expect(signals).toEqual([true, true]);
    vi.advanceTimersByTime(3000);
    expect(signals).toEqual([true, true, false]);
    // Sent: "stopped" at once, and only once.
    typing.keyPressed();
    typing.stop();
    typing.stop();
    vi.advanceTimersByTime(5000);
    expect(signals).toEqual([true, true, false, true, false]);
  });
});
