import * as v from 'valibot';

// Webhook shapes of the Messenger Platform (object "page") and of Instagram messaging (object
// "instagram"), only as far as the channel reads them. Unknown keys are allowed.

const Id = v.pipe(v.string(), v.regex(/^\d{1,32}$/));
const Mid = v.pipe(v.string(), v.minLength(1), v.maxLength(400));
const Millis = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The envelope: entries of one Page or Instagram account, each with its `messaging` events. */
export const EnvelopeSchema = v.object({
  object: v.picklist(['page', 'instagram']),
  entry: v.array(v.object({ id: Id, messaging: v.optional(v.array(v.unknown()), []), standby: v.optional(v.array(v.unknown()), []) })),
});

const AttachmentSchema = v.object({
  type: v.string(),
  title: v.optional(v.nullable(v.string())),
  url: v.optional(v.nullable(v.string())),
  payload: v.optional(
    v.nullable(
      v.object({
        url: v.optional(v.string()),
        title: v.optional(v.string()),
        coordinates: v.optional(v.object({ lat: v.number(), long: v.number() })),
      }),
    ),
  ),
});
export type MessengerAttachment = v.InferOutput<typeof AttachmentSchema>;

/** One event of `entry[].messaging[]`: who, when, and exactly one of message, postback, reaction, delivery, read. */
export const EventSchema = v.object({
  sender: v.object({ id: Id }),
  recipient: v.object({ id: Id }),
  timestamp: Millis,
  message: v.optional(
    v.object({
      mid: Mid,
      text: v.optional(v.string()),
      is_echo: v.optional(v.boolean()),
      is_deleted: v.optional(v.boolean()),
      app_id: v.optional(v.union([v.number(), v.string()])),
      quick_reply: v.optional(v.object({ payload: v.string() })),
      reply_to: v.optional(v.object({ mid: v.optional(Mid), story: v.optional(v.object({ url: v.optional(v.string()), id: v.optional(v.string()) })) })),
      attachments: v.optional(v.array(AttachmentSchema)),
    }),
  ),
  postback: v.optional(v.object({ title: v.optional(v.string()), payload: v.string(), mid: v.optional(Mid) })),
  reaction: v.optional(v.object({ mid: Mid, action: v.optional(v.string()), emoji: v.optional(v.string()), reaction: v.optional(v.string()) })),
  delivery: v.optional(v.object({ mids: v.optional(v.array(Mid)), watermark: v.optional(Millis) })),
  read: v.optional(v.object({ watermark: v.optional(Millis), mid: v.optional(Mid) })),
});
export type MessengerEvent = v.InferOutput<typeof EventSchema>;
