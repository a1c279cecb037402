import { createHash } from 'node:crypto';
import { coreCommands } from '@switchboard/events';
import type { WebchatRuntime } from './webchat-runtime';

/**
 * Adds a private note for agents to a conversation (`core.conversation.add_note.v1`), written by
 * the web chat itself. `key` makes it idempotent: a retried request adds the note once.
 *
 * @example
 * await addVisitorNote(runtime, conversationId, `csat:${conversationId}:${visitorId}`, 'Rating: 5/5');
 */
export async function addVisitorNote(runtime: Pick<WebchatRuntime, 'bus'>, conversationId: string, key: string, text: string): Promise<void> {
  await runtime.bus.request('core.conversation.add_note.v1', coreCommands['core.conversation.add_note.v1'], {
    conversationId,
    clientMessageId: `webchat-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`,
    text,
    author: { kind: 'bot', id: 'channel-webchat', name: 'Web chat' },
  });
}
