import * as v from 'valibot';

// What a message carries besides text and files. Every field is optional and additive: a channel
// sets what its provider sent, the inbox shows what it understands and falls back to the text.

/** A place the customer shared (WhatsApp, Telegram, Messenger and Viber all have one). */
export const LocationContentSchema = v.object({
  latitude: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  longitude: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  name: v.optional(v.pipe(v.string(), v.maxLength(256))),
  address: v.optional(v.pipe(v.string(), v.maxLength(512))),
});

/** A contact card the customer shared. A phone in it is a hint for an agent, not a verified identity. */
export const SharedContactSchema = v.object({
  name: v.pipe(v.string(), v.maxLength(256)),
  phones: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
  emails: v.optional(v.array(v.pipe(v.string(), v.maxLength(320))), []),
});

/** A button offered with an outbound message (WhatsApp reply buttons, Telegram keyboards, widget chips). */
export const QuickReplySchema = v.object({
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  payload: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
});

/**
 * Structured parts of a message:
 * - `location`, `contacts`: what the customer shared;
 * - `reaction`: an emoji reaction (empty string = removed) to the message in `replyToMessageId`;
 * - `postback`: the quick reply or button the customer tapped (its payload; the title is the text);
 * - `quickReplies`: buttons an agent or bot offers with an outbound message.
 */
export const MessageContentSchema = v.object({
  location: v.optional(LocationContentSchema),
  contacts: v.optional(v.pipe(v.array(SharedContactSchema), v.maxLength(20))),
  reaction: v.optional(v.object({ emoji: v.pipe(v.string(), v.maxLength(32)) })),
  postback: v.optional(v.object({ payload: v.pipe(v.string(), v.maxLength(1000)), title: v.optional(v.pipe(v.string(), v.maxLength(256))) })),
  quickReplies: v.optional(v.pipe(v.array(QuickReplySchema), v.maxLength(13))),
});
export type MessageContent = v.InferOutput<typeof MessageContentSchema>;

/** Contact attributes a channel or the host page reports (plan, order id, locale…). */
export const ContactAttributesSchema = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'an attribute name is a letter then up to 63 letters, digits, _, . or -')), v.nullable(v.union([v.pipe(v.string(), v.maxLength(1024)), v.number(), v.boolean()]))),
  v.check((record) => Object.keys(record).length <= 50, 'at most 50 attributes'),
);
export type ContactAttributes = v.InferOutput<typeof ContactAttributesSchema>;
