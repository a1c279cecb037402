import * as v from 'valibot';

// The parts of the Bot API's Update object the plugin reads
// (https://core.telegram.org/bots/api#update). Unknown keys are ignored, so new Bot API fields
// never break parsing; the raw update is kept beside every recorded message anyway.

const IdSchema = v.pipe(v.number(), v.safeInteger());
const TextSchema = v.pipe(v.string(), v.maxLength(65_536));
const ShortTextSchema = v.pipe(v.string(), v.maxLength(1024));

/** A Telegram user (`from`). */
export const TelegramUserSchema = v.object({
  id: IdSchema,
  is_bot: v.optional(v.boolean()),
  first_name: v.pipe(v.string(), v.maxLength(256)),
  last_name: v.optional(v.pipe(v.string(), v.maxLength(256))),
  username: v.optional(v.pipe(v.string(), v.maxLength(64))),
  language_code: v.optional(v.pipe(v.string(), v.maxLength(35))),
});
export type TelegramUser = v.InferOutput<typeof TelegramUserSchema>;

/** A chat; `private` is the one-to-one chat of a user with the bot. */
export const TelegramChatSchema = v.object({
  id: IdSchema,
  type: v.pipe(v.string(), v.maxLength(32)),
});

/** The fields every downloadable file has (document, voice, audio, video, animation, video note, photo size). */
export const TelegramFileSchema = v.object({
  file_id: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  file_unique_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  file_size: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  file_name: v.optional(ShortTextSchema),
  mime_type: v.optional(v.pipe(v.string(), v.maxLength(255))),
});
export type TelegramFile = v.InferOutput<typeof TelegramFileSchema>;

const LocationSchema = v.object({
  latitude: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  longitude: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
});

/** A message as the bot receives it (`message`, `edited_message`). */
export const TelegramMessageSchema = v.object({
  message_id: IdSchema,
  from: v.optional(TelegramUserSchema),
  chat: TelegramChatSchema,
  date: IdSchema,
  edit_date: v.optional(IdSchema),
  text: v.optional(TextSchema),
  caption: v.optional(TextSchema),
  photo: v.optional(v.pipe(v.array(TelegramFileSchema), v.minLength(1), v.maxLength(20))),
  document: v.optional(TelegramFileSchema),
  voice: v.optional(TelegramFileSchema),
  audio: v.optional(TelegramFileSchema),
  video: v.optional(TelegramFileSchema),
  video_note: v.optional(TelegramFileSchema),
  animation: v.optional(TelegramFileSchema),
  sticker: v.optional(v.object({ emoji: v.optional(v.pipe(v.string(), v.maxLength(32))) })),
  location: v.optional(LocationSchema),
  venue: v.optional(v.object({ location: LocationSchema, title: v.pipe(v.string(), v.maxLength(256)), address: v.pipe(v.string(), v.maxLength(512)) })),
  contact: v.optional(
    v.object({
      phone_number: v.pipe(v.string(), v.maxLength(64)),
      first_name: v.pipe(v.string(), v.maxLength(256)),
      last_name: v.optional(v.pipe(v.string(), v.maxLength(256))),
      user_id: v.optional(IdSchema),
    }),
  ),
  reply_to_message: v.optional(v.object({ message_id: IdSchema })),
  /** Content kinds the inbox cannot show; only their presence matters. */
  poll: v.optional(v.unknown()),
  dice: v.optional(v.unknown()),
  game: v.optional(v.unknown()),
  story: v.optional(v.unknown()),
  invoice: v.optional(v.unknown()),
  paid_media: v.optional(v.unknown()),
});
export type TelegramMessage = v.InferOutput<typeof TelegramMessageSchema>;

const InlineButtonSchema = v.object({ text: v.pipe(v.string(), v.maxLength(256)), callback_data: v.optional(v.pipe(v.string(), v.maxLength(64))) });

/** An inline-keyboard button tap. `message` is the bot's message the keyboard was attached to. */
export const TelegramCallbackQuerySchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  from: TelegramUserSchema,
  message: v.optional(
    v.object({
      message_id: IdSchema,
      chat: TelegramChatSchema,
      reply_markup: v.optional(v.object({ inline_keyboard: v.array(v.array(InlineButtonSchema)) })),
    }),
  ),
  data: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export type TelegramCallbackQuery = v.InferOutput<typeof TelegramCallbackQuerySchema>;

/** The bot's own membership of a chat changed; in a private chat `kicked` means the user blocked it. */
export const TelegramChatMemberUpdatedSchema = v.object({
  chat: TelegramChatSchema,
  from: TelegramUserSchema,
  date: IdSchema,
  new_chat_member: v.object({ status: v.pipe(v.string(), v.maxLength(32)) }),
});

/**
 * One webhook delivery from Telegram: an `update_id` and at most one of the update kinds.
 *
 * @example
 * const update = v.parse(TelegramUpdateSchema, JSON.parse(body));
 */
export const TelegramUpdateSchema = v.object({
  update_id: v.pipe(IdSchema, v.minValue(0)),
  message: v.optional(TelegramMessageSchema),
  edited_message: v.optional(TelegramMessageSchema),
  callback_query: v.optional(TelegramCallbackQuerySchema),
  my_chat_member: v.optional(TelegramChatMemberUpdatedSchema),
});
export type TelegramUpdate = v.InferOutput<typeof TelegramUpdateSchema>;
