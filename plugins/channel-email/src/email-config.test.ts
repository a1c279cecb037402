import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EmailConfigSchema, messageIdDomainOf, replyDomainOf } from './email-config';

describe('EmailConfigSchema', () => {
  it('fills defaults for a minimal account', () => {
    const config = v.parse(EmailConfigSchema, { accounts: [{ id: 'support', address: 'Support@Example.com' }] });
    expect(config.accounts[0]!.address).toBe('support@example.com');
    expect(config.continuity).toMatchObject({ enabled: true, delaySeconds: 600 });
    expect(config.inbound).toEqual({ attachOriginal: 'trimmed', autoReplies: 'note', maxAttachments: 20 });
    expect(replyDomainOf(config.accounts[0]!)).toBe('example.com');
    expect(messageIdDomainOf({ address: 'a@example.com', messageIdDomain: 'mail.example.com' })).toBe('mail.example.com');
  });

  it('fills IMAP and SMTP defaults', () => {
    const config = v.parse(EmailConfigSchema, {
      smtp: {},
      accounts: [{ id: 'support', address: 'support@example.com', imap: { host: 'imap.example.com', user: 'support', password: 'x' } }],
    });
    expect(config.smtp).toMatchObject({ host: '0.0.0.0', port: 2525, maxMessageBytes: 25 * 1024 * 1024 });
    expect(config.accounts[0]!.imap).toMatchObject({ port: 993, secure: true, mailbox: 'INBOX', processed: { action: 'flag', flag: '\\Seen' }, idle: true });
  });

  it('reports every problem with its path', () => {
    const result = v.safeParse(EmailConfigSchema, {
      accounts: [
        { id: 'Support!', address: 'not-an-address', fromName: 'A\r\nB' },
        { id: 'b', address: 'b@example.com', imap: { host: 'imap.example.com', user: 'u', password: '' } },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.issues!.map((i) => v.getDotPath(i));
    expect(paths).toEqual(expect.arrayContaining(['accounts.0.id', 'accounts.0.address', 'accounts.0.fromName', 'accounts.1.imap.password']));
  });

  it('refuses duplicate account ids and an unknown continuity account', () => {
    expect(v.safeParse(EmailConfigSchema, { accounts: [{ id: 'a', address: 'a@example.com' }, { id: 'a', address: 'b@example.com' }] }).success).toBe(false);
    expect(v.safeParse(EmailConfigSchema, { accounts: [{ id: 'a', address: 'a@example.com' }], continuity: { account: 'b' } }).success).toBe(false);
  });
});
