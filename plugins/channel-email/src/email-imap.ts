import { ImapFlow, type SearchObject } from 'imapflow';
import type { Logger } from '@switchboard/plugin-sdk';
import { normaliseMessageId } from './email-address';
import type { EmailAccount, EmailImapConfig } from './email-config';
import type { MailIngest } from './email-ingest';
import type { EmailStore } from './email-store';

/** Most messages taken in one sync (Chatwoot's limit); the rest follow on the next. */
const MAX_PER_SYNC = 500;
/** Longest wait before reconnecting after a failure. */
const MAX_BACKOFF_MS = 5 * 60_000;

/** Options of {@link createImapPoller}. */
export type ImapPollerOptions = {
  account: EmailAccount;
  imap: EmailImapConfig;
  store: EmailStore;
  ingest: MailIngest;
  logger: Logger;
};

/** A running mailbox watcher. */
export type ImapPoller = { start(): void; stop(): Promise<void> };

/**
 * Watches an existing mailbox over IMAP: takes every message not yet marked processed, skips what
 * is already stored (Message-ID checked from the headers before the body is downloaded, and
 * UIDVALIDITY + UID remembered), stores the rest through the same path as SMTP, then marks it
 * processed (a flag, `\Seen` by default, or a move to another mailbox). Waits with IDLE between
 * syncs (or polls), and reconnects with backoff after failures.
 *
 * @example
 * const poller = createImapPoller({ account, imap: account.imap, store, ingest, logger });
 * poller.start();
 * await poller.stop();
 */
export function createImapPoller(options: ImapPollerOptions): ImapPoller {
  const { account, imap, store, ingest, logger } = options;
  let stopped = false;
  let running: Promise<void> | null = null;
  let client: ImapFlow | null = null;
  /** Set by every EXISTS the server sends, cleared when a sync starts. */
  let dirty = false;
  const wake = new AbortController();

  function unprocessedQuery(): SearchObject {
    if (imap.processed.action === 'move') return { all: true };
    return imap.processed.flag.toLowerCase() === '\\seen' ? { seen: false } : { unKeyword: imap.processed.flag };
  }

  async function markProcessed(c: ImapFlow, uid: number): Promise<void> {
    if (imap.processed.action === 'move') await c.messageMove(String(uid), imap.processed.mailbox, { uid: true });
    else await c.messageFlagsAdd(String(uid), [imap.processed.flag], { uid: true });
  }

  async function sync(c: ImapFlow, uidValidity: string): Promise<number> {
    const found = await c.search(unprocessedQuery(), { uid: true });
    const uids = (found || []).slice(0, MAX_PER_SYNC);
    let taken = 0;
    for (const uid of uids) {
      if (stopped) break;
      if (await store.imapSeen(account.id, imap.mailbox, uidValidity, uid)) {
        await markProcessed(c, uid);
        continue;
      }
      const head = await c.fetchOne(String(uid), { uid: true, envelope: true }, { uid: true });
      const messageId = head ? normaliseMessageId(head.envelope?.messageId) : null;
      let mailId: string | null = null;
      if (messageId && (await store.hasMail(account.id, messageId))) {
        logger.debug({ uid }, 'already stored (same Message-ID); marked without downloading');
      } else {
        const full = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!full || !full.source) continue;
        ({ mailId } = await ingest({ account: account.id, raw: full.source, source: 'imap', envelope: null }));
        taken++;
      }
      await store.markImapSeen(account.id, imap.mailbox, uidValidity, uid, mailId);
      await markProcessed(c, uid);
    }
    return taken;
  }

  async function waitForMail(c: ImapFlow): Promise<void> {
    // Mail that arrived during the sync was announced then: look again at once.
    if (dirty) return;
    const signals = [AbortSignal.timeout(imap.pollSeconds * 1000), wake.signal];
    const done = AbortSignal.any(signals);
    await new Promise<void>((resolve) => {
      const finish = () => {
        c.off('exists', finish);
        c.off('close', finish);
        done.removeEventListener('abort', finish);
        resolve();
      };
      if (done.aborted) return resolve();
      c.on('exists', finish);
      c.on('close', finish);
      done.addEventListener('abort', finish);
      // IDLE resolves when broken; the next command (the sync) breaks it on its own.
      if (imap.idle) c.idle().catch(() => finish());
    });
  }

  async function run(): Promise<void> {
    let backoff = 1000;
    while (!stopped) {
      const c = new ImapFlow({
        host: imap.host,
        port: imap.port,
        secure: imap.secure,
        auth: { user: imap.user, pass: imap.password },
        logger: false,
        disableAutoIdle: true,
        tls: { rejectUnauthorized: imap.rejectUnauthorized },
      });
      client = c;
      c.on('error', (err: Error) => logger.warn({ err: { message: err.message } }, 'IMAP connection error'));
      try {
        await c.connect();
        const mailbox = await c.mailboxOpen(imap.mailbox);
        const uidValidity = String(mailbox.uidValidity);
        logger.info({ mailbox: imap.mailbox }, 'IMAP mailbox opened');
        backoff = 1000;
        c.on('exists', () => {
          dirty = true;
        });
        while (!stopped && c.usable) {
          dirty = false;
          const taken = await sync(c, uidValidity);
          if (taken > 0) logger.info({ taken }, 'IMAP mail taken');
          if (!stopped) await waitForMail(c);
        }
      } catch (err) {
        if (!stopped) logger.warn({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'IMAP sync failed; reconnecting');
      } finally {
        client = null;
        await c.logout().catch(() => c.close());
      }
      if (stopped) break;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, backoff);
        wake.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  return {
    start() {
      running ??= run();
    },
    async stop() {
      stopped = true;
      wake.abort();
      await client?.logout().catch(() => client?.close());
      await running;
    },
  };
}
