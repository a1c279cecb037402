import type { Message } from '../api/api-types';

/** One emoji on a message, with who put it there. */
export type ReactionChip = { emoji: string; count: number; names: string[] };

/** Reactions folded onto the messages they react to. */
export type FoldedReactions = {
  /** Chips per reacted-to message id, in the order the emoji first appeared. */
  byTarget: ReadonlyMap<string, ReactionChip[]>;
  /** Reaction messages shown as chips on their target, not as bubbles of their own. */
  folded: ReadonlySet<string>;
};

/**
 * Folds reaction messages (`content.reaction` with `replyToMessageId`) onto their targets, the way
 * messengers show them: each person has one reaction per message — a later one replaces it, an
 * empty emoji removes it. A reaction whose target is not in the timeline stays a bubble.
 *
 * @example
 * const { byTarget, folded } = foldReactions(timeline.messages.values(), 'Dana');
 */
export function foldReactions(messages: Iterable<Message>, contactName: string | null): FoldedReactions {
  const all = [...messages];
  const present = new Set(all.map((m) => m.id));
  const latest = new Map<string, Map<string, { emoji: string; name: string }>>();
  const folded = new Set<string>();
  // ULIDs sort by time: the last reaction of each person wins.
  for (const m of all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const reaction = m.content?.reaction;
    if (!reaction || !m.replyToMessageId || !present.has(m.replyToMessageId)) continue;
    folded.add(m.id);
    const byPerson = latest.get(m.replyToMessageId) ?? new Map<string, { emoji: string; name: string }>();
    const who = `${m.sender.kind}:${m.sender.id ?? ''}`;
    if (reaction.emoji) byPerson.set(who, { emoji: reaction.emoji, name: m.sender.name ?? (m.sender.kind === 'contact' ? (contactName ?? 'Customer') : 'Agent') });
    else byPerson.delete(who);
    latest.set(m.replyToMessageId, byPerson);
  }
  const byTarget = new Map<string, ReactionChip[]>();
  for (const [target, byPerson] of latest) {
    const chips = new Map<string, ReactionChip>();
    for (const { emoji, name } of byPerson.values()) {
      const chip = chips.get(emoji) ?? { emoji, count: 0, names: [] };
      chips.set(emoji, { emoji, count: chip.count + 1, names: [...chip.names, name] });
    }
    if (chips.size > 0) byTarget.set(target, [...chips.values()]);
  }
  return { byTarget, folded };
}

