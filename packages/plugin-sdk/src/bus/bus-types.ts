import type { CloudEvent, CommandContract } from '@switchboard/events';
import type * as v from 'valibot';

/** What an event handler learns about the delivery besides the event itself. */
export type EventDelivery = {
  /** 1 on the first attempt, counting up on each redelivery. */
  attempt: number;
  /** Aborted when the plugin stops. */
  signal: AbortSignal;
};

/** Options of a durable event subscription. */
export type SubscribeOptions = {
  /** Event type names, e.g. `core.message.received.v1`. */
  types: string[];
  handler: (event: CloudEvent, delivery: EventDelivery) => Promise<void>;
  /** Attempts before the event goes to the dead-letter subject. Default 5. */
  maxAttempts?: number;
  /** Wait before each retry, in milliseconds; the last value repeats. Default [1000, 5000, 30000, 120000]. */
  backoffMs?: number[];
  /** Where a new consumer starts: only events after it was created (default), or every stored event. */
  from?: 'new' | 'all';
  /** How many events this handler processes at once. Default 1 (in order). */
  concurrency?: number;
};

/** What a command handler learns besides its validated input. */
export type CommandMeta = { id: string; correlationId: string | undefined; source: string };

/** Options of {@link PluginBus.request}. */
export type RequestOptions = { timeoutMs?: number; correlationId?: string; causationId?: string };

/** Options of {@link PluginBus.publish}. */
export type PublishOptions = { subject?: string; correlationId?: string; causationId?: string };

/**
 * The plugin's connection to the bus. Subscriptions and command handlers are registered during
 * `setup` and bound when the plugin starts; `publish` and `request` work once it has started.
 *
 * @example
 * ctx.bus.subscribe('notify', {
 *   types: ['core.message.received.v1'],
 *   handler: async (event) => { ctx.logger.info({ eventId: event.id }, 'received'); },
 * });
 */
export type PluginBus = {
  /** A durable consumer named `<plugin-id>__<handlerId>` with explicit ack, retries and dead-letter. */
  subscribe(handlerId: string, options: SubscribeOptions): void;
  /** Serves a command in a queue group, so every worker of this plugin shares the load. */
  handle<C extends CommandContract>(
    name: string,
    contract: C,
    handler: (input: v.InferOutput<C['input']>, meta: CommandMeta) => Promise<v.InferInput<C['output']>>,
  ): void;
  /** Sends a command and waits for its reply; throws a SwitchboardError when it failed. */
  request<C extends CommandContract>(
    name: string,
    contract: C,
    input: v.InferInput<C['input']>,
    options?: RequestOptions,
  ): Promise<v.InferOutput<C['output']>>;
  /** Publishes one of the plugin's own events (type `<plugin-id>.<entity>.<fact>.v<N>`). */
  publish(type: string, data: unknown, options?: PublishOptions): Promise<CloudEvent>;
  /**
   * Sends an ephemeral signal on core NATS (`switchboard.ephemeral.*`, e.g. `TYPING_SUBJECT`):
   * fire-and-forget, never stored, never retried, no sequence number. For what is worthless a
   * few seconds later, like typing indicators; anything that must not be lost is an event.
   */
  signal(subject: string, data: unknown): void;
  /**
   * Listens to ephemeral signals on core NATS (`switchboard.ephemeral.*`; `>` and `*` wildcards
   * allowed). Unlike `subscribe`, every process of the plugin gets every signal (no queue group,
   * no durable consumer): the way to fan out to clients connected to whichever process, e.g. typing
   * indicators or a web chat reply. Nothing is stored or retried; a signal sent while a process was
   * disconnected is gone. Registered during setup, bound at start. The handler gets the parsed
   * JSON (validate it) and the concrete subject; a throw is logged, never retried.
   */
  onSignal(subject: string, handler: (data: unknown, subject: string) => void | Promise<void>): void;
};
