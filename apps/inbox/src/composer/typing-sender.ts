/** Options of {@link createTypingSender}. */
export type TypingSenderOptions = {
  /** `POST /conversations/:id/typing {typing}`; failures are the caller's to swallow. */
  send(typing: boolean): void;
  /** At most one "typing" per this many ms while the agent keeps typing (receivers expire after ~6 s). */
  intervalMs?: number;
  /** A pause this long counts as stopped (ms). */
  idleMs?: number;
  now?(): number;
};

/**
 * Tells colleagues the agent is typing a reply: `typing: true` on the first keystroke and again at
 * most every `intervalMs` while typing goes on, `typing: false` once on send, blur, an emptied box,
 * switching to a private note, or a pause of `idleMs`. Private notes never signal (a customer's
 * channel may one day show agents' typing, and a note must never look like a reply on its way).
 *
 * @example
 * const typing = createTypingSender({ send: (t) => void api.typing(id, t).catch(() => {}) });
 * textarea.oninput = () => typing.input(); textarea.onblur = () => typing.stop();
 */
export function createTypingSender(options: TypingSenderOptions) {
  const interval = options.intervalMs ?? 3000;
  const idle = options.idleMs ?? 5000;
  const now = options.now ?? Date.now;
  let active = false;
  let lastSent = 0;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  function stop(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!active) return;
    active = false;
    options.send(false);
  }

  return {
    /** The agent typed (or pasted) in the reply box. */
    input(): void {
      const t = now();
      if (!active || t - lastSent >= interval) {
        active = true;
        lastSent = t;
        options.send(true);
      }
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, idle);
    },
    /** Sent, blurred, emptied, switched to a note, or left the conversation. */
    stop,
    isActive: (): boolean => active,
  };
}

/** A typing sender. */
export type TypingSender = ReturnType<typeof createTypingSender>;
