import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN } from './test-helpers/fixtures';
import { ViberConfigSchema } from './viber-config';

const bot = { id: 'support', token: FIXTURE_TOKEN, sender: { name: 'Example Support' } };
const messages = (options: unknown) => {
  const result = v.safeParse(ViberConfigSchema, options);
  return result.success ? [] : result.issues.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`);
};

describe('ViberConfigSchema', () => {
  it('fills in every default from one bot', () => {
    expect(v.parse(ViberConfigSchema, { bots: [bot] })).toEqual({
      bots: [bot],
      apiBaseUrl: 'https://chatapi.viber.com/pa',
      webhook: { register: true, sendName: true, sendPhoto: true },
      minApiVersion: 1,
      timeoutMs: 10_000,
      retentionDays: 30,
    });
  });

  it('names what is wrong, without echoing the token', () => {
    const wrong = messages({ bots: [{ id: 'Support Bot', token: 's3cr3t!', sender: { name: 'A sender name longer than 28 chars' } }] });
    expect(wrong).toEqual([
      'bots.0.id: bots[].id must be 1–64 lower-case letters, digits or -, e.g. "support"',
      'bots.0.token: bots[].token must be the bot’s authentication token from the Viber Admin Panel',
      'bots.0.sender.name: bots[].sender.name must be at most 28 characters (Viber’s limit)',
    ]);
    expect(wrong.join('\n')).not.toContain('s3cr3t');
    // The core prints `received` in config problems: a token never appears there either.
    const issues = v.safeParse(ViberConfigSchema, { bots: [{ ...bot, token: 's3cr3t!' }] }).issues ?? [];
    expect(issues.map((issue) => [issue.expected, issue.received])).toEqual([['the authentication token from the Viber Admin Panel', '(hidden)']]);
    expect(messages({ bots: [bot, { ...bot, token: `${FIXTURE_TOKEN}-2` }] })).toEqual(['bots: bots must have distinct ids']);
    expect(messages({ bots: [bot, { ...bot, id: 'sales' }] })).toEqual(['bots: bots must not list the same token twice']);
    expect(messages({ bots: [{ id: 'support', token: FIXTURE_TOKEN }] })).toEqual(['bots.0.sender: bots[].sender is required']);
  });
});
