import { describe, expect, it } from 'vitest';
import { baseSubject, isPlainAddress, messageIdList, newReplyToken, newThreadKey, normaliseAddress, normaliseMessageId, replyTokenOf, safeDisplayName, threadKeyOf } from './email-address';

describe('email addresses and ids', () => {
  it('accepts plain addresses only', () => {
    expect(isPlainAddress('dana+orders@customer.example.net')).toBe(true);
    for (const bad of ['dana@customer.example.net\r\nBcc: x@y.z', '"Dana" <dana@x.y>', 'dana', 'dana@localhost', 'a b@c.d', '']) expect(isPlainAddress(bad), bad).toBe(false);
    expect(normaliseAddress(' Dana@Customer.Example.NET ')).toBe('dana@customer.example.net');
    expect(normaliseAddress('not an address')).toBeNull();
  });

  it('normalises Message-IDs and lists them from mailparser strings or arrays', () => {
    expect(normaliseMessageId(' <abc@example.com> ')).toBe('abc@example.com');
    expect(normaliseMessageId('<a b@c>')).toBeNull();
    expect(normaliseMessageId('<first@x> <second@x>')).toBe('first@x');
    expect(normaliseMessageId('<first@x>\r\n <dana@customer.example.net>')).toBe('first@x');
    expect(messageIdList('<a@x>\r\n <b@x>')).toEqual(['a@x', 'b@x']);
    expect(messageIdList(['<a@x>', '<a@x>', '<c@x>'])).toEqual(['a@x', 'c@x']);
    expect(messageIdList(undefined)).toEqual([]);
  });

  it('finds reply tokens only on our reply domains and thread keys only in their brackets', () => {
    const token = newReplyToken();
    expect(token).toMatch(/^[a-z2-9]{24}$/);
    expect(replyTokenOf(`reply+${token}@inbound.example.com`, ['inbound.example.com'])).toBe(token);
    expect(replyTokenOf(`reply+${token}@elsewhere.example.net`, ['inbound.example.com'])).toBeNull();
    const key = newThreadKey();
    expect(threadKeyOf(`Re: [#${key}] Your order`)).toBe(key);
    expect(threadKeyOf('Order #1042')).toBeNull();
  });

  it('strips reply/forward prefixes in several languages and keys from subjects', () => {
    expect(baseSubject('RE: AW: Re: [#K7P2QX] Order #1042')).toBe('Order #1042');
    expect(baseSubject('SV: Fwd: Faktura')).toBe('Faktura');
    expect(baseSubject('Rechnung')).toBe('Rechnung');
  });

  it('makes display names single-line', () => {
    expect(safeDisplayName('Alex\r\nBcc: x@y.z')).toBe('Alex Bcc: x@y.z');
    expect(safeDisplayName('   ')).toBeUndefined();
  });
});
