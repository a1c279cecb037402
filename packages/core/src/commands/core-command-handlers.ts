import { coreCommands, type CoreCommandName } from '@switchboard/events';
import type { PluginBus } from '@switchboard/plugin-sdk';
import type * as v from 'valibot';
import type { Tx, WriteQueue } from '../db/write-queue';
import type { EventContext } from '../store/event-journal';
import { setContactAttributes } from '../store/contact-attributes';
import { mergeContacts } from '../store/contact-merge';
import { assignConversation, changeStatus } from '../store/conversation-actions';
import { setConversationLabels, setConversationPriority, setConversationTeam } from '../store/conversation-triage';
import { recordInbound } from '../store/record-inbound';
import { addNote, sendMessage } from '../store/send-message';
import { updateDelivery } from '../store/update-delivery';
import { registerChannelLegCommands } from './channel-leg-commands';

type Contract<N extends CoreCommandName> = (typeof coreCommands)[N];
type StoreOperation<N extends CoreCommandName> = (
  tx: Tx,
  input: v.InferOutput<Contract<N>['input']>,
  context: EventContext,
) => Promise<v.InferInput<Contract<N>['output']>>;

/**
 * Serves the core's commands on the bus. Each runs as one write of the group-commit queue, with
 * the command's id as the causation and its correlation id carried into the events it records.
 *
 * @example
 * registerCoreCommands(coreBus, queue);
 * await coreBus.start();
 */
export function registerCoreCommands(bus: PluginBus, queue: WriteQueue): void {
  const serve = <N extends CoreCommandName>(name: N, operation: StoreOperation<N>) =>
    bus.handle(name, coreCommands[name] as Contract<N>, (input, meta) =>
      queue.write((tx) => operation(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
    );
  serve('core.message.record_inbound.v1', recordInbound);
  serve('core.message.update_delivery.v1', updateDelivery);
  serve('core.message.send.v1', sendMessage);
  serve('core.conversation.assign.v1', assignConversation);
  serve('core.conversation.change_status.v1', changeStatus);
  serve('core.conversation.add_note.v1', addNote);
  serve('core.conversation.set_team.v1', setConversationTeam);
  serve('core.conversation.set_priority.v1', setConversationPriority);
  serve('core.conversation.set_labels.v1', setConversationLabels);
  serve('core.contact.merge.v1', mergeContacts);
  serve('core.contact.set_attributes.v1', setContactAttributes);
  registerChannelLegCommands(bus, queue);
}
