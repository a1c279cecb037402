import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the sink accepted. */
export type SunkMail = { raw: Buffer; parsed: ParsedMail; envelope: { mailFrom: string | null; rcptTo: string[] } };

/** A local SMTP server standing in for the outbound relay: records mail, or answers as told. */
export type SmtpSink = {
  port: number;
  mails: SunkMail[];
  /** Answers the next DATA commands with these SMTP errors (e.g. 451, 550) before accepting again. */
  failNext(...codes: number[]): void;
  /** Waits until a mail matching the predicate arrived. */
  waitFor(predicate: (mail: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
  close(): Promise<void>;
};

/**
 * Starts the sink on a free port of 127.0.0.1 (no STARTTLS: smtp-server's built-in certificate has
 * expired, see the IMAP test-server recipe).
 *
 * @example
 * const sink = await startSmtpSink();
 * const mail = await sink.waitFor((m) => m.envelope.rcptTo.includes('dana@customer.example.net'));
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const failures: number[] = [];
  const waiters: Array<{ predicate: (m: SunkMail) => boolean; resolve: (m: SunkMail) => void }> = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = failures.shift();
        if (code) return callback(Object.assign(new Error(code >= 500 ? '5.1.1 Recipient address rejected: User unknown' : '4.7.1 Try again later'), { responseCode: code }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          const mail: SunkMail = {
            raw,
            parsed,
            envelope: { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, rcptTo: session.envelope.rcptTo.map((r) => r.address) },
          };
          mails.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    mails,
    failNext: (...codes) => failures.push(...codes),
    waitFor(predicate, timeoutMs = 20_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching mail reached the SMTP sink within ${timeoutMs} ms (${mails.length} received)`)), timeoutMs);
        waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
