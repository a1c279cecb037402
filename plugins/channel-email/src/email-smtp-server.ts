import { BlockList, isIP } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '@switchboard/plugin-sdk';
import { normaliseAddress, replyTokenOf } from './email-address';
import { replyDomainOf, type EmailAccount, type EmailSmtpServerConfig } from './email-config';
import { EmailError, EmailErrorCodes } from './email-errors';
import type { MailIngest } from './email-ingest';
import type { EmailStore } from './email-store';

/** Options of {@link createSmtpReceiver}. */
export type SmtpReceiverOptions = {
  config: EmailSmtpServerConfig;
  accounts: readonly EmailAccount[];
  store: EmailStore;
  ingest: MailIngest;
  logger: Logger;
};

/** The running receiver. */
export type SmtpReceiver = { listen(): Promise<{ port: number }>; close(): Promise<void> };

/** An SMTP error reply: smtp-server sends `responseCode` and the message to the client. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Which account a recipient address belongs to: the account's address or an alias, or a
 * `reply+<token>@<reply domain>` (the account of the token's thread when several accounts share
 * the domain). Null for anything else: we are no relay.
 *
 * @example
 * await accountForRecipient('reply+k3…@inbound.example.com', accounts, store); // the support account
 */
export async function accountForRecipient(address: string, accounts: readonly EmailAccount[], store: Pick<EmailStore, 'threadByToken'>): Promise<EmailAccount | null> {
  const normal = normaliseAddress(address);
  if (!normal) return null;
  const direct = accounts.find((a) => a.address === normal || a.aliases.includes(normal));
  if (direct) return direct;
  const candidates = accounts.filter((a) => replyTokenOf(normal, [replyDomainOf(a)]) !== null);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const thread = await store.threadByToken(replyTokenOf(normal, [replyDomainOf(candidates[0]!)])!);
  return candidates.find((a) => a.id === thread?.account) ?? candidates[0]!;
}

/**
 * The plugin's receiving SMTP server (MX or a forwarding target). It accepts mail only for the
 * configured accounts' addresses and reply addresses (550 5.1.1 otherwise), only from
 * `allowedClients` when set (554), up to `maxMessageBytes` (552 5.3.4), and answers 250 only once
 * the raw mail is stored and queued for parsing (451 when that fails, so the sender retries).
 * STARTTLS is offered only with a configured certificate.
 *
 * @example
 * const receiver = createSmtpReceiver({ config: ctx.config.smtp, accounts: ctx.config.accounts, store, ingest, logger: ctx.logger });
 * const { port } = await receiver.listen();
 */
export function createSmtpReceiver(options: SmtpReceiverOptions): SmtpReceiver {
  const { config, accounts, store, ingest, logger } = options;
  const allowed = config.allowedClients.length > 0 ? blockListOf(config.allowedClients) : null;

  const server = new SMTPServer({
    name: config.hostname,
    banner: 'Switchboard',
    size: config.maxMessageBytes,
    authOptional: true,
    disabledCommands: config.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(config.tls ? { key: config.tls.key, cert: config.tls.cert } : {}),
    logger: false,
    // A slow or idle client must not hold a connection forever.
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onConnect(session, callback) {
      const ip = normaliseIp(session.remoteAddress);
      if (allowed && !(ip && allowed.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'))) {
        logger.warn({ remoteAddress: session.remoteAddress }, 'SMTP client not in smtp.allowedClients; refused');
        return callback(smtpError(554, '5.7.1 This server does not accept mail from your address'));
      }
      callback();
    },
    onMailFrom(_address, _session, callback) {
      callback();
    },
    onRcptTo(address, _session, callback) {
      accountForRecipient(address.address, accounts, store).then(
        (account) => (account ? callback() : callback(smtpError(550, `5.1.1 <${address.address.slice(0, 100)}>: no such mailbox here`))),
        (err: unknown) => {
          logger.error({ err }, 'recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (ids) => callback(null, `2.0.0 Ok: queued as ${ids.join(',')}`),
        (err: Error & { responseCode?: number }) => callback(err.responseCode ? err : smtpError(451, '4.3.0 Temporary failure, try again later')),
      );
    },
  });
  server.on('error', (err) => logger.warn({ err }, 'SMTP server error'));

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string[]> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Past the limit, keep draining (the client is still sending) but keep nothing.
      if (size <= config.maxMessageBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded || size > config.maxMessageBytes) {
      logger.warn({ size, limit: config.maxMessageBytes }, 'mail over smtp.maxMessageBytes refused');
      throw smtpError(552, `5.3.4 Message too big: the limit is ${config.maxMessageBytes} bytes`);
    }
    const raw = Buffer.concat(chunks);
    const rcptTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null;
    const targets = new Map<string, EmailAccount>();
    for (const address of rcptTo) {
      const account = await accountForRecipient(address, accounts, store);
      if (account) targets.set(account.id, account);
    }
    const ids: string[] = [];
    for (const account of targets.values()) {
      try {
        ids.push((await ingest({ account: account.id, raw, source: 'smtp', envelope: { mailFrom, rcptTo, remoteAddress: session.remoteAddress } })).mailId);
      } catch (err) {
        logger.error({ err, account: account.id }, 'storing a received mail failed; answered 451');
        throw smtpError(451, '4.3.0 Temporary failure storing the message, try again later');
      }
    }
    return ids;
  }

  return {
    listen() {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) =>
          reject(new EmailError({ code: EmailErrorCodes.SMTP_LISTEN_FAILED, message: `channel-email: the SMTP server cannot listen on ${config.host}:${config.port} (${err.message}); set smtp.port/smtp.host`, cause: err }));
        server.server.once('error', onError);
        server.listen(config.port, config.host, () => {
          server.server.off('error', onError);
          const address = server.server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : config.port });
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function normaliseIp(address: string): string | null {
  const ip = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(ip) ? ip : null;
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits] = entry.split('/');
    const family = isIP(ip!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip!, family);
    else list.addSubnet(ip!, Number(bits), family);
  }
  return list;
}
