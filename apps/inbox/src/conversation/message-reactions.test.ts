import type { Message } from '../api/api-types';
import { describe, expect, it } from 'vitest';
import { message } from '../testing/fixtures';
import { openStreetMapUrl } from '../lib/open-street-map';
import { foldReactions } from './message-reactions';

describe('foldReactions', () => {
  const target = message({ id: 'm1', direction: 'outbound', sender: { kind: 'agent', id: 'a1', name: 'Sam' }, text: 'Your parcel left today' });
  const react = (id: string, emoji: string, sender: Message['sender'] = { kind: 'contact', id: 'c1', name: null }, replyTo = 'm1') =>
    message({ id, text: emoji, sender, replyToMessageId: replyTo, content: { reaction: { emoji } } });

  it('shows each person’s latest reaction on the message it reacts to', () => {
    const { byTarget, folded } = foldReactions([target, react('m2', '👍'), react('m3', '❤️'), react('m4', '❤️', { kind: 'contact', id: 'c2', name: 'Lee' })], 'Dana');
    expect(byTarget.get('m1')).toEqual([{ emoji: '❤️', count: 2, names: ['Dana', 'Lee'] }]);
    expect([...folded].sort()).toEqual(['m2', 'm3', 'm4']);
  });

  it('drops a reaction its author removed (empty emoji)', () => {
    const { byTarget, folded } = foldReactions([react('m3', ''), target, react('m2', '👍')], 'Dana');
    expect(byTarget.has('m1')).toBe(false);
    expect(folded.has('m3')).toBe(true);
  });

  it('keeps a reaction whose message is not in the timeline as a message of its own', () => {
    const { byTarget, folded } = foldReactions([react('m2', '👍', undefined, 'elsewhere')], 'Dana');
    expect(byTarget.size).toBe(0);
    expect(folded.size).toBe(0);
  });
});

describe('openStreetMapUrl', () => {
  it('pins the place', () => {
    expect(openStreetMapUrl(52.520008, 13.404954)).toBe('https://www.openstreetmap.org/?mlat=52.520008&mlon=13.404954#map=17/52.520008/13.404954');
  });
});
