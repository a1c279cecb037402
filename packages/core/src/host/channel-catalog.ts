import { describeChannelCommand, describeChannelCommandName, type ChannelAccount } from '@switchboard/events';
import type { AnyPluginDefinition, Logger, PluginBus } from '@switchboard/plugin-sdk';

/** What the core knows about the channels it can reach: their accounts and reply windows. */
export type ChannelCatalog = {
  /** The enabled channel plugins' ids. */
  channels(): string[];
  /** The accounts a channel describes (`<id>.channel.describe.v1`); none when it does not answer. */
  accounts(channel: string): Promise<ChannelAccount[]>;
  /**
   * How long after the customer's last message an agent may write freely on a channel account:
   * the account's `replyWindowHours` as described, else the plugin definition's static one, else
   * `undefined` (no window).
   */
  replyWindowHours(channel: string, account: string): Promise<number | undefined>;
};

/** Options of {@link createChannelCatalog}. */
export type ChannelCatalogOptions = {
  bus: Pick<PluginBus, 'request'>;
  /** The loaded plugins' definitions. */
  definitions: () => AnyPluginDefinition[];
  logger: Logger;
  /** How long a description is reused; a channel's accounts change only with its config. */
  ttlMs?: number;
  /** How long a channel that did not answer is left alone before it is asked again. */
  failureTtlMs?: number;
  timeoutMs?: number;
};

type Entry = { at: number; ok: boolean; accounts: Promise<ChannelAccount[]> };

/**
 * Asks channel plugins what they reach, over the bus — so a channel running as its own worker
 * process answers the same as one in this process — and remembers the answer briefly (per
 * process: every server asks on its own). A channel that does not answer (not running, an older
 * SDK, a timeout) simply offers nothing: no error reaches an agent for it.
 *
 * @example
 * const catalog = createChannelCatalog({ bus: coreBus, definitions: host.definitions, logger });
 * const accounts = await catalog.accounts('channel-twilio');
 */
export function createChannelCatalog(options: ChannelCatalogOptions): ChannelCatalog {
  const ttl = options.ttlMs ?? 30_000;
  const failureTtl = options.failureTtlMs ?? 5_000;
  const cache = new Map<string, Entry>();

  function accounts(channel: string): Promise<ChannelAccount[]> {
    const cached = cache.get(channel);
    if (cached && Date.now() - cached.at < (cached.ok ? ttl : failureTtl)) return cached.accounts;
    const entry: Entry = { at: Date.now(), ok: true, accounts: Promise.resolve([]) };
    entry.accounts = options.bus
      .request(describeChannelCommandName(channel), describeChannelCommand, {}, { timeoutMs: options.timeoutMs ?? 2_000 })
      .then((out) => out.accounts)
      .catch((err: unknown) => {
        entry.ok = false;
        options.logger.debug({ err, channel }, 'channel did not describe its accounts; it offers none');
        return [];
      });
    cache.set(channel, entry);
    return entry.accounts;
  }

  return {
    channels: () => options.definitions().filter((d) => d.kind === 'channel').map((d) => d.id),
    accounts,
    async replyWindowHours(channel, account) {
      const described = (await accounts(channel)).find((a) => a.id === account)?.replyWindowHours;
      if (typeof described === 'number') return described;
      return options.definitions().find((d) => d.id === channel)?.replyWindowHours;
    },
  };
}
