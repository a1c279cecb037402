import type { Writable } from 'node:stream';

/** See {@link createTurnCorker}. */
export type TurnCorker = {
  /** Holds what is written to `socket` from now until the end of this event-loop turn. */
  cork(socket: Writable): void;
};

/**
 * Sends what a turn of the event loop writes to a socket in one write at the end of the turn
 * (after its I/O callbacks, in `setImmediate`). The realtime hub writes one WebSocket frame per
 * event, and events arrive from NATS in batches: uncorked, each frame is a system call of its own,
 * and on a busy machine the thread that writes to loopback is often descheduled right there in
 * favour of the reader it woke. Nothing waits longer than the turn it was written in.
 *
 * @example
 * const corker = createTurnCorker();
 * corker.cork(socket);
 * ws.send(frame); // goes out with the turn's other frames to this socket
 */
export function createTurnCorker(): TurnCorker {
  const corked = new Set<Writable>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const sockets = [...corked];
    corked.clear();
    for (const socket of sockets) socket.uncork();
  }

  return {
    cork(socket) {
      if (corked.has(socket) || socket.destroyed) return;
      socket.cork();
      corked.add(socket);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
