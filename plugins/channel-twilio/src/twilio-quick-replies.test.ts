import { describe, expect, it } from 'vitest';
import { pickQuickReply } from './twilio-quick-replies';

const offered = [
  { title: 'Refund', payload: 'refund' },
  { title: 'Replace it', payload: 'replace' },
];

describe('answers to a numbered list of quick replies', () => {
  it.each([
    ['1', 'refund'],
    [' 2 ', 'replace'],
    ['2.', 'replace'],
    ['1)', 'refund'],
    ['replace IT', 'replace'],
  ])('%j picks %s', (text, payload) => {
    expect(pickQuickReply(offered, text)?.payload).toBe(payload);
  });

  it.each(['3', '0', '', 'refund please', '1 and 2'])('%j picks nothing', (text) => {
    expect(pickQuickReply(offered, text)).toBeNull();
  });
});
