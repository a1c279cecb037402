import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { sendingPageOf, type MessengerAccount } from './messenger-config';
import { keepFile } from './messenger-files';
import type { MessengerGraph } from './messenger-graph';
import { parseMessengerWebhook, type ParsedEcho, type ParsedInbound, type ParsedReceipt } from './messenger-parse';
import type { MessengerStore } from './messenger-store';

const ProfileSchema = v.object({ first_name: v.optional(v.string()), last_name: v.optional(v.string()), name: v.optional(v.string()), username: v.optional(v.string()) });

/** What {@link createMessengerInbound} needs. */
export type MessengerInboundDeps = {
  channel: Pick<ChannelAdapter, 'recordInbound' | 'updateDelivery'>;
  store: MessengerStore;
  graph: MessengerGraph;
  attachments: Pick<PluginAttachments, 'put'>;
  accounts: readonly MessengerAccount[];
  tokens: ReadonlyMap<string, string>;
  appId: string | undefined;
  fetchProfiles: boolean;
  maxMediaBytes: number;
  logger: Logger;
};

/** Where a webhook is in its retries: on the last attempt, files that still fail are given up on. */
export type WebhookMeta = { eventId: string; correlationId?: string | undefined; finalAttempt: boolean };

/**
 * Creates the worker that applies one verified Messenger or Instagram webhook body: records each
 * message, postback and reaction once (files copied first, the person's name looked up on their
 * first message), applies delivery and read receipts to every outbound message they cover, and
 * ignores echoes of the Page's own sends. Throws on transient failures so the event is retried.
 *
 * @example
 * const handle = createMessengerInbound({ channel, store, graph, attachments: ctx.attachments, accounts, tokens, appId, fetchProfiles: true, maxMediaBytes, logger });
 * await handle(rawBody, { eventId: event.id, finalAttempt: false });
 */
export function createMessengerInbound(deps: MessengerInboundDeps): (body: string, meta: WebhookMeta) => Promise<void> {
  const accounts = new Map(deps.accounts.map((a) => [a.id, a]));

  async function nameOf(account: MessengerAccount, psid: string, log: Logger): Promise<string | null> {
    const fields = account.platform === 'instagram' ? 'name,username' : 'first_name,last_name';
    try {
      const found = v.safeParse(ProfileSchema, await deps.graph.call('GET', `${psid}?fields=${fields}`, deps.tokens.get(sendingPageOf(account))!));
      if (!found.success) return null;
      const { first_name: first, last_name: lastName, name, username } = found.output;
      return ([first, lastName].filter(Boolean).join(' ') || name || username || '').slice(0, 256) || null;
    } catch (err) {
      // Profiles need permissions some apps lack; the message matters more than the name.
      log.info({ err: err instanceof Error ? err.message : String(err) }, 'profile lookup failed; the contact stays unnamed');
      return null;
    }
  }

  async function record(item: ParsedInbound, account: MessengerAccount, meta: WebhookMeta, log: Logger): Promise<void> {
    const { record } = item;
    const claim = await deps.store.claimInbound({ account: item.account, mid: record.providerMessageId, thread: record.thread, at: item.sentAt });
    if (claim.recorded) return;
    const attachmentIds: string[] = [];
    const notes: string[] = [];
    for (const [index, file] of item.files.entries()) {
      const baseName = `${account.platform}-${file.type.replace(/_/g, '-')}-${item.sentAt}-${index + 1}`;
      const kept = await keepFile({ graph: deps.graph, attachments: deps.attachments, maxBytes: deps.maxMediaBytes }, file, baseName).catch((err: unknown) => {
        if (!meta.finalAttempt) throw err;
        return { note: `the ${file.type} could not be fetched after several attempts: ${err instanceof Error ? err.message : String(err)}` };
      });
      if ('attachmentId' in kept) attachmentIds.push(kept.attachmentId);
      else notes.push(`[${kept.note}]`);
    }
    const name = claim.firstOnThread && deps.fetchProfiles ? await nameOf(account, item.psid, log) : null;
    const text = [record.text, ...notes].filter(Boolean).join('\n').slice(0, 65_536);
    const result = await deps.channel.recordInbound(
      { ...record, from: { ...record.from, ...(name ? { name } : {}) }, text, attachmentIds },
      { correlationId: meta.correlationId ?? meta.eventId },
    );
    await deps.store.completeInbound(item.account, record.providerMessageId, result.messageId);
    log.info({ providerMessageId: record.providerMessageId, messageId: result.messageId, files: attachmentIds.length, duplicate: result.duplicate }, 'message recorded');
  }

  async function applyReceipt(receipt: ParsedReceipt, meta: WebhookMeta, log: Logger): Promise<void> {
    const messageIds = await deps.store.covered(receipt);
    for (const messageId of messageIds) {
      try {
        await deps.channel.updateDelivery({ messageId, state: receipt.state }, { correlationId: meta.correlationId ?? meta.eventId });
      } catch (err) {
        if (!(isSwitchboardError(err) && err.status === 404)) throw err;
        log.warn({ messageId }, 'receipt for a message the core no longer has');
      }
    }
    await deps.store.markApplied(receipt);
    if (messageIds.length > 0) log.info({ state: receipt.state, messages: messageIds.length }, 'receipt applied');
  }

  async function noteEcho(echo: ParsedEcho, log: Logger): Promise<void> {
    const ours = (deps.appId !== undefined && echo.appId === deps.appId) || (await deps.store.isOwnSend(echo.account, echo.mid));
    // TODO(#5): import replies typed in Meta Business Suite once the core can record outbound messages from a channel.
    if (ours) log.debug({ mid: echo.mid }, 'echo of our own send');
    else log.info({ mid: echo.mid, appId: echo.appId }, 'a reply sent outside Switchboard (Page inbox, another app); not imported');
  }

  return async (body, meta) => {
    const log = deps.logger.child({ eventId: meta.eventId, correlationId: meta.correlationId });
    const { items, skipped } = parseMessengerWebhook(body);
    for (const reason of skipped) log.warn({ reason }, 'part of a webhook skipped');
    for (const item of items) {
      const account = accounts.get(item.account);
      if (!account) {
        log.warn({ account: item.account }, 'notification for a Page or Instagram account that is not configured; ignored');
        continue;
      }
      if (item.kind === 'inbound') await record(item, account, meta, log);
      else if (item.kind === 'receipt') await applyReceipt(item, meta, log);
      else await noteEcho(item, log);
    }
  };
}
