import { describe, expect, it } from 'vitest';
import { smtpFailure } from './email-deliver';

const account = { id: 'support', outbound: { host: 'smtp.example.com', port: 587, secure: false, requireTLS: true, timeoutMs: 20000, rejectUnauthorized: true } };

describe('smtpFailure', () => {
  it('retries 4xx and connection problems, fails 5xx for good, with the relay and its words', () => {
    const temp = smtpFailure(Object.assign(new Error('x'), { responseCode: 451, response: '451 4.7.1 Greylisted' }), account);
    expect(temp).toMatchObject({ code: 'smtp_451', retryable: true });
    expect(temp.message).toContain('smtp.example.com:587 answered 451 4.7.1 Greylisted');
    expect(smtpFailure(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 User unknown' }), account)).toMatchObject({ code: 'smtp_550', retryable: false });
    expect(smtpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }), account)).toMatchObject({ code: 'smtp_esocket', retryable: true });
    expect(smtpFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' }), account)).toMatchObject({ retryable: false });
  });
});
