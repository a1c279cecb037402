import * as v from 'valibot';

// The webhook shapes of the WhatsApp Cloud API, only as far as the channel reads them. Unknown
// keys are allowed (Meta adds fields); the raw payload keeps everything.

const Digits = v.pipe(v.string(), v.regex(/^\d{5,20}$/));
const Text = v.string();

/** The envelope of every notification: entries of changes, each with a `value`. */
export const WebhookEnvelopeSchema = v.object({
  object: v.literal('whatsapp_business_account'),
  entry: v.array(v.object({ id: v.optional(v.string()), changes: v.array(v.object({ field: v.string(), value: v.unknown() })) })),
});

/** A `messages` change: which number it is about, the senders' profiles, messages and statuses. */
export const MessagesValueSchema = v.object({
  metadata: v.object({ phone_number_id: Digits, display_phone_number: v.optional(v.string()) }),
  contacts: v.optional(v.array(v.unknown()), []),
  messages: v.optional(v.array(v.unknown()), []),
  statuses: v.optional(v.array(v.unknown()), []),
});

/** A sender's profile in `value.contacts[]`. */
export const ProfileSchema = v.object({
  wa_id: v.optional(Digits),
  user_id: v.optional(v.string()),
  parent_user_id: v.optional(v.string()),
  profile: v.optional(v.object({ name: v.optional(Text), username: v.optional(Text) })),
});
export type Profile = v.InferOutput<typeof ProfileSchema>;

const MediaSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  mime_type: v.optional(v.string()),
  caption: v.optional(Text),
  filename: v.optional(Text),
});

/** One inbound message in `value.messages[]`; the part named by `type` is checked by the mapper. */
export const MessageSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  timestamp: v.pipe(v.string(), v.regex(/^\d{1,12}$/)),
  type: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  from: v.optional(Digits),
  from_user_id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(320))),
  from_parent_user_id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(320))),
  context: v.optional(v.object({ id: v.optional(v.pipe(v.string(), v.minLength(1))) })),
  text: v.optional(v.object({ body: Text })),
  image: v.optional(MediaSchema),
  video: v.optional(MediaSchema),
  audio: v.optional(MediaSchema),
  document: v.optional(MediaSchema),
  sticker: v.optional(MediaSchema),
  location: v.optional(v.object({ latitude: v.number(), longitude: v.number(), name: v.optional(Text), address: v.optional(Text) })),
  contacts: v.optional(
    v.array(
      v.object({
        name: v.optional(v.object({ formatted_name: v.optional(Text), first_name: v.optional(Text), last_name: v.optional(Text) })),
        phones: v.optional(v.array(v.object({ phone: v.optional(Text), wa_id: v.optional(Text) }))),
        emails: v.optional(v.array(v.object({ email: v.optional(Text) }))),
      }),
    ),
  ),
  interactive: v.optional(
    v.object({
      type: v.string(),
      button_reply: v.optional(v.object({ id: v.string(), title: Text })),
      list_reply: v.optional(v.object({ id: v.string(), title: Text, description: v.optional(Text) })),
    }),
  ),
  button: v.optional(v.object({ payload: v.optional(v.string()), text: Text })),
  reaction: v.optional(v.object({ message_id: v.pipe(v.string(), v.minLength(1)), emoji: v.optional(Text) })),
  system: v.optional(v.object({ body: v.optional(Text), wa_id: v.optional(Digits), type: v.optional(v.string()) })),
  errors: v.optional(v.array(v.object({ code: v.optional(v.number()), title: v.optional(Text), message: v.optional(Text) }))),
});
export type WhatsAppMessage = v.InferOutput<typeof MessageSchema>;

/** A status notification in `value.statuses[]` about one of the business's own messages. */
export const StatusSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  status: v.string(),
  timestamp: v.pipe(v.string(), v.regex(/^\d{1,12}$/)),
  recipient_id: v.optional(v.string()),
  errors: v.optional(
    v.array(
      v.object({
        code: v.optional(v.number()),
        title: v.optional(Text),
        message: v.optional(Text),
        error_data: v.optional(v.object({ details: v.optional(Text) })),
      }),
    ),
  ),
});
