import { describe, expect, it } from 'vitest';
import { parseVCards } from './twilio-vcard';

describe('contact cards shared over WhatsApp', () => {
  it('reads names, phones and emails of each card, folded lines and escapes included', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;;;',
      'FN:Ada Lovelace\\, Countess',
      'item1.TEL;type=CELL:+44 20 79',
      ' 46 0018',
      'EMAIL;TYPE=INTERNET:ada@example.com',
      'END:VCARD',
      'BEGIN:VCARD',
      'N:Babbage;Charles;;;',
      'TEL:tel:+442079460019',
      'END:VCARD',
    ].join('\r\n');
    expect(parseVCards(text)).toEqual([
      { name: 'Ada Lovelace, Countess', phones: ['+44 20 7946 0018'], emails: ['ada@example.com'] },
      { name: 'Charles Babbage', phones: ['+442079460019'], emails: [] },
    ]);
  });

  it('skips empty cards and text that is no vCard', () => {
    expect(parseVCards('BEGIN:VCARD\nVERSION:3.0\nEND:VCARD')).toEqual([]);
    expect(parseVCards('hello: world')).toEqual([]);
  });
});
