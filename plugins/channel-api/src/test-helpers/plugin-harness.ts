import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  EVENTS_STREAM,
  EVENT_SUBJECT_PREFIX,
  coreCommands,
  newId,
  type AttachmentRef,
  type CoreCommandOutput,
  type RecordInboundInputSchema,
  type UpdateDeliveryInputSchema,
} from '@switchboard/events';
import {
  SwitchboardError,
  createBus,
  type AttachmentInput,
  type BusRuntime,
  type Logger,
  type PluginAttachments,
  type PluginContext,
  type PluginHooks,
  type PluginStorage,
} from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import * as v from 'valibot';
import plugin from '../index';
import { startTestNatsServer, type TestNatsServer } from './nats';

/** One line a test logger recorded. */
export type LogLine = { level: string; fields: Record<string, unknown>; message: string | undefined };

/**
 * A logger that keeps what it is told, so tests can check that no secret reaches the logs.
 *
 * @example
 * const { logger, lines } = createRecordingLogger();
 */
export function createRecordingLogger(bindings: Record<string, unknown> = {}, lines: LogLine[] = []): { logger: Logger; lines: LogLine[] } {
  const at =
    (level: string) =>
    (fieldsOrMessage: Record<string, unknown> | string, message?: string): void => {
      if (typeof fieldsOrMessage === 'string') lines.push({ level, fields: { ...bindings }, message: fieldsOrMessage });
      else lines.push({ level, fields: { ...bindings, ...fieldsOrMessage }, message });
    };
  const logger: Logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    child: (more) => createRecordingLogger({ ...bindings, ...more }, lines).logger,
  };
  return { logger, lines };
}

/** Stored attachments, Map-backed: what `ctx.attachments` holds in a test. */
export type MemoryAttachments = PluginAttachments & { stored: Map<string, { ref: AttachmentRef; data: Uint8Array }> };

/**
 * A Map-backed stand-in for the core's attachment storage.
 *
 * @example
 * const attachments = createMemoryAttachments();
 */
export function createMemoryAttachments(): MemoryAttachments {
  const stored = new Map<string, { ref: AttachmentRef; data: Uint8Array }>();
  return {
    stored,
    async put(input: AttachmentInput) {
      const ref: AttachmentRef = { id: newId(), name: input.filename, contentType: input.declaredType ?? 'application/octet-stream', size: input.data.byteLength };
      stored.set(ref.id, { ref, data: new Uint8Array(input.data) });
      return ref;
    },
    async get(id) {
      const entry = stored.get(id);
      if (!entry) throw new SwitchboardError({ code: 'SWB_ERR_ATTACHMENT_NOT_FOUND', message: `attachment ${id} does not exist`, status: 404 });
      return entry;
    },
    async signedUrl(id) {
      return `http://files.test/${id}`;
    },
  };
}

/** channel-api keeps no tables; any use of storage is a bug this stand-in reports. */
const unusedStorage: PluginStorage = {
  table: (name) => `plugin_channel_api_${name}`,
  execute: async () => {
    throw new Error('channel-api is not expected to use storage');
  },
  batch: async () => {
    throw new Error('channel-api is not expected to use storage');
  },
};

type RecordInboundInput = v.InferOutput<typeof RecordInboundInputSchema>;
type UpdateDeliveryInput = v.InferOutput<typeof UpdateDeliveryInputSchema>;

/** The core's side of the bus in a test: real command handlers over real NATS, with a tiny memory. */
export type FakeCore = {
  bus: BusRuntime;
  recordInboundCalls: RecordInboundInput[];
  updateDeliveryCalls: UpdateDeliveryInput[];
  /** Makes an outbound message known, so status reports about it succeed. */
  addOutbound(messageId: string, providerMessageId?: string): void;
};

function createFakeCore(nc: NatsConnection, logger: Logger): FakeCore {
  const bus = createBus({ nc, owner: 'core', logger: logger.child({ owner: 'core' }) });
  const recordInboundCalls: RecordInboundInput[] = [];
  const updateDeliveryCalls: UpdateDeliveryInput[] = [];
  const inbound = new Map<string, CoreCommandOutput<'core.message.record_inbound.v1'>>();
  const conversations = new Map<string, string>();
  const contacts = new Map<string, string>();
  const outbound = new Map<string, string | undefined>();

  bus.handle('core.message.record_inbound.v1', coreCommands['core.message.record_inbound.v1'], async (input) => {
    recordInboundCalls.push(input);
    const key = `${input.channel}|${input.account}|${input.providerMessageId}`;
    const seen = inbound.get(key);
    if (seen) return { ...seen, duplicate: true };
    const identity = `${input.from.identity.type}:${input.from.identity.value}`;
    const contactId = contacts.get(identity) ?? newId();
    contacts.set(identity, contactId);
    const thread = `${input.channel}|${input.account}|${input.thread}`;
    const conversationId = conversations.get(thread) ?? newId();
    conversations.set(thread, conversationId);
    const recorded = { messageId: newId(), conversationId, contactId, duplicate: false };
    inbound.set(key, recorded);
    return recorded;
  });

  bus.handle('core.message.update_delivery.v1', coreCommands['core.message.update_delivery.v1'], async (input) => {
    updateDeliveryCalls.push(input);
    const messageId =
      input.messageId !== undefined && outbound.has(input.messageId)
        ? input.messageId
        : [...outbound].find(([, providerId]) => providerId !== undefined && providerId === input.providerMessageId)?.[0];
    if (messageId === undefined) {
      throw new SwitchboardError({ code: 'SWB_ERR_MESSAGE_NOT_FOUND', message: 'no outbound message matches the status report', status: 404 });
    }
    return { messageId, state: input.state, changed: true };
  });

  return { bus, recordInboundCalls, updateDeliveryCalls, addOutbound: (id, providerId) => outbound.set(id, providerId) };
}

/** Everything a channel-api test talks to. */
export type PluginHarness = {
  /** The plugin's routes, as mounted at `/plugins/channel-api/`. */
  http: Hono;
  core: FakeCore;
  attachments: MemoryAttachments;
  logs: LogLine[];
  stop(): Promise<void>;
};

/** Secrets every harness uses. */
export const TEST_SECRETS = { inboundToken: 'test-inbound-token-0123456789', webhookSecret: 'test-webhook-secret-9876543210' } as const;

/**
 * Runs the channel-api plugin the way the host would, over a real nats-server: validates its
 * options with its schema, builds its context, calls `setup`, and starts its bus next to a fake
 * core serving the commands a channel calls.
 *
 * @example
 * const harness = await startPluginHarness({ outbound: { url: receiver.url } });
 * const res = await harness.http.request('/messages', { method: 'POST', ... });
 * await harness.stop();
 */
export async function startPluginHarness(options: unknown, overrides: { secrets?: Partial<Record<keyof typeof TEST_SECRETS, string>> } = {}): Promise<PluginHarness> {
  const nats: TestNatsServer = await startTestNatsServer();
  const nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: EVENTS_STREAM, subjects: [`${EVENT_SUBJECT_PREFIX}>`] });

  const { logger, lines } = createRecordingLogger();
  const core = createFakeCore(nc, logger);
  const bus = createBus({ nc, owner: plugin.id, logger: logger.child({ plugin: plugin.id }) });
  const attachments = createMemoryAttachments();
  const controller = new AbortController();
  const ctx: PluginContext<v.InferOutput<typeof plugin.config>, 'inboundToken' | 'webhookSecret'> = {
    id: plugin.id,
    version: plugin.version,
    config: v.parse(plugin.config, options),
    secrets: { ...TEST_SECRETS, ...overrides.secrets },
    logger: logger.child({ plugin: plugin.id }),
    bus,
    http: new Hono(),
    storage: unusedStorage,
    attachments,
    publicUrl: 'http://switchboard.test',
    signal: controller.signal,
  };
  let hooks: PluginHooks;
  try {
    hooks = (await plugin.setup(ctx)) ?? {};
    await core.bus.start();
    await bus.start();
    await hooks.start?.();
  } catch (err) {
    await nc.close();
    await nats.stop();
    throw err;
  }

  return {
    http: ctx.http,
    core,
    attachments,
    logs: lines,
    async stop() {
      controller.abort();
      await hooks.stop?.();
      await bus.stop();
      await core.bus.stop();
      await nc.close();
      await nats.stop();
    },
  };
}
