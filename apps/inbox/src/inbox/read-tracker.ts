/** Options of {@link createReadTracker}. */
export type ReadTrackerOptions = {
  /** `POST /conversations/:id/read`. */
  markRead(conversationId: string): Promise<unknown>;
  /** How long new messages in the open conversation are collected before one read mark (ms). */
  delayMs?: number;
  /** Whether the agent can see the page (a hidden tab reads nothing). */
  isVisible?(): boolean;
  /** A read mark was saved: badges that count unread conversations may refresh. */
  onSaved?(conversationId: string): void;
};

/**
 * Read marks for the conversation the agent has open: marked read when it opens, and again (one
 * request for a burst, at most every `delayMs`) while new customer messages arrive in it. A hidden
 * tab reads nothing: the mark waits until the agent comes back. Listeners hear of a mark at once,
 * so unread badges clear without waiting for the server.
 *
 * @example
 * const reads = createReadTracker({ markRead: api.markRead, isVisible: () => !document.hidden });
 * const close = reads.open(conversationId);
 * reads.messageArrived(conversationId);
 */
export function createReadTracker(options: ReadTrackerOptions) {
  const delay = options.delayMs ?? 1000;
  const visible = options.isVisible ?? (() => true);
  const listeners = new Set<(conversationId: string) => void>();
  let openId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Something arrived while the tab was hidden: mark when it shows again.
  let owed = false;

  function clearTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function markNow(id: string): void {
    clearTimer();
    owed = false;
    for (const l of listeners) l(id);
    options.markRead(id).then(
      () => options.onSaved?.(id),
      () => {
        // A failed mark leaves the count as the server has it; the next open or message retries.
      },
    );
  }

  return {
    /** The agent opened a conversation; returns the function to call when it closes. */
    open(conversationId: string): () => void {
      clearTimer();
      openId = conversationId;
      if (visible()) markNow(conversationId);
      else owed = true;
      return () => {
        if (openId !== conversationId) return;
        openId = null;
        owed = false;
        clearTimer();
      };
    },
    /** A customer message arrived in a conversation. */
    messageArrived(conversationId: string): void {
      if (conversationId !== openId) return;
      if (!visible()) {
        owed = true;
        return;
      }
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        if (openId) markNow(openId);
      }, delay);
    },
    /** The page became visible or hidden. */
    visibilityChanged(): void {
      if (openId && owed && visible()) markNow(openId);
    },
    /** Whether a customer message arriving now in this conversation is seen at once. */
    isReading(conversationId: string): boolean {
      return conversationId === openId && visible();
    },
    /** Hears every read mark as it is made (before the server confirms). */
    onRead(listener: (conversationId: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openId: (): string | null => openId,
  };
}

/** The tab's read tracker. */
export type ReadTracker = ReturnType<typeof createReadTracker>;
