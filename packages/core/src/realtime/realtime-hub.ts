import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EVENTS_STREAM } from '@switchboard/events';
import type { Logger } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../auth/principal';
import { subscribeEphemeralSignals, type EphemeralFrame } from './realtime-signals';
import { createTurnCorker } from './turn-corker';

/** The path agents' realtime connections upgrade on. */
export const REALTIME_PATH = '/api/v1/realtime';

const HelloSchema = v.object({
  type: v.literal('hello'),
  token: v.pipe(v.string(), v.minLength(1)),
  /** The last stream sequence the client saw; omitted means "from now on". */
  after: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

type Connection = {
  ws: WebSocket;
  principal: Principal;
  lastSent: number;
  buffer: Array<{ seq: number; frame: string }> | null;
};

/** Options of {@link createRealtimeHub}. */
export type RealtimeHubOptions = {
  nc: NatsConnection;
  logger: Logger;
  authenticate(token: string): Promise<Principal | null>;
  /** Close a client whose unsent frames exceed this many bytes; it resumes where it was. */
  maxBufferedBytes?: number;
};

/**
 * Agents' realtime stream over WebSocket, fed from NATS. Every event carries the JetStream stream
 * sequence; a client that reconnects says the last one it saw and gets exactly what it missed —
 * replayed from the stream — before live events, with no gap and no duplicate. One live consumer
 * per server process fans out to all its sockets, so any number of server processes can serve
 * agents (fan-out goes through NATS, not through memory shared between them).
 *
 * Protocol: the client sends `{"type":"hello","token":"…","after":123}`; the server answers
 * `{"type":"event","seq":124,"event":{…}}`… then `{"type":"ready","head":130}` once caught up,
 * then live events. `{"type":"reset"}` means the cursor is older than the stream keeps: reload.
 * Ephemeral frames without a seq (`{"type":"typing",…}`, from `switchboard.ephemeral.>`) go to
 * caught-up agents live and are never replayed.
 *
 * @example
 * const hub = createRealtimeHub({ nc, logger, authenticate: auth.authenticate });
 * await hub.start();
 * hub.attach(httpServer);
 */
export function createRealtimeHub(options: RealtimeHubOptions) {
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  let head = 0;
  let stopLive: (() => Promise<void>) | null = null;
  let liveLoop: Promise<void> | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let stopSignals: (() => Promise<void>) | null = null;
  /** The socket under each WebSocket (from the upgrade), so a turn's event frames go out in one write. */
  const sockets = new WeakMap<WebSocket, Duplex>();
  const corker = createTurnCorker();

  function send(conn: Connection, seq: number, frame: string): void {
    if (seq <= conn.lastSent) return;
    if (conn.ws.bufferedAmount > maxBuffered) {
      conn.ws.close(4008, 'too slow; resume from your last sequence');
      return;
    }
    conn.lastSent = seq;
    const socket = sockets.get(conn.ws);
    if (socket) corker.cork(socket);
    conn.ws.send(frame);
  }

  // Ephemeral frames (typing) go to every caught-up agent but the one who caused them; a slow
  // socket just misses them.
  function sendEphemeral({ frame, sender }: EphemeralFrame): void {
    for (const conn of connections) {
      if (conn.buffer || (conn.principal.kind === sender.kind && conn.principal.id === sender.id)) continue;
      if (conn.ws.readyState !== conn.ws.OPEN || conn.ws.bufferedAmount > maxBuffered) continue;
      conn.ws.send(frame);
    }
  }

  async function replay(conn: Connection, after: number, target: number): Promise<void> {
    if (after >= target) return;
    const jsm = await jetstreamManager(options.nc);
    const info = await jsm.streams.info(EVENTS_STREAM);
    if (info.state.first_seq > after + 1 && info.state.messages > 0) {
      conn.ws.send(JSON.stringify({ type: 'reset', reason: 'cursor_too_old', firstSeq: info.state.first_seq }));
      conn.lastSent = target;
      return;
    }
    const consumer = await jetstream(options.nc).consumers.get(EVENTS_STREAM, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: after + 1,
    });
    while (conn.lastSent < target && conn.ws.readyState === conn.ws.OPEN) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 2000 });
      let got = 0;
      for await (const msg of batch) {
        got++;
        if (msg.seq > target) break;
        send(conn, msg.seq, frameOf(msg.seq, msg.string()));
        if (msg.seq >= target) break;
      }
      if (got === 0) break;
    }
    await consumer.delete().catch(() => undefined);
  }

  async function onHello(conn: Omit<Connection, 'principal'>, hello: v.InferOutput<typeof HelloSchema>): Promise<void> {
    const principal = await options.authenticate(hello.token);
    if (!principal) {
      conn.ws.send(JSON.stringify({ type: 'error', code: 'SWB_ERR_UNAUTHENTICATED', detail: 'the token is unknown or expired; sign in again' }));
      conn.ws.close(4401, 'unauthenticated');
      return;
    }
    const full: Connection = { ...conn, principal };
    const target = head;
    full.lastSent = hello.after ?? target;
    full.buffer = [];
    connections.add(full);
    conn.ws.on('close', () => connections.delete(full));
    try {
      await replay(full, hello.after ?? target, target);
    } catch (err) {
      options.logger.warn({ err }, 'realtime replay failed; client will retry');
      conn.ws.close(1011, 'replay failed; reconnect');
      return;
    }
    const buffered = full.buffer ?? [];
    full.buffer = null;
    for (const item of buffered) send(full, item.seq, item.frame);
    conn.ws.send(JSON.stringify({ type: 'ready', head: Math.max(full.lastSent, target) }));
  }

  function onConnection(ws: WebSocket): void {
    const conn = { ws, lastSent: 0, buffer: null };
    let greeted = false;
    const timeout = setTimeout(() => {
      if (!greeted) ws.close(4400, 'send hello first');
    }, 10_000);
    (ws as WebSocket & { isAlive?: boolean }).isAlive = true;
    ws.on('pong', () => ((ws as WebSocket & { isAlive?: boolean }).isAlive = true));
    ws.on('message', (data) => {
      if (greeted) return;
      let hello: v.InferOutput<typeof HelloSchema>;
      try {
        hello = v.parse(HelloSchema, JSON.parse(String(data)));
      } catch {
        ws.send(JSON.stringify({ type: 'error', code: 'SWB_ERR_VALIDATION', detail: 'first message must be {"type":"hello","token":"…","after":<number>?}' }));
        ws.close(4400, 'bad hello');
        return;
      }
      greeted = true;
      clearTimeout(timeout);
      void onHello(conn, hello);
    });
    ws.on('close', () => clearTimeout(timeout));
  }

  wss.on('connection', onConnection);

  return {
    async start(): Promise<void> {
      const jsm = await jetstreamManager(options.nc);
      const info = await jsm.streams.info(EVENTS_STREAM);
      head = info.state.last_seq;
      const consumer = await jetstream(options.nc).consumers.get(EVENTS_STREAM, {
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: head + 1,
        });
      stopSignals = subscribeEphemeralSignals(options.nc, options.logger, sendEphemeral);
      const messages = await consumer.consume();
      stopLive = async () => {
        await messages.close();
      };
      liveLoop = (async () => {
        for await (const msg of messages) {
          head = msg.seq;
          const frame = frameOf(msg.seq, msg.string());
          for (const conn of connections) {
            if (conn.buffer) conn.buffer.push({ seq: msg.seq, frame });
            else send(conn, msg.seq, frame);
          }
        }
      })().catch((err: unknown) => options.logger.error({ err }, 'realtime live feed ended'));
      pingTimer = setInterval(() => {
        for (const ws of wss.clients) {
          const alive = ws as WebSocket & { isAlive?: boolean };
          if (alive.isAlive === false) {
            ws.terminate();
            continue;
          }
          alive.isAlive = false;
          ws.ping();
        }
      }, 30_000);
      pingTimer.unref();
    },
    /** Routes WebSocket upgrades on the realtime path to the hub. */
    attach(server: Server): void {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, headBuf: Buffer) => {
        const path = (req.url ?? '').split('?')[0];
        if (path !== REALTIME_PATH) {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(req, socket, headBuf, (ws) => {
          sockets.set(ws, socket);
          wss.emit('connection', ws, req);
        });
      });
    },
    connectionCount: () => connections.size,
    async stop(): Promise<void> {
      if (pingTimer) clearInterval(pingTimer);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await stopSignals?.();
      await stopLive?.();
      await liveLoop;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A realtime hub. */
export type RealtimeHub = ReturnType<typeof createRealtimeHub>;

function frameOf(seq: number, event: string): string {
  return `{"type":"event","seq":${seq},"event":${event}}`;
}
