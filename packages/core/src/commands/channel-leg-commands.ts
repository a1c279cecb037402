import { coreCommands } from '@switchboard/events';
import type { PluginBus } from '@switchboard/plugin-sdk';
import type { WriteQueue } from '../db/write-queue';
import { addChannelLeg, getContactForPlugin } from '../store/channel-leg-queries';

/** `switchboard/<plugin-id>` → the plugin id; what a command's source says about its sender. */
function requesterOf(source: string): string {
  return source.startsWith('switchboard/') ? source.slice('switchboard/'.length) : source;
}

/**
 * Serves the commands channels use to reach a contact elsewhere: `core.contact.get.v1` (who the
 * contact is: identities, hints, attributes) and `core.conversation.add_leg.v1` (a channel opens a
 * leg on a thread of its own). Registered beside the other core commands.
 *
 * @example
 * registerChannelLegCommands(coreBus, queue);
 */
export function registerChannelLegCommands(bus: PluginBus, queue: WriteQueue): void {
  bus.handle('core.contact.get.v1', coreCommands['core.contact.get.v1'], (input) => queue.write((tx) => getContactForPlugin(tx, input)));
  bus.handle('core.conversation.add_leg.v1', coreCommands['core.conversation.add_leg.v1'], (input, meta) =>
    queue.write((tx) => addChannelLeg(tx, input, requesterOf(meta.source), { correlationId: meta.correlationId, causationId: meta.id })),
  );
}
