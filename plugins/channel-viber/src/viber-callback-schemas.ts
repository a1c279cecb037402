import * as v from 'valibot';

// The callbacks of Viber's REST bot API, as parseViberJson returns them (64-bit tokens as digit
// strings). Unknown keys are ignored; the raw callback is kept beside every recorded message.

/** A message token: digits, as a string whatever size it has. */
export const MessageTokenSchema = v.pipe(
  v.union([v.pipe(v.string(), v.regex(/^\d{1,20}$/)), v.pipe(v.number(), v.safeInteger(), v.minValue(0))]),
  v.transform((token) => String(token)),
);

const TimestampSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const UserIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** A Viber user as callbacks describe them; name and avatar depend on the user's privacy settings. */
export const ViberUserSchema = v.object({
  id: UserIdSchema,
  name: v.optional(v.pipe(v.string(), v.maxLength(256))),
  avatar: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  language: v.optional(v.pipe(v.string(), v.maxLength(35))),
  country: v.optional(v.pipe(v.string(), v.maxLength(8))),
  api_version: v.optional(v.number()),
});
export type ViberUser = v.InferOutput<typeof ViberUserSchema>;

/** What a user sent: `type` says which of the other fields matter. */
export const ViberMessageSchema = v.object({
  type: v.pipe(v.string(), v.maxLength(32)),
  text: v.optional(v.pipe(v.string(), v.maxLength(65_536))),
  media: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  thumbnail: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  file_name: v.optional(v.pipe(v.string(), v.maxLength(1024))),
  size: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  location: v.optional(v.object({ lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)), lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)) })),
  contact: v.optional(v.object({ name: v.optional(v.pipe(v.string(), v.maxLength(256))), phone_number: v.optional(v.pipe(v.string(), v.maxLength(64))) })),
  tracking_data: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  sticker_id: v.optional(v.unknown()),
});
export type ViberMessage = v.InferOutput<typeof ViberMessageSchema>;

const base = { timestamp: TimestampSchema, chat_hostname: v.optional(v.string()) };

/**
 * One callback, told apart by `event`.
 *
 * @example
 * const callback = v.parse(ViberCallbackSchema, parseViberJson(body));
 * if (callback.event === 'message') callback.message_token; // '5741311803571721090'
 */
export const ViberCallbackSchema = v.variant('event', [
  v.object({ ...base, event: v.literal('webhook'), message_token: v.optional(MessageTokenSchema) }),
  v.object({
    ...base,
    event: v.literal('conversation_started'),
    message_token: MessageTokenSchema,
    type: v.optional(v.pipe(v.string(), v.maxLength(32))),
    context: v.optional(v.pipe(v.string(), v.maxLength(512))),
    user: ViberUserSchema,
    subscribed: v.optional(v.boolean()),
  }),
  v.object({ ...base, event: v.literal('subscribed'), message_token: v.optional(MessageTokenSchema), user: ViberUserSchema }),
  v.object({ ...base, event: v.literal('unsubscribed'), message_token: v.optional(MessageTokenSchema), user_id: UserIdSchema }),
  v.object({ ...base, event: v.picklist(['delivered', 'seen']), message_token: MessageTokenSchema, user_id: UserIdSchema }),
  v.object({ ...base, event: v.literal('failed'), message_token: MessageTokenSchema, user_id: UserIdSchema, desc: v.optional(v.pipe(v.string(), v.maxLength(1024))) }),
  v.object({ ...base, event: v.literal('message'), message_token: MessageTokenSchema, sender: ViberUserSchema, message: ViberMessageSchema, silent: v.optional(v.boolean()) }),
]);
export type ViberCallback = v.InferOutput<typeof ViberCallbackSchema>;

/**
 * What de-duplicates a callback: its event and token. Statuses carry the token of the outbound
 * message they are about, so `delivered` and `seen` of one message stay two callbacks.
 *
 * @example
 * callbackKey(callback); // 'message:5741311803571721090'
 */
export function callbackKey(callback: ViberCallback): string {
  switch (callback.event) {
    case 'delivered':
    case 'seen':
    case 'failed':
      return `${callback.event}:${callback.message_token}:${callback.user_id}`;
    case 'unsubscribed':
      return `${callback.event}:${callback.message_token ?? `${callback.user_id}:${callback.timestamp}`}`;
    case 'subscribed':
      return `${callback.event}:${callback.message_token ?? `${callback.user.id}:${callback.timestamp}`}`;
    default:
      return `${callback.event}:${callback.message_token ?? callback.timestamp}`;
  }
}
