import { describe, expect, it } from 'vitest';
import { autoReplyReason } from './email-auto-reply';
import { readBounce } from './email-bounce';

const h = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('autoReplyReason', () => {
  it('recognises RFC 3834 and vendor markers', () => {
    expect(autoReplyReason(h({ 'auto-submitted': 'auto-replied' }), 'x')).toBe('Auto-Submitted: auto-replied');
    expect(autoReplyReason(h({ 'x-autoreply': 'yes' }), 'x')).toContain('x-autoreply');
    expect(autoReplyReason(h({ precedence: 'bulk' }), 'x')).toBe('Precedence: bulk');
    expect(autoReplyReason(h({ 'x-auto-response-suppress': 'All' }), 'x')).toContain('Suppress');
    expect(autoReplyReason(h({ 'return-path': '<>' }), 'x')).toBe('Return-Path: <>');
    expect(autoReplyReason(h({}), 'Automatic reply: Re: Order')).toContain('subject');
  });

  it('lets a person through', () => {
    expect(autoReplyReason(h({ 'auto-submitted': 'no', precedence: 'first-class', 'return-path': '<dana@customer.example.net>' }), 'Re: Order')).toBeNull();
  });
});

describe('readBounce', () => {
  it('reads a classic non-DSN bounce from MAILER-DAEMON', () => {
    const raw = Buffer.from(
      [
        'Return-Path: <>',
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        'X-Failed-Recipients: nobody@customer.example.net',
        'Subject: Mail delivery failed',
        '',
        'A message that you sent could not be delivered.',
        '  nobody@customer.example.net',
        '    550 5.1.1 User unknown',
        '------ This is a copy of the message, including all the headers. ------',
        'Message-ID: <switchboard.01J@example.com>',
        '',
      ].join('\r\n'),
    );
    expect(readBounce(raw)).toMatchObject({ action: 'failed', status: '5.1.1', recipient: 'nobody@customer.example.net', originalMessageId: 'switchboard.01J@example.com' });
  });

  it('is not fooled by a customer mail mentioning a failure', () => {
    expect(readBounce(Buffer.from('From: dana@customer.example.net\r\nSubject: failed\r\n\r\nStatus: 5.1.1\r\n'))).toBeNull();
  });
});
