import { useSyncExternalStore } from 'react';

// One clock for every relative time on screen, ticking twice a minute.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The current time in ms, refreshed every 30 s for all subscribers at once.
 *
 * @example
 * const now = useNow(); shortAge(conv.lastActivityAt, now);
 */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => now);
}
