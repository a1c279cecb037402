import { wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Locales the widget has strings for; the server only passes the configured one on. */
export const WEBCHAT_LOCALES = ['en', 'pl', 'ru', 'ro'] as const;
/** Types a visitor may upload unless a widget narrows them: images and PDF. */
export const DEFAULT_ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const THIRTY_DAYS = 30 * 24 * 3600;

function optionalText(key: string, max: number, description: string) {
  return v.optional(v.nullable(v.pipe(v.string(`${key} must be a string`), v.trim(), v.minLength(1, `${key} must not be empty (leave it out for the widget's default)`), v.maxLength(max, `${key} must be at most ${max} characters`), v.description(description))), null);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An allowed origin: `https://shop.example.com`, `http://127.0.0.1:5173`, a wildcard for every
 * subdomain `https://*.example.com`, or `*` (any site; for development only).
 */
const OriginPatternSchema = v.pipe(
  v.string('allowedOrigins entries must be strings'),
  v.trim(),
  v.check(
    (value) => value === '*' || /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(value),
    'an allowed origin is scheme://host[:port] without a path, e.g. https://shop.example.com or https://*.example.com (or * for any)',
  ),
  v.transform((value) => value.toLowerCase()),
);

const HexColorSchema = (key: string) => v.pipe(v.string(`${key} must be a string`), v.regex(/^#[0-9a-fA-F]{6}$/, `${key} must be a colour like #1f6feb`));
const TimeSchema = (key: string) => v.pipe(v.string(`${key} must be a time like "09:00"`), v.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, `${key} must be a time from "00:00" to "24:00"`));
const FieldModeSchema = (key: string) => v.optional(v.picklist(['off', 'optional', 'required'], `${key} must be off, optional or required`), 'off');

const BusinessHoursSchema = v.object({
  timezone: v.pipe(v.string('businessHours.timezone must be an IANA zone like "Europe/Warsaw"'), v.check(isTimeZone, 'businessHours.timezone is not a time zone this server knows (IANA name like "Europe/Warsaw")')),
  weekly: v.pipe(
    v.array(
      v.pipe(
        v.object({
          days: v.pipe(v.array(v.picklist(DAYS, `days are ${DAYS.join(', ')}`)), v.minLength(1, 'name at least one day')),
          from: TimeSchema('from'),
          to: TimeSchema('to'),
        }),
        v.check((range) => range.from < range.to, 'from must be before to (a range ends the same day; split overnight hours in two)'),
      ),
      'businessHours.weekly must be a list of { days, from, to }',
    ),
    v.maxLength(50, 'businessHours.weekly has at most 50 ranges'),
  ),
});

const PreChatSchema = v.object({
  mode: v.optional(v.picklist(['off', 'optional', 'required'], 'preChat.mode must be off, optional or required'), 'off'),
  name: FieldModeSchema('preChat.name'),
  email: FieldModeSchema('preChat.email'),
  consent: v.optional(v.picklist(['off', 'required'], 'preChat.consent must be off or required'), 'off'),
  consentText: optionalText('preChat.consentText', 1000, 'The consent checkbox text; the widget has a default per locale.'),
});

const ProactiveRuleSchema = v.object({
  id: v.pipe(v.string('proactive[].id must be a string'), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'proactive[].id must be kebab-case')),
  urlPattern: v.pipe(v.string('proactive[].urlPattern must be a string'), v.minLength(1), v.maxLength(2048), v.description('A glob (`*` = any characters) matched against the page URL without its hash.')),
  afterSeconds: v.optional(wholeNumber('proactive[].afterSeconds', 0, 3600, 'Seconds on the page before the message shows.'), 0),
  returningVisitor: v.optional(v.nullable(v.boolean('proactive[].returningVisitor must be true, false or null')), null),
  message: v.pipe(v.string('proactive[].message must be a string'), v.trim(), v.minLength(1), v.maxLength(1000)),
});

const RateLimitsSchema = v.object({
  windowSeconds: v.optional(wholeNumber('rateLimits.windowSeconds', 1, 3600, 'Length of the sliding window.'), 60),
  sessionsPerIp: v.optional(wholeNumber('rateLimits.sessionsPerIp', 1, 100_000, 'Session creations and resumes per IP per window (every page load is one).'), 60),
  requestsPerIp: v.optional(wholeNumber('rateLimits.requestsPerIp', 1, 1_000_000, 'Requests per IP per window.'), 600),
  requestsPerVisitor: v.optional(wholeNumber('rateLimits.requestsPerVisitor', 1, 100_000, 'Requests per visitor per window.'), 240),
  messagesPerVisitor: v.optional(wholeNumber('rateLimits.messagesPerVisitor', 1, 10_000, 'Messages and uploads per visitor per window.'), 30),
});

const WidgetSchema = v.object({
  id: v.pipe(v.string('widgets[].id must be a string'), v.regex(/^[a-z][a-z0-9-]{0,63}$/, 'widgets[].id must be kebab-case, e.g. "main"'), v.description('Stable id; the account of the conversation legs.')),
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(128)), 'Web chat'),
  siteKey: v.pipe(v.string('widgets[].siteKey must be a string'), v.regex(/^[A-Za-z0-9_-]{6,64}$/, 'widgets[].siteKey must be 6–64 letters, digits, _ or -, e.g. "wk_3yB7kP2qR9sX5vN1"'), v.description('Public key in the embed snippet; selects the widget, never authenticates.')),
  allowedOrigins: v.pipe(v.array(OriginPatternSchema, 'widgets[].allowedOrigins must be a list of origins'), v.minLength(1, 'widgets[].allowedOrigins must name at least one origin (the sites that embed the widget)')),
  locale: v.optional(v.picklist(WEBCHAT_LOCALES, `widgets[].locale must be one of ${WEBCHAT_LOCALES.join(', ')}`), 'en'),
  colors: v.optional(v.object({ primary: v.optional(HexColorSchema('colors.primary'), '#1f6feb'), onPrimary: v.optional(HexColorSchema('colors.onPrimary'), '#ffffff') }), {}),
  position: v.optional(v.picklist(['bottom-right', 'bottom-left'], 'widgets[].position must be bottom-right or bottom-left'), 'bottom-right'),
  launcherText: optionalText('launcherText', 60, 'Text beside the chat bubble; none shows just the bubble.'),
  greeting: optionalText('greeting', 1000, 'Shown when the chat opens within business hours.'),
  offlineGreeting: optionalText('offlineGreeting', 1000, 'Shown outside business hours, with a request for an email.'),
  businessHours: v.optional(v.nullable(BusinessHoursSchema), null),
  expectedReplyMinutes: v.optional(v.nullable(wholeNumber('expectedReplyMinutes', 1, 10_080, 'Typical reply time within business hours.')), null),
  preChat: v.optional(PreChatSchema, {}),
  proactive: v.optional(v.pipe(v.array(ProactiveRuleSchema), v.maxLength(50)), []),
  csat: v.optional(v.object({ enabled: v.optional(v.boolean('csat.enabled must be true or false'), true) }), {}),
  notifications: v.optional(
    v.object({
      sound: v.optional(v.pipe(v.boolean('notifications.sound must be true or false'), v.description('A short chime in the chat when a reply comes in while the visitor is not looking.')), true),
      browser: v.optional(v.pipe(v.boolean('notifications.browser must be true or false'), v.description('Ask visitors (on their first click of the bubble) to allow browser notifications for replies while the tab is in the background.')), false),
    }),
    {},
  ),
  attachments: v.optional(
    v.object({
      enabled: v.optional(v.boolean('attachments.enabled must be true or false'), true),
      maxBytes: v.optional(wholeNumber('attachments.maxBytes', 1, MAX_ATTACHMENT_BYTES, 'Largest upload in bytes.'), 10 * 1024 * 1024),
      types: v.optional(v.pipe(v.array(v.picklist(DEFAULT_ATTACHMENT_TYPES, `attachments.types may contain ${DEFAULT_ATTACHMENT_TYPES.join(', ')}`)), v.minLength(1)), [...DEFAULT_ATTACHMENT_TYPES]),
    }),
    {},
  ),
  identity: v.optional(
    v.object({
      required: v.optional(v.boolean('identity.required must be true or false'), false),
      namespace: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'identity.namespace must be up to 32 lower-case letters, digits, _ or -'))), null),
    }),
    {},
  ),
  sessionTtlSeconds: v.optional(wholeNumber('sessionTtlSeconds', 1, 365 * 24 * 3600, 'Unused tokens expire after this long; each use slides it.'), THIRTY_DAYS),
  maxTextLength: v.optional(wholeNumber('maxTextLength', 1, 65_536, 'Longest message text in characters.'), 5000),
  rateLimits: v.optional(RateLimitsSchema, {}),
});

/**
 * The options of channel-webchat: the widgets, whether the reverse proxy's `X-Forwarded-For` may
 * be trusted, and the demo page. The identity secrets live in the `secrets` block
 * (`identitySecrets`), never here.
 *
 * @example
 * const config = v.parse(WebchatConfigSchema, { widgets: [{ id: 'main', siteKey: 'wk_3yB7kP2qR9sX5vN1', allowedOrigins: ['https://shop.example.com'] }] });
 * config.widgets[0]!.preChat.mode; // 'off'
 */
export const WebchatConfigSchema = v.pipe(
  v.object(
    {
      widgets: v.pipe(v.array(WidgetSchema, 'widgets must be a list'), v.minLength(1, 'widgets must list at least one widget')),
      trustProxy: v.optional(v.boolean('trustProxy must be true or false'), false),
      demo: v.optional(v.object({ enabled: v.optional(v.boolean(), false), widget: v.optional(v.nullable(v.string()), null) }), {}),
    },
    (issue) => (issue.expected === '"widgets"' ? 'widgets is required: list at least one widget with id, siteKey and allowedOrigins' : 'the options of channel-webchat must be an object'),
  ),
  v.check((config) => new Set(config.widgets.map((w) => w.id)).size === config.widgets.length, 'widgets[].id must be unique'),
  v.check((config) => new Set(config.widgets.map((w) => w.siteKey)).size === config.widgets.length, 'widgets[].siteKey must be unique'),
  v.check((config) => config.demo.widget === null || config.widgets.some((w) => w.id === config.demo.widget), 'demo.widget must be the id of one of the widgets'),
);

/** The validated options of channel-webchat, defaults filled in. */
export type WebchatConfig = v.InferOutput<typeof WebchatConfigSchema>;
/** One configured widget. */
export type WidgetConfig = WebchatConfig['widgets'][number];
