import { wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { isPlainAddress } from './email-address';

const MIB = 1024 * 1024;

const hostName = (key: string) =>
  v.pipe(v.string(`${key} must be a string`), v.minLength(1, `${key} must not be empty`), v.regex(/^[^\s/]+$/, `${key} must be a host name or IP address, without scheme or path`));

const address = (key: string) =>
  v.pipe(
    v.string(`${key} must be a string`),
    v.trim(),
    v.toLowerCase(),
    v.check(isPlainAddress, `${key} must be a plain email address like support@example.com (no name, no angle brackets)`),
  );

const domain = (key: string) =>
  v.pipe(v.string(`${key} must be a string`), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, `${key} must be a domain like inbound.example.com`));

const ImapConfigSchema = v.object({
  host: hostName('imap.host'),
  port: v.optional(wholeNumber('imap.port', 1, 65_535, 'IMAP port: 993 with `secure`, 143 for plain/STARTTLS.'), 993),
  secure: v.optional(v.pipe(v.boolean('imap.secure must be true or false'), v.description('Implicit TLS (port 993). With false, STARTTLS is used when the server offers it.')), true),
  user: v.pipe(v.string('imap.user must be a string'), v.minLength(1, 'imap.user must not be empty')),
  password: v.pipe(v.string('imap.password must be a string'), v.minLength(1, 'imap.password must not be empty; use ${ENV_VAR}'), v.description('Secret: give it as ${ENV_VAR}; never logged.')),
  mailbox: v.optional(v.pipe(v.string(), v.minLength(1)), 'INBOX'),
  processed: v.optional(
    v.variant('action', [
      v.object({ action: v.literal('flag'), flag: v.optional(v.pipe(v.string(), v.regex(/^\\?[A-Za-z$][\w$-]*$/, 'imap.processed.flag must be an IMAP flag such as \\Seen or $Switchboard')), '\\Seen') }),
      v.object({ action: v.literal('move'), mailbox: v.pipe(v.string('imap.processed.mailbox must be a string'), v.minLength(1)) }),
    ]),
    { action: 'flag', flag: '\\Seen' },
  ),
  idle: v.optional(v.pipe(v.boolean(), v.description('Wait for new mail with IMAP IDLE between polls.')), true),
  pollSeconds: v.optional(wholeNumber('imap.pollSeconds', 1, 3600, 'Seconds between polls (also the IDLE restart interval).'), 60),
  /** For tests against a server without a valid certificate; never in production. */
  rejectUnauthorized: v.optional(v.boolean(), true),
});

const OutboundConfigSchema = v.object({
  host: hostName('outbound.host'),
  port: v.optional(wholeNumber('outbound.port', 1, 65_535, 'SMTP submission port: 587 (STARTTLS) or 465 (implicit TLS).'), 587),
  secure: v.optional(v.pipe(v.boolean(), v.description('Implicit TLS (port 465).')), false),
  requireTLS: v.optional(v.pipe(v.boolean(), v.description('Refuse to send unless STARTTLS succeeds.')), true),
  user: v.optional(v.string()),
  password: v.optional(v.pipe(v.string(), v.description('Secret: give it as ${ENV_VAR}; never logged.'))),
  timeoutMs: v.optional(wholeNumber('outbound.timeoutMs', 1000, 25_000, 'How long one send may take; the core waits 30 s for a delivery.'), 20_000),
  rejectUnauthorized: v.optional(v.boolean(), true),
});

const AccountSchema = v.object({
  id: v.pipe(v.string('accounts[].id must be a string'), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'accounts[].id must be 1–64 lower-case letters, digits, _ or -')),
  label: v.optional(v.pipe(v.string(), v.maxLength(128))),
  address: address('accounts[].address'),
  aliases: v.optional(v.array(address('accounts[].aliases[]')), []),
  fromName: v.optional(v.pipe(v.string(), v.maxLength(128), v.regex(/^[^\r\n]*$/, 'accounts[].fromName must be one line'))),
  replyDomain: v.optional(domain('accounts[].replyDomain')),
  messageIdDomain: v.optional(domain('accounts[].messageIdDomain')),
  signature: v.optional(
    v.pipe(v.string(), v.maxLength(2000), v.description('Appended to every agent reply; {{agentName}} is replaced by the sender\'s name, {{accountName}} by fromName.')),
  ),
  imap: v.optional(ImapConfigSchema),
  outbound: v.optional(OutboundConfigSchema),
});

const SmtpServerConfigSchema = v.object({
  host: v.optional(hostName('smtp.host'), '0.0.0.0'),
  port: v.optional(wholeNumber('smtp.port', 0, 65_535, 'Port of the receiving SMTP server (25 for MX; 0 picks a free one, for tests).'), 2525),
  maxMessageBytes: v.optional(wholeNumber('smtp.maxMessageBytes', 1024, 100 * MIB, 'Largest message accepted; larger is refused with 552.'), 25 * MIB),
  hostname: v.optional(v.pipe(v.string(), v.minLength(1)), undefined),
  tls: v.optional(
    v.object({
      cert: v.pipe(v.string('smtp.tls.cert must be PEM text'), v.includes('BEGIN', 'smtp.tls.cert must be a PEM certificate')),
      key: v.pipe(v.string('smtp.tls.key must be PEM text'), v.includes('BEGIN', 'smtp.tls.key must be a PEM private key')),
    }),
  ),
  allowedClients: v.optional(v.array(v.pipe(v.string(), v.regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'smtp.allowedClients[] must be an IP address or CIDR range'))), []),
});

/**
 * The options of the channel-email plugin: one or more mailboxes (`accounts`), each reachable by
 * the plugin's own SMTP server (`smtp`) and/or by IMAP, sending over an SMTP relay (`outbound`).
 *
 * @example
 * const config = v.parse(EmailConfigSchema, {
 *   smtp: { port: 2525 },
 *   accounts: [{ id: 'support', address: 'support@example.com', replyDomain: 'inbound.example.com', outbound: { host: 'smtp.example.com', user: 'support', password: 's3cret' } }],
 * });
 */
export const EmailConfigSchema = v.pipe(
  v.object({
    smtp: v.optional(SmtpServerConfigSchema),
    accounts: v.pipe(v.array(AccountSchema, 'accounts must be a list'), v.minLength(1, 'accounts needs at least one mailbox')),
    inbound: v.optional(
      v.object({
        attachOriginal: v.optional(v.picklist(['trimmed', 'always', 'never']), 'trimmed'),
        autoReplies: v.optional(v.picklist(['note', 'ignore']), 'note'),
        maxAttachments: v.optional(wholeNumber('inbound.maxAttachments', 0, 50, 'Most attachments kept per mail; more are listed in the text.'), 20),
      }),
      {},
    ),
    continuity: v.optional(
      v.object({
        enabled: v.optional(v.boolean(), true),
        delaySeconds: v.optional(wholeNumber('continuity.delaySeconds', 1, 7 * 24 * 3600, 'How long an agent reply on another channel may stay unread before it is emailed.'), 600),
        account: v.optional(v.string()),
        checkSeconds: v.optional(wholeNumber('continuity.checkSeconds', 1, 3600, 'How often due replies are looked for.'), 15),
        channels: v.optional(v.array(v.string()), []),
      }),
      {},
    ),
  }),
  v.check((c) => new Set(c.accounts.map((a) => a.id)).size === c.accounts.length, 'accounts[].id must be unique'),
  v.check((c) => !c.continuity.account || c.accounts.some((a) => a.id === c.continuity.account), 'continuity.account must be the id of one of the accounts'),
  v.check(
    (c) => !c.continuity.account || Boolean(c.accounts.find((a) => a.id === c.continuity.account)?.outbound),
    'continuity.account must have an outbound relay (accounts[].outbound) to send from',
  ),
);

/** The validated options, defaults filled in. */
export type EmailConfig = v.InferOutput<typeof EmailConfigSchema>;
/** One configured mailbox. */
export type EmailAccount = EmailConfig['accounts'][number];
/** IMAP settings of an account. */
export type EmailImapConfig = NonNullable<EmailAccount['imap']>;
/** Outbound SMTP settings of an account. */
export type EmailOutboundConfig = NonNullable<EmailAccount['outbound']>;
/** The receiving SMTP server's settings. */
export type EmailSmtpServerConfig = NonNullable<EmailConfig['smtp']>;

/**
 * The domain an account's reply addresses live on: `replyDomain`, else the domain of `address`.
 *
 * @example
 * replyDomainOf({ address: 'support@example.com' }); // 'example.com'
 */
export function replyDomainOf(account: Pick<EmailAccount, 'address' | 'replyDomain'>): string {
  return account.replyDomain ?? account.address.slice(account.address.lastIndexOf('@') + 1);
}

/**
 * The domain right of the `@` in the Message-IDs the account generates.
 *
 * @example
 * messageIdDomainOf({ address: 'support@example.com' }); // 'example.com'
 */
export function messageIdDomainOf(account: Pick<EmailAccount, 'address' | 'messageIdDomain'>): string {
  return account.messageIdDomain ?? account.address.slice(account.address.lastIndexOf('@') + 1);
}
