import * as v from 'valibot';

const MAX_TEXT = 65_536;
/** Twilio passes at most 10 media per MMS; WhatsApp one. Anything claiming more is not Twilio. */
const MAX_MEDIA = 10;

const sid = (prefix: string, name: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `${name} must be ${prefix} followed by 32 hex digits`));
const address = v.pipe(v.string(), v.minLength(1), v.maxLength(320));
const short = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max)));

function coordinate(value: string | undefined, limit: number): number | null {
  if (value === undefined || !/^[-+]?\d{1,3}(\.\d{1,20})?$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** One media item of an inbound MMS or WhatsApp message. */
export type InboundMedia = { url: string; contentType: string };

/**
 * The parameters of Twilio's incoming-message webhook this channel reads (SMS, MMS, WhatsApp),
 * as decoded form values. Parameters Twilio adds later are ignored. `MediaUrl{N}` and
 * `MediaContentType{N}` for N < NumMedia become `media`; `Latitude`/`Longitude` become
 * `location`; a message missing what it claims (a media URL, a coordinate) is refused whole.
 *
 * @example
 * const parsed = v.safeParse(InboundMessageParamsSchema, twilioFormRecord(parseTwilioForm(body)));
 */
export const InboundMessageParamsSchema = v.pipe(
  v.looseObject({
    MessageSid: sid('[A-Z]{2}', 'MessageSid'),
    AccountSid: sid('AC', 'AccountSid'),
    From: address,
    To: address,
    Body: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT)), ''),
    NumMedia: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}$/, 'NumMedia must be a small whole number')), '0'),
    MessagingServiceSid: v.optional(sid('MG', 'MessagingServiceSid')),
    ProfileName: short(256),
    WaId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'WaId must be digits'))),
    MessageType: short(64),
    Latitude: short(64),
    Longitude: short(64),
    Address: short(512),
    Label: short(256),
    ButtonText: short(256),
    ButtonPayload: short(1000),
    OriginalRepliedMessageSid: v.optional(sid('[A-Z]{2}', 'OriginalRepliedMessageSid')),
    OptOutType: short(32),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const params = dataset.value as Record<string, unknown> & { NumMedia: string; Latitude?: string; Longitude?: string; MessageType?: string };
    const count = Number(params.NumMedia);
    if (count > MAX_MEDIA) {
      addIssue({ message: `NumMedia ${count} is more than Twilio ever sends (${MAX_MEDIA})` });
      return NEVER;
    }
    const media: InboundMedia[] = [];
    for (let i = 0; i < count; i++) {
      const url = params[`MediaUrl${i}`];
      const contentType = params[`MediaContentType${i}`];
      if (typeof url !== 'string' || !/^https:\/\/[^\s]+$/.test(url) || url.length > 2048) {
        addIssue({ message: `MediaUrl${i} must be an https URL (NumMedia is ${count})` });
        return NEVER;
      }
      media.push({ url, contentType: typeof contentType === 'string' && /^[\w.+-]+\/[\w.+-]+/.test(contentType) ? contentType.slice(0, 255) : 'application/octet-stream' });
    }
    let location: { latitude: number; longitude: number } | null = null;
    if (params.Latitude !== undefined || params.Longitude !== undefined || params.MessageType === 'location') {
      const latitude = coordinate(params.Latitude, 90);
      const longitude = coordinate(params.Longitude, 180);
      if (latitude === null || longitude === null) {
        addIssue({ message: 'a location needs Latitude within ±90 and Longitude within ±180' });
        return NEVER;
      }
      location = { latitude, longitude };
    }
    const { MessageSid, AccountSid, From, To, Body, MessagingServiceSid, ProfileName, WaId, MessageType, Address, Label, ButtonText, ButtonPayload, OriginalRepliedMessageSid, OptOutType } =
      dataset.value;
    return { MessageSid, AccountSid, From, To, Body, MessagingServiceSid, ProfileName, WaId, MessageType, Address, Label, ButtonText, ButtonPayload, OriginalRepliedMessageSid, OptOutType, media, location };
  }),
);
/** A parsed incoming-message webhook. */
export type InboundMessageParams = v.InferOutput<typeof InboundMessageParamsSchema>;

/**
 * The parameters of a status callback this channel reads. `MessageStatus` stays a string: Twilio
 * adds states, and an unknown one is ignored rather than refused.
 *
 * @example
 * const status = v.parse(StatusCallbackParamsSchema, twilioFormRecord(parseTwilioForm(body)));
 */
export const StatusCallbackParamsSchema = v.object({
  MessageSid: sid('[A-Z]{2}', 'MessageSid'),
  AccountSid: sid('AC', 'AccountSid'),
  MessageStatus: v.pipe(v.string(), v.regex(/^[a-z_]{1,32}$/, 'MessageStatus must be a lower-case word')),
  ErrorCode: v.optional(v.pipe(v.string(), v.regex(/^\d{0,6}$/, 'ErrorCode must be digits'))),
  ErrorMessage: short(1000),
  To: v.optional(address),
  From: v.optional(address),
});
/** A parsed status callback. */
export type StatusCallbackParams = v.InferOutput<typeof StatusCallbackParamsSchema>;
