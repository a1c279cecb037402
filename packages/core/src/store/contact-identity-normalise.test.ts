import { isSwitchboardError } from '@switchboard/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { distinctIdentities, identitySearchTerms, normaliseIdentity, normaliseLoosely } from './contact-identity-normalise';

describe('normaliseIdentity', () => {
  it('writes phone and WhatsApp numbers in E.164, however they were spelled', () => {
    for (const value of ['+15550100', '+1 555 0100', '15550100', '0015550100', ' +1-555-0100 ']) {
      expect(normaliseIdentity({ type: 'phone', value })).toEqual({ type: 'phone', value: '+15550100' });
    }
    expect(normaliseIdentity({ type: 'whatsapp', value: '4915112345678' })).toEqual({ type: 'whatsapp', value: '+4915112345678' });
    expect(normaliseIdentity({ type: 'phone', value: '+44 20 7946 0958' }).value).toBe('+442079460958');
  });

  it('lower-cases and trims emails', () => {
    expect(normaliseIdentity({ type: 'email', value: ' Kim@Example.COM ' })).toEqual({ type: 'email', value: 'kim@example.com' });
  });

  it('leaves other identity types as the channel gave them', () => {
    expect(normaliseIdentity({ type: 'messenger_psid', value: 'Page1:PSID' })).toEqual({ type: 'messenger_psid', value: 'Page1:PSID' });
  });

  it('refuses values that are no phone number or email, with a stable code', () => {
    for (const identity of [
      { type: 'phone', value: 'call me' },
      { type: 'phone', value: '+1' },
      { type: 'whatsapp', value: '+999 1234 5678' },
      { type: 'email', value: 'not-an-email' },
    ]) {
      let caught: unknown;
      try {
        normaliseIdentity(identity);
      } catch (err) {
        caught = err;
      }
      expect(isSwitchboardError(caught) && { code: caught.code, status: caught.status }, identity.value).toEqual({ code: 'SWB_ERR_IDENTITY_INVALID', status: 422 });
    }
  });
});

describe('normaliseLoosely', () => {
  it('normalises what it can and keeps the rest as typed', () => {
    expect(normaliseLoosely({ type: 'phone', value: '+1 555 0100' }).value).toBe('+15550100');
    expect(normaliseLoosely({ type: 'phone', value: ' ask at the desk ' }).value).toBe('ask at the desk');
  });
});

describe('distinctIdentities', () => {
  it('drops spellings of the same identity and those already known', () => {
    const out = distinctIdentities(
      [
        { type: 'phone', value: '+1 555 0100' },
        { type: 'phone', value: '15550100' },
        { type: 'email', value: 'A@b.c' },
        { type: 'whatsapp', value: '15550101' },
      ],
      [{ type: 'email', value: 'a@b.c' }],
    );
    expect(out).toEqual([
      { type: 'phone', value: '+15550100' },
      { type: 'whatsapp', value: '+15550101' },
    ]);
  });
});

describe('identitySearchTerms', () => {
  it('adds the digits of what looks like a phone number, and the lower case of an email', () => {
    expect(identitySearchTerms('+1 (555) 010-0199')).toEqual(['+1 (555) 010-0199', '15550100199']);
    expect(identitySearchTerms('(555) 0100')).toEqual(['(555) 0100', '5550100']);
    expect(identitySearchTerms('Kim@Example.com')).toEqual(['Kim@Example.com', 'kim@example.com']);
    expect(identitySearchTerms('Ada')).toEqual(['Ada']);
  });
});
