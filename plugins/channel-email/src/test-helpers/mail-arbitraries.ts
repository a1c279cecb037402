import fc from 'fast-check';
import { fixture } from './fixtures';

const FIXTURES = [
  'inbound-new-conversation.eml',
  'inbound-reply-with-quote.eml',
  'inbound-reply-outlook-style.eml',
  'inbound-with-attachment.eml',
  'inbound-auto-reply.eml',
  'inbound-bounce-dsn.eml',
];

/** Fragments that break MIME in interesting ways. */
const NASTY = [
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  '--',
  '--000000000000mixed01--',
  'Content-Type: multipart/mixed; boundary="x"\r\n',
  'Content-Transfer-Encoding: base64\r\n',
  'Content-Transfer-Encoding: quoted-printable\r\n',
  '=?UTF-8?B?',
  '=?UTF-8?Q?=0D=0ABcc:_evil@example.net?=',
  '=\r\n',
  '=ZZ',
  '\u0000',
  '\u00ff\u00fe',
  '<',
  '>',
  'From: ',
  'Message-ID: <x@y>\r\n',
  'Subject: hi\r\n\tfolded\r\n',
  '; charset="x-unknown"',
  'filename*=UTF-8\'\'%E2%82%AC.txt',
];

/**
 * Mails a parser must survive: random bytes, and fixtures truncated, spliced with MIME-breaking
 * fragments and cut apart, up to five times over.
 *
 * @example
 * fc.assert(fc.asyncProperty(malformedMail(), async (raw) => { ... }));
 */
export function malformedMail(): fc.Arbitrary<Buffer> {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
  );
  const mutated = fc.record({ name: fc.constantFrom(...FIXTURES), mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }) }).map(({ name, mutations }) => {
    let text = fixture(name).toString('latin1');
    for (const m of mutations) {
      const at = Math.floor(m.at * text.length);
      if (m.kind === 'truncate') text = text.slice(0, at);
      else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + m.length);
    }
    return Buffer.from(text, 'latin1');
  });
  const random = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes));
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: random, weight: 1 });
}
