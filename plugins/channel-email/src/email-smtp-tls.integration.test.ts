import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT, startEmailHost, type EmailTestHost } from './test-helpers/email-host';

let dir: string;
let cert: string;
let key: string;
let t: EmailTestHost | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'swb-email-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=mx.example.com', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function mail(id: string): string {
  return ['From: dana@customer.example.net', `To: ${SUPPORT}`, 'Subject: over TLS', `Message-ID: <${id}>`, '', 'sent over STARTTLS', ''].join('\r\n');
}

describe('the SMTP server with STARTTLS and a client allow-list', () => {
  it('offers STARTTLS with the configured certificate and accepts mail over it', async () => {
    t = await startEmailHost({ extra: { smtp: { tls: { cert, key }, allowedClients: ['127.0.0.0/8', '::1'] } } });
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: t.smtpPort, secure: false, requireTLS: true, tls: { ca: cert, servername: 'mx.example.com' } });
    const info = await client.sendMail({ envelope: { from: 'dana@customer.example.net', to: [SUPPORT] }, raw: mail('tls-1@customer.example.net') });
    client.close();
    expect(String(info.response)).toMatch(/^250/);
    expect((await t.received('tls-1@customer.example.net')).message.text).toBe('sent over STARTTLS');
  });

  it('refuses clients outside smtp.allowedClients (554) and does not offer STARTTLS without a certificate', async () => {
    t = await startEmailHost({ extra: { smtp: { allowedClients: ['192.0.2.0/24'] } } });
    const refused = nodemailer.createTransport({ host: '127.0.0.1', port: t.smtpPort, secure: false, ignoreTLS: true });
    await expect(refused.sendMail({ envelope: { from: 'dana@customer.example.net', to: [SUPPORT] }, raw: mail('refused-1@customer.example.net') })).rejects.toMatchObject({ responseCode: 554 });
    refused.close();
    await t.stop();
    t = await startEmailHost();
    const strict = nodemailer.createTransport({ host: '127.0.0.1', port: t.smtpPort, secure: false, requireTLS: true });
    await expect(strict.sendMail({ envelope: { from: 'dana@customer.example.net', to: [SUPPORT] }, raw: mail('plain-1@customer.example.net') })).rejects.toThrow(/STARTTLS/);
    strict.close();
  });
});
