import type { DetailLeg, ReplyOption } from '../api/api-types';
import { channelInfo } from '../lib/channel-label';
import { replyLeg } from '../conversation/reply-window';

/** A way to reply the composer offers: a leg of the conversation, or one it can open first. */
export type ViaOption = ReplyOption & { key: string; label: string };

/**
 * The "Reply via" choices: the conversation's legs (as the live detail has them, so windows move
 * with new messages), then the legs that could be opened on other channel accounts (from
 * `GET …/reply-options`) unless the conversation already runs over that thread.
 *
 * @example
 * const options = viaOptions(detail.legs, replyOptions.items);
 */
export function viaOptions(legs: readonly DetailLeg[], replyOptions: readonly ReplyOption[]): ViaOption[] {
  const labels = new Map(replyOptions.map((o) => [`${o.channel}\u001f${o.account}`, o.accountLabel]));
  const fromLegs: ReplyOption[] = legs.map((leg) => ({
    kind: 'leg',
    legId: leg.id,
    channel: leg.channel,
    account: leg.account,
    accountLabel: labels.get(`${leg.channel}\u001f${leg.account}`) ?? null,
    thread: leg.thread,
    identity: leg.identity,
    lastInboundAt: leg.lastInboundAt,
    replyWindowClosesAt: leg.replyWindowClosesAt,
  }));
  const threads = new Set(legs.map((l) => `${l.channel}\u001f${l.account}\u001f${l.thread}`));
  const openable = replyOptions.filter((o) => o.kind === 'new' && !threads.has(`${o.channel}\u001f${o.account}\u001f${o.thread}`));
  return [...fromLegs, ...openable].map((o) => ({ ...o, key: viaKey(o), label: viaLabel(o) }));
}

/**
 * The choice a reply takes when the agent picks none: the leg the server would use (where the
 * customer wrote last), which is also where the reply window warning points.
 *
 * @example
 * const chosen = options.find((o) => o.key === (picked ?? defaultViaKey(detail.legs)));
 */
export function defaultViaKey(legs: readonly DetailLeg[]): string | null {
  const leg = replyLeg(legs);
  return leg ? `leg:${leg.id}` : null;
}

/**
 * A stable key of a choice: a leg by id, an openable one by channel, account and thread.
 *
 * @example
 * viaKey({ kind: 'new', channel: 'channel-twilio', account: 'main', thread: '+15550100', … }); // 'new:channel-twilio:main:+15550100'
 */
export function viaKey(option: Pick<ReplyOption, 'kind' | 'legId' | 'channel' | 'account' | 'thread'>): string {
  return option.kind === 'leg' ? `leg:${option.legId}` : `new:${option.channel}:${option.account}:${option.thread}`;
}

/**
 * How a choice reads: channel, account, whom it reaches; "new" when it opens a leg.
 *
 * @example
 * viaLabel(option); // 'SMS · Support line · +15550100 (new)'
 */
export function viaLabel(option: ReplyOption): string {
  const parts = [channelInfo(option.channel).label];
  if (option.accountLabel) parts.push(option.accountLabel);
  else if (option.account !== 'default') parts.push(option.account);
  parts.push(option.identity?.value ?? option.thread);
  return `${parts.join(' · ')}${option.kind === 'new' ? ' (new)' : ''}`;
}
