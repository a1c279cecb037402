import { coreCommands } from '@switchboard/events';
import type { PluginBus } from '@switchboard/plugin-sdk';
import type { WriteQueue } from '../db/write-queue';
import { assignConversation, changeStatus } from '../store/conversation-actions';
import { recordInbound } from '../store/record-inbound';
import { addNote, sendMessage } from '../store/send-message';
import { updateDelivery } from '../store/update-delivery';

/**
 * Serves the core's commands on the bus. Each runs as one write of the group-commit queue, with
 * the command's id as the causation and its correlation id carried into the events it records.
 *
 * @example
 * registerCoreCommands(coreBus, queue);
 * await coreBus.start();
 */
export function registerCoreCommands(bus: PluginBus, queue: WriteQueue): void {
  bus.handle('core.message.record_inbound.v1', coreCommands['core.message.record_inbound.v1'], (input, meta) =>
    queue.write((tx) => recordInbound(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
  bus.handle('core.message.update_delivery.v1', coreCommands['core.message.update_delivery.v1'], (input, meta) =>
    queue.write((tx) => updateDelivery(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
  bus.handle('core.message.send.v1', coreCommands['core.message.send.v1'], (input, meta) =>
    queue.write((tx) => sendMessage(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
  bus.handle('core.conversation.assign.v1', coreCommands['core.conversation.assign.v1'], (input, meta) =>
    queue.write((tx) => assignConversation(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
  bus.handle('core.conversation.change_status.v1', coreCommands['core.conversation.change_status.v1'], (input, meta) =>
    queue.write((tx) => changeStatus(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
  bus.handle('core.conversation.add_note.v1', coreCommands['core.conversation.add_note.v1'], (input, meta) =>
    queue.write((tx) => addNote(tx, input, { correlationId: meta.correlationId, causationId: meta.id })),
  );
}
