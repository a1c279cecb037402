// @vitest-environment happy-dom
import { cleanup, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../testing/fixtures';
import { MessageBubble } from './message-bubble';

// Bubbles with content render no attachments, so no API client is needed.
const now = Date.parse('2025-01-01T10:05:00.000Z');

describe('a message with structured content', () => {
  afterEach(cleanup);

  it('shows a shared place as a card linking to OpenStreetMap', () => {
    const m = message({ text: '', content: { location: { latitude: 52.520008, longitude: 13.404954, name: 'Alexanderplatz', address: '10178 Berlin' } } });
    const { getByRole } = render(<MessageBubble message={m} now={now} contactName="Dana" />);
    const link = getByRole('link', { name: 'Location Alexanderplatz on OpenStreetMap' });
    expect(link.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=52.520008&mlon=13.404954#map=17/52.520008/13.404954');
    expect(link.textContent).toContain('10178 Berlin');
  });

  it('shows contact cards with callable numbers and mail addresses', () => {
    const m = message({ text: '', content: { contacts: [{ name: 'Grace Hopper', phones: ['+1 555 0199'], emails: ['grace@example.com'] }] } });
    const { getByRole } = render(<MessageBubble message={m} now={now} contactName="Dana" />);
    const card = getByRole('group', { name: 'Contact card Grace Hopper' });
    expect(within(card).getByRole('link', { name: '+1 555 0199' }).getAttribute('href')).toBe('tel:+15550199');
    expect(within(card).getByRole('link', { name: 'grace@example.com' }).getAttribute('href')).toBe('mailto:grace@example.com');
  });

  it('shows a postback as the button the customer tapped, once', () => {
    const m = message({ text: 'Track my order', content: { postback: { payload: 'TRACK', title: 'Track my order' } } });
    const { container } = render(<MessageBubble message={m} now={now} contactName="Dana" />);
    expect(container.querySelector('.postback-button')?.textContent).toBe('Track my order');
    expect(container.querySelector('.msg__text')).toBeNull();
  });

  it('shows quick replies offered with an outbound message as chips', () => {
    const m = message({ direction: 'outbound', sender: { kind: 'bot', id: 'b', name: 'Bot' }, text: 'What is it about?', content: { quickReplies: [{ title: 'Billing', payload: 'B' }, { title: 'Shipping', payload: 'S' }] } });
    const { getByRole } = render(<MessageBubble message={m} now={now} contactName="Dana" />);
    expect(within(getByRole('list', { name: 'Quick replies offered' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Billing', 'Shipping']);
  });

  it('shows the reactions a message got under it', () => {
    const m = message({ direction: 'outbound', text: 'Shipped!' });
    const { getByRole } = render(<MessageBubble message={m} now={now} contactName="Dana" reactions={[{ emoji: '👍', count: 2, names: ['Dana', 'Lee'] }]} />);
    expect(within(getByRole('list', { name: 'Reactions' })).getByRole('listitem', { name: '👍 from Dana, Lee' }).textContent).toBe('👍2');
  });
});
