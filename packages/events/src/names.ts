/** Prefix of every event subject on NATS. */
export const EVENT_SUBJECT_PREFIX = 'switchboard.events.';
/** Prefix of every command subject on NATS. */
export const COMMAND_SUBJECT_PREFIX = 'switchboard.commands.';
/** Prefix of dead-letter subjects: `switchboard.deadletter.<durable>`. */
export const DEAD_LETTER_SUBJECT_PREFIX = 'switchboard.deadletter.';
/** The JetStream stream that holds every event. */
export const EVENTS_STREAM = 'SWITCHBOARD_EVENTS';
/** The JetStream stream that keeps dead letters for inspection and replay. */
export const DEAD_LETTER_STREAM = 'SWITCHBOARD_DEADLETTER';

const EVENT_TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.v[1-9][0-9]*$/;

/**
 * Whether a string is a well-formed event or command name: `<owner>.<entity>.<fact|verb>.v<major>`.
 *
 * @example
 * isMessageName('core.message.received.v1'); // true
 * isMessageName('core.Message.received'); // false
 */
export function isMessageName(name: string): boolean {
  return EVENT_TYPE.test(name);
}

/**
 * The NATS subject an event type is published on.
 *
 * @example
 * eventSubject('core.message.received.v1'); // 'switchboard.events.core.message.received.v1'
 */
export function eventSubject(type: string): string {
  return EVENT_SUBJECT_PREFIX + type;
}

/**
 * The NATS subject a command is requested on.
 *
 * @example
 * commandSubject('core.conversation.assign.v1'); // 'switchboard.commands.core.conversation.assign.v1'
 */
export function commandSubject(name: string): string {
  return COMMAND_SUBJECT_PREFIX + name;
}

/**
 * The dead-letter subject for a durable consumer.
 *
 * @example
 * deadLetterSubject('channel-api__deliver'); // 'switchboard.deadletter.channel-api__deliver'
 */
export function deadLetterSubject(durable: string): string {
  return DEAD_LETTER_SUBJECT_PREFIX + durable;
}

/**
 * The name of the delivery command a channel plugin serves.
 *
 * @example
 * deliverCommandName('channel-telegram'); // 'channel-telegram.message.deliver.v1'
 */
export function deliverCommandName(channelPluginId: string): string {
  return `${channelPluginId}.message.deliver.v1`;
}

/**
 * The command a channel plugin serves to say what it reaches (its accounts, the identity type each
 * sends to, reply windows). The core asks it instead of reading plugin objects, so a channel that
 * runs as its own worker process answers just the same.
 *
 * @example
 * describeChannelCommandName('channel-twilio'); // 'channel-twilio.channel.describe.v1'
 */
export function describeChannelCommandName(channelPluginId: string): string {
  return `${channelPluginId}.channel.describe.v1`;
}

/**
 * Prefix of ephemeral signals: core NATS only, never stored, never in JetStream, never sequenced
 * (typing indicators). A signal lost to a disconnect is simply gone, which is what they are for.
 */
export const EPHEMERAL_SUBJECT_PREFIX = 'switchboard.ephemeral.';
/** Someone started or stopped typing in a conversation (data: a `TypingSignal`). */
export const TYPING_SUBJECT = `${EPHEMERAL_SUBJECT_PREFIX}typing`;
