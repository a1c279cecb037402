import {
  CloudEventSchema,
  CommandEnvelopeSchema,
  CommandReplySchema,
  type CloudEvent,
  type CommandContract,
  type CommandEnvelope,
  type CommandReply,
  EVENTS_STREAM,
  EVENT_SUBJECT_PREFIX,
  commandSubject,
  createCloudEvent,
  deadLetterSubject,
  eventSubject,
  newId,
} from '@switchboard/events';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import * as v from 'valibot';
import { SdkErrorCodes, SwitchboardError, isSwitchboardError } from '../errors';
import type { Logger } from '../logger';
import { assertSignalSubject, listenToSignals, publishSignal } from './bus-signal';
import type { CommandMeta, PluginBus, PublishOptions, RequestOptions, SubscribeOptions } from './bus-types';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DEFAULT_BACKOFF = [1000, 5000, 30_000, 120_000];

type Registered = {
  subscriptions: Map<string, SubscribeOptions>;
  commands: Map<string, { contract: CommandContract; handler: (input: unknown, meta: CommandMeta) => Promise<unknown> }>;
  signals: Array<{ subject: string; handler: (data: unknown, subject: string) => void | Promise<void> }>;
};

/** Options of {@link createBus}. */
export type CreateBusOptions = {
  nc: NatsConnection;
  /** Owner of the bus: a plugin id, or `core`. Events it publishes must start with `<owner>.`. */
  owner: string;
  logger: Logger;
  /** CloudEvents `source` of published events and commands. */
  source?: string;
};

/** A bus with its lifecycle: registrations close at `start`, `stop` drains every consumer. */
export type BusRuntime = PluginBus & {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Names of durable consumers and commands this bus serves, for introspection. */
  describe(): { durables: string[]; commands: string[] };
};

/**
 * Creates the bus client for one owner over a NATS connection. The host creates one per plugin;
 * a plugin running as its own worker process creates it the same way.
 *
 * @example
 * const bus = createBus({ nc, owner: 'channel-api', logger });
 * bus.subscribe('deliver', { types: ['core.message.sent.v1'], handler });
 * await bus.start();
 */
export function createBus(options: CreateBusOptions): BusRuntime {
  const { nc, owner, logger } = options;
  const source = options.source ?? `switchboard/${owner}`;
  const registered: Registered = { subscriptions: new Map(), commands: new Map(), signals: [] };
  const stopController = new AbortController();
  const running: Array<Promise<void>> = [];
  const natsSubs: Subscription[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  let started = false;

  function assertOpen(what: string): void {
    if (started) {
      throw new SwitchboardError({
        code: SdkErrorCodes.REGISTRATION_CLOSED,
        message: `${owner}: ${what} must be registered during setup, before the plugin starts`,
      });
    }
  }

  async function bindSubscription(handlerId: string, sub: SubscribeOptions): Promise<void> {
    const durable = `${owner}__${handlerId}`;
    const maxAttempts = sub.maxAttempts ?? 5;
    const backoff = sub.backoffMs ?? DEFAULT_BACKOFF;
    const jsm = await jetstreamManager(nc);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      // nats-server 2.9 (Debian's) filters on one subject only: several types share the stream's
      // wildcard and are filtered here, the rest acknowledged unseen.
      filter_subject: sub.types.length === 1 ? eventSubject(sub.types[0]!) : `${EVENT_SUBJECT_PREFIX}>`,
      // One more than our attempts: the handler dead-letters on its last attempt itself.
      max_deliver: maxAttempts + 1,
      ack_wait: 30_000_000_000,
      max_ack_pending: Math.max(1000, (sub.concurrency ?? 1) * 4),
    };
    const existing = await jsm.consumers.info(EVENTS_STREAM, durable).catch(() => null);
    if (existing) {
      await jsm.consumers.update(EVENTS_STREAM, durable, {
        filter_subject: config.filter_subject,
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
      });
    } else {
      await jsm.consumers.add(EVENTS_STREAM, {
        ...config,
        deliver_policy: sub.from === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
      });
    }
    const js = jetstream(nc);
    const consumer = await js.consumers.get(EVENTS_STREAM, durable);
    const messages = await consumer.consume({ max_messages: Math.max(64, (sub.concurrency ?? 1) * 2) });
    stoppers.push(async () => {
      await messages.close();
    });
    const log = logger.child({ durable });
    const concurrency = Math.max(1, sub.concurrency ?? 1);
    const inFlight = new Set<Promise<void>>();

    const wanted = new Set(sub.types.map(eventSubject));
    const processOne = async (msg: JsMsg): Promise<void> => {
      if (!wanted.has(msg.subject)) {
        msg.ack();
        return;
      }
      const attempt = msg.info.deliveryCount;
      let event: CloudEvent;
      try {
        event = v.parse(CloudEventSchema, msg.json()) as CloudEvent;
      } catch (cause) {
        log.error({ seq: msg.seq, err: cause }, 'malformed event sent to dead-letter');
        await deadLetter(msg, durable, null, 'malformed CloudEvent', attempt);
        return;
      }
      try {
        await sub.handler(event, { attempt, signal: stopController.signal });
        msg.ack();
      } catch (err) {
        const permanent = isSwitchboardError(err) && !err.retryable;
        const fields = { eventId: event.id, correlationId: event.correlationid, attempt, err };
        if (permanent || attempt >= maxAttempts) {
          log.error(fields, 'event handler failed for the last time; dead-lettered');
          await deadLetter(msg, durable, event, errorMessage(err), attempt);
        } else {
          const delay = backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 1000;
          log.warn({ ...fields, retryInMs: delay }, 'event handler failed; will retry');
          msg.nak(delay);
        }
      }
    };

    running.push(
      (async () => {
        for await (const msg of messages) {
          const p = processOne(msg).finally(() => inFlight.delete(p));
          inFlight.add(p);
          if (inFlight.size >= concurrency) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      })().catch((err: unknown) => {
        if (!stopController.signal.aborted) log.error({ err }, 'consumer loop ended unexpectedly');
      }),
    );
  }

  async function deadLetter(msg: JsMsg, durable: string, event: CloudEvent | null, reason: string, attempts: number): Promise<void> {
    const js = jetstream(nc);
    const body = {
      durable,
      streamSeq: msg.seq,
      subject: msg.subject,
      attempts,
      reason,
      failedAt: new Date().toISOString(),
      event: event ?? decoder.decode(msg.data),
    };
    await js.publish(deadLetterSubject(durable), encoder.encode(JSON.stringify(body)), {
      msgID: `${durable}:${msg.seq}`,
    });
    msg.term(reason);
  }

  function bindCommand(name: string, entry: Registered['commands'] extends Map<string, infer E> ? E : never): void {
    const sub = nc.subscribe(commandSubject(name), {
      queue: name,
      callback: (err, msg) => {
        if (err) {
          logger.error({ err, command: name }, 'command subscription error');
          return;
        }
        void (async () => {
          let reply: CommandReply;
          try {
            const envelope = v.parse(CommandEnvelopeSchema, msg.json());
            const parsed = v.safeParse(entry.contract.input, envelope.data);
            if (!parsed.success) {
              reply = {
                ok: false,
                error: {
                  code: SdkErrorCodes.COMMAND_INVALID,
                  message: `${name}: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ')}`,
                  retryable: false,
                  status: 422,
                  details: parsed.issues.map((i) => ({ path: v.getDotPath(i), message: i.message })),
                },
              };
            } else {
              const data = await entry.handler(parsed.output, {
                id: envelope.id,
                correlationId: envelope.correlationid ?? envelope.id,
                source: envelope.source,
              });
              reply = { ok: true, data };
            }
          } catch (cause) {
            if (isSwitchboardError(cause)) {
              reply = {
                ok: false,
                error: { code: cause.code, message: cause.message, retryable: cause.retryable, status: cause.status, details: cause.details },
              };
            } else {
              logger.error({ err: cause, command: name }, 'command handler threw');
              reply = { ok: false, error: { code: SdkErrorCodes.COMMAND_FAILED, message: `${name} failed: ${errorMessage(cause)}`, retryable: true, status: 500 } };
            }
          }
          msg.respond(encoder.encode(JSON.stringify(reply)));
        })();
      },
    });
    natsSubs.push(sub);
  }

  const bus: BusRuntime = {
    subscribe(handlerId, sub) {
      assertOpen(`subscription ${handlerId}`);
      if (!/^[a-z][a-z0-9_-]*$/.test(handlerId)) {
        throw new SwitchboardError({ code: SdkErrorCodes.COMMAND_INVALID, message: `${owner}: handler id "${handlerId}" must be kebab-case` });
      }
      registered.subscriptions.set(handlerId, sub);
    },
    handle(name, contract, handler) {
      assertOpen(`command ${name}`);
      registered.commands.set(name, { contract, handler: handler as (input: unknown, meta: CommandMeta) => Promise<unknown> });
    },
    async request(name, contract, input, requestOptions: RequestOptions = {}) {
      const envelope: CommandEnvelope = {
        id: newId(),
        name,
        source,
        time: new Date().toISOString(),
        data: input,
      };
      if (requestOptions.correlationId) envelope.correlationid = requestOptions.correlationId;
      if (requestOptions.causationId) envelope.causationid = requestOptions.causationId;
      let raw: unknown;
      try {
        const reply = await nc.request(commandSubject(name), encoder.encode(JSON.stringify(envelope)), {
          timeout: requestOptions.timeoutMs ?? 10_000,
        });
        raw = reply.json();
      } catch (cause) {
        const noResponders = (cause as { code?: unknown }).code === '503' || /no responders/i.test(errorMessage(cause));
        throw new SwitchboardError({
          code: noResponders ? SdkErrorCodes.NO_RESPONDERS : SdkErrorCodes.COMMAND_TIMEOUT,
          message: noResponders ? `${name}: no plugin is serving this command` : `${name}: no reply in time`,
          retryable: true,
          status: 503,
          cause,
        });
      }
      const reply = v.parse(CommandReplySchema, raw);
      if (!reply.ok) {
        throw new SwitchboardError({ ...reply.error, retryable: reply.error.retryable });
      }
      return v.parse(contract.output, reply.data);
    },
    async publish(type, data, publishOptions: PublishOptions = {}) {
      if (!type.startsWith(`${owner}.`)) {
        throw new SwitchboardError({
          code: SdkErrorCodes.EVENT_NOT_OWNED,
          message: `${owner} may only publish its own events (${owner}.<entity>.<fact>.v<N>), not ${type}`,
        });
      }
      const event = createCloudEvent(type, data, {
        source,
        ...(publishOptions.subject !== undefined ? { subject: publishOptions.subject } : {}),
        ...(publishOptions.correlationId !== undefined ? { correlationId: publishOptions.correlationId } : {}),
        ...(publishOptions.causationId !== undefined ? { causationId: publishOptions.causationId } : {}),
      });
      await jetstream(nc).publish(eventSubject(type), encoder.encode(JSON.stringify(event)), { msgID: event.id });
      return event;
    },
    signal(subject, data) {
      publishSignal(nc, owner, subject, data);
    },
    onSignal(subject, handler) {
      assertOpen(`signal listener ${subject}`);
      assertSignalSubject(owner, subject);
      registered.signals.push({ subject, handler });
    },
    async start() {
      started = true;
      for (const [name, entry] of registered.commands) bindCommand(name, entry);
      for (const { subject, handler } of registered.signals) stoppers.push(listenToSignals(nc, logger, subject, handler));
      for (const [id, sub] of registered.subscriptions) await bindSubscription(id, sub);
    },
    async stop() {
      stopController.abort();
      for (const sub of natsSubs) await sub.drain().catch(() => undefined);
      for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
      await Promise.all(running);
    },
    describe() {
      return {
        durables: [...registered.subscriptions.keys()].map((id) => `${owner}__${id}`),
        commands: [...registered.commands.keys()],
      };
    },
  };
  return bus;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
