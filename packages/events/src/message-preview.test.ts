import { describe, expect, it } from 'vitest';
import { messagePreview } from './message-preview';

describe('messagePreview', () => {
  it('shows the text first, on one line', () => {
    expect(messagePreview('  Where is\n my order? ', 0)).toBe('Where is my order?');
  });

  it('names what a content-only message shares', () => {
    expect(messagePreview('', 0, { location: { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz' } })).toBe('📍 Alexanderplatz');
    expect(messagePreview('', 0, { location: { latitude: 52.52, longitude: 13.405, address: 'Hauptstr. 1' } })).toBe('📍 Hauptstr. 1');
    expect(messagePreview('', 0, { location: { latitude: 52.52, longitude: 13.405 } })).toBe('📍 Location');
    expect(messagePreview('', 0, { contacts: [{ name: 'Ada Lovelace', phones: ['+15550100'], emails: [] }] })).toBe('👤 Ada Lovelace');
    expect(messagePreview('', 0, { contacts: [{ name: '', phones: [], emails: [] }] })).toBe('👤 Contact');
    expect(messagePreview('', 0, { contacts: [{ name: 'A', phones: [], emails: [] }, { name: 'B', phones: [], emails: [] }] })).toBe('👤 2 contacts');
    expect(messagePreview('', 0, { postback: { payload: 'ORDER_STATUS', title: 'Order status' } })).toBe('🔘 Order status');
  });

  it('shows a reaction as one, even when the channel put the emoji in the text', () => {
    expect(messagePreview('👍', 0, { reaction: { emoji: '👍' } })).toBe('Reacted 👍');
    expect(messagePreview('', 0, { reaction: { emoji: '' } })).toBe('Removed a reaction');
  });

  it('falls back to the attachments, and to nothing', () => {
    expect(messagePreview('', 1)).toBe('📎 attachment');
    expect(messagePreview('', 3)).toBe('📎 3 attachments');
    expect(messagePreview('', 0)).toBe('');
  });
});
