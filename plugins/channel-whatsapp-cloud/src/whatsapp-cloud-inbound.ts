import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import type { GraphClient } from './whatsapp-cloud-graph';
import { fetchInboundMedia, type FetchedMedia } from './whatsapp-cloud-media';
import { parseWhatsAppWebhook, type ParsedMessage, type ParsedStatus } from './whatsapp-cloud-parse';
import type { WhatsAppStore } from './whatsapp-cloud-store';

/** What {@link createWhatsAppInbound} needs. */
export type WhatsAppInboundDeps = {
  channel: Pick<ChannelAdapter, 'recordInbound' | 'updateDelivery'>;
  store: WhatsAppStore;
  graph: GraphClient;
  attachments: Pick<PluginAttachments, 'put'>;
  /** Phone number ids this plugin serves; notifications for others are ignored. */
  accounts: readonly string[];
  maxMediaBytes: number;
  logger: Logger;
};

/** Where a webhook is in its retries: on the last attempt, media that still fails is given up on. */
export type ProcessMeta = { eventId: string; correlationId?: string | undefined; finalAttempt: boolean };

/**
 * Creates the worker that applies one verified webhook body: records each message (media
 * downloaded first) once, and applies each status to the message it is about. Throws on
 * transient failures so the event is retried; what is already done is skipped on the retry.
 *
 * @example
 * const process = createWhatsAppInbound({ channel, store, graph, attachments: ctx.attachments, accounts: ['106540352242922'], maxMediaBytes, logger });
 * await process(rawBody, { eventId: event.id, finalAttempt: false });
 */
export function createWhatsAppInbound(deps: WhatsAppInboundDeps): (body: string, meta: ProcessMeta) => Promise<void> {
  const accounts = new Set(deps.accounts);

  async function recordMessage(item: ParsedMessage, meta: ProcessMeta, log: Logger): Promise<void> {
    const { record } = item;
    const key = { account: record.account, providerId: record.providerMessageId };
    const { recorded } = await deps.store.claimInbound({ ...key, thread: record.thread, at: item.sentAt });
    if (recorded) {
      log.debug({ providerMessageId: record.providerMessageId }, 'message was recorded before');
      return;
    }
    const attachmentIds: string[] = [];
    let text = record.text;
    if (item.media) {
      let fetched: FetchedMedia;
      try {
        fetched = await fetchInboundMedia({ graph: deps.graph, attachments: deps.attachments, maxBytes: deps.maxMediaBytes }, item.media);
      } catch (err) {
        if (!meta.finalAttempt) throw err;
        fetched = { note: `the ${item.media.type} could not be downloaded after several attempts: ${err instanceof Error ? err.message : String(err)}` };
      }
      if ('attachmentId' in fetched) attachmentIds.push(fetched.attachmentId);
      else {
        log.warn({ providerMessageId: record.providerMessageId, note: fetched.note }, 'media not kept');
        text = (text ? `${text}\n[${fetched.note}]` : `[${fetched.note}]`).slice(0, 65_536);
      }
    }
    const result = await deps.channel.recordInbound({ ...record, text, attachmentIds }, { correlationId: meta.correlationId ?? meta.eventId });
    await deps.store.completeInbound({ ...key, messageId: result.messageId });
    log.info({ providerMessageId: record.providerMessageId, messageId: result.messageId, duplicate: result.duplicate }, 'message recorded');
  }

  async function applyStatus(item: ParsedStatus, meta: ProcessMeta, log: Logger): Promise<void> {
    const messageId = await deps.store.sentMessageId(item.account, item.providerMessageId);
    if (!messageId) {
      // Sent by another tool on the same number (the WhatsApp Business app, another integration).
      log.debug({ providerMessageId: item.providerMessageId, state: item.state }, 'status of a message this plugin did not send');
      return;
    }
    try {
      const result = await deps.channel.updateDelivery({ messageId, state: item.state, error: item.error }, { correlationId: meta.correlationId ?? meta.eventId });
      log.info({ messageId, state: item.state, changed: result.changed }, 'status applied');
    } catch (err) {
      if (isSwitchboardError(err) && err.status === 404) {
        log.warn({ messageId, state: item.state }, 'status of a message the core no longer has');
        return;
      }
      throw err;
    }
  }

  return async (body, meta) => {
    const log = deps.logger.child({ eventId: meta.eventId, correlationId: meta.correlationId });
    const { items, skipped } = parseWhatsAppWebhook(body);
    for (const reason of skipped) log.warn({ reason }, 'part of a webhook skipped');
    for (const item of items) {
      if (!accounts.has(item.account)) {
        log.warn({ account: item.account }, 'notification for a phone number id that is not configured; ignored');
        continue;
      }
      if (item.kind === 'message') await recordMessage(item, meta, log);
      else await applyStatus(item, meta, log);
    }
  };
}
