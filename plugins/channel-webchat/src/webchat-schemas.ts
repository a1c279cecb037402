import { ContactAttributesSchema } from '@switchboard/events';
import * as v from 'valibot';

/**
 * Most page attributes one call sets, and most that wait for the visitor's next message: the core
 * takes 50 per message, and the web chat's own `webchat.*` ones need the rest.
 */
export const MAX_PAGE_ATTRIBUTES = 40;
/** Attribute names the plugin sets itself (`webchat.name`, `webchat.pageUrl`…); a page may not. */
export const RESERVED_ATTRIBUTE_PREFIX = 'webchat.';

/**
 * Contact attributes from the page (`setAttributes()`): the core's rules (a name is a letter then
 * up to 63 letters, digits, `_`, `.` or `-`; a value a string ≤ 1024, a number, a boolean, or
 * `null` to remove it), at most {@link MAX_PAGE_ATTRIBUTES}, none named `webchat.*`.
 *
 * @example
 * v.parse(PageAttributesSchema, { plan: 'pro', seats: 12, trial: null });
 */
export const PageAttributesSchema = v.pipe(
  v.record(v.string(), v.unknown(), 'attributes must be an object of name → value'),
  v.check((record) => Object.keys(record).length <= MAX_PAGE_ATTRIBUTES, `at most ${MAX_PAGE_ATTRIBUTES} attributes at a time`),
  v.check((record) => !Object.keys(record).some((name) => name.startsWith(RESERVED_ATTRIBUTE_PREFIX)), `attribute names starting with "${RESERVED_ATTRIBUTE_PREFIX}" are the web chat's own`),
  ContactAttributesSchema,
);

const optionalUrl = (key: string) => v.optional(v.pipe(v.string(`${key} must be a string`), v.maxLength(2048, `${key} must be at most 2048 characters`)));

/** `POST /v1/sessions`: which widget, the page, and optionally the site's logged-in user. */
export const SessionCreateSchema = v.object({
  site_key: v.pipe(v.string('site_key is required: the data-site-key of the widget'), v.minLength(1, 'site_key must not be empty'), v.maxLength(64, 'site_key must be at most 64 characters')),
  locale: v.optional(v.pipe(v.string('locale must be a string'), v.maxLength(35, 'locale must be a BCP 47 tag like en-US'))),
  page_url: optionalUrl('page_url'),
  referrer: optionalUrl('referrer'),
  user: v.optional(
    v.object({
      external_id: v.pipe(v.string('user.external_id is required: the site’s id of the logged-in user'), v.minLength(1, 'user.external_id must not be empty'), v.maxLength(256, 'user.external_id must be at most 256 characters')),
      name: v.optional(v.nullable(v.pipe(v.string('user.name must be a string'), v.trim(), v.maxLength(256, 'user.name must be at most 256 characters')))),
      email: v.optional(v.nullable(v.pipe(v.string('user.email must be a string'), v.trim(), v.maxLength(254), v.email('user.email must be an email address')))),
      user_hash: v.optional(v.nullable(v.pipe(v.string('user.user_hash must be a string'), v.regex(/^[0-9a-fA-F]{64}$/, 'user.user_hash must be 64 hex characters: HMAC-SHA256(identity secret, external_id)')))),
      email_hash: v.optional(v.nullable(v.pipe(v.string('user.email_hash must be a string'), v.regex(/^[0-9a-fA-F]{64}$/, 'user.email_hash must be 64 hex characters: HMAC-SHA256(identity secret, lower-cased email)')))),
    }, 'user must be an object { external_id, name, email, user_hash }'),
  ),
  /** Contact attributes the page set (`setAttributes()`), as in `POST /v1/attributes`. */
  attributes: v.optional(PageAttributesSchema),
});
/** A validated session request. */
export type SessionCreate = v.InferOutput<typeof SessionCreateSchema>;

/** `POST /v1/profile`: the pre-chat form, or an email left for a reply. */
export const ProfileSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string('name must be a string'), v.trim(), v.minLength(1, 'name must not be empty'), v.maxLength(256, 'name must be at most 256 characters'))),
    email: v.optional(v.pipe(v.string('email must be a string'), v.trim(), v.maxLength(254, 'email must be at most 254 characters'), v.email('email must be an email address like dana@example.com'))),
    consent: v.optional(v.boolean('consent must be true or false')),
  }),
  v.check((p) => p.name !== undefined || p.email !== undefined || p.consent !== undefined, 'send at least one of name, email, consent'),
);
/** A validated profile submission. */
export type Profile = v.InferOutput<typeof ProfileSchema>;

/** `POST /v1/attributes`: contact attributes the page set after the session started. */
export const AttributesSchema = v.object({ attributes: PageAttributesSchema }, 'the body must be { "attributes": { name: value } }');

/**
 * `POST /v1/messages`. The text limit is the widget's, so the schema is built per widget.
 *
 * @example
 * const schema = createSendMessageSchema(widget.maxTextLength);
 */
export function createSendMessageSchema(maxTextLength: number) {
  return v.pipe(
    v.object({
      echo_id: v.pipe(v.string('echo_id is required: a client id per message, so a retry is stored once'), v.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'echo_id must be 1–128 letters, digits, ., _, : or -')),
      text: v.optional(v.pipe(v.string('text must be a string'), v.maxLength(maxTextLength, `text must be at most ${maxTextLength} characters`)), ''),
      attachment_ids: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(128)), 'attachment_ids must be a list of upload ids'), v.maxLength(5, 'at most 5 attachments per message')), []),
      postback: v.optional(
        v.object({
          payload: v.pipe(v.string('postback.payload must be a string'), v.minLength(1), v.maxLength(1000)),
          title: v.optional(v.pipe(v.string('postback.title must be a string'), v.maxLength(256))),
        }),
      ),
    }),
    v.check((m) => m.text.trim().length > 0 || m.attachment_ids.length > 0 || m.postback !== undefined, 'a message needs a non-blank text, an attachment or a postback'),
  );
}
/** A validated message from the visitor. */
export type SendMessage = v.InferOutput<ReturnType<typeof createSendMessageSchema>>;

/** `POST /v1/typing`. */
export const TypingSchema = v.object({ typing: v.boolean('typing must be true or false') });

const SeqSchema = (key: string) => v.pipe(v.number(`${key} must be a number`), v.integer(`${key} must be a whole number`), v.minValue(0, `${key} must be 0 or more`));

/** `POST /v1/seen`: the visitor's seen watermark. */
export const SeenSchema = v.object({ up_to_seq: SeqSchema('up_to_seq') });

/** `POST /v1/csat`: a 1–5 rating of a resolved conversation. */
export const CsatSchema = v.object({
  conversation_id: v.pipe(v.string('conversation_id is required'), v.minLength(1), v.maxLength(128)),
  rating: v.pipe(v.number('rating must be a number from 1 to 5'), v.integer('rating must be a whole number'), v.minValue(1, 'rating must be from 1 to 5'), v.maxValue(5, 'rating must be from 1 to 5')),
  comment: v.optional(v.nullable(v.pipe(v.string('comment must be a string'), v.trim(), v.maxLength(2000, 'comment must be at most 2000 characters')))),
});

const QuerySeq = (key: string) => v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, `${key} must be a message seq (a whole number)`), v.transform(Number)));

/** `GET /v1/messages` query: `after` or `before` (not both) and `limit`. */
export const HistoryQuerySchema = v.pipe(
  v.object({
    after: QuerySeq('after'),
    before: QuerySeq('before'),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100'), v.transform(Number), v.minValue(1, 'limit must be from 1 to 100'), v.maxValue(100, 'limit must be from 1 to 100')), '50'),
  }),
  v.check((q) => q.after === undefined || q.before === undefined, 'give after or before, not both'),
);
