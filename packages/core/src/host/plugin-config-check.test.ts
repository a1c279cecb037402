import { definePlugin } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkPlugins, formatConfigProblems } from './plugin-config-check';

const plugin = definePlugin({
  id: 'demo-channel',
  version: '2.0.0',
  core: '^9.0.0',
  kind: 'channel',
  config: v.object({ url: v.pipe(v.string(), v.url()), retries: v.optional(v.number(), 3), nested: v.optional(v.object({ a: v.optional(v.string()) }), {}) }),
  secrets: ['apiKey'],
  dependsOn: ['routing'],
  setup() {},
});

describe('checkPlugins', () => {
  it('reports every problem at once, each naming plugin, key and expectation', () => {
    const problems = checkPlugins(
      [{ definition: plugin, options: { url: 'https://example.com/hook', retries: 'three', colour: 'red', nested: { b: 1 } }, secrets: {} }],
      '0.1.0',
    );
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
    expect(Object.keys(byKey).sort()).toEqual(['core', 'dependsOn', 'options.colour', 'options.nested.b', 'options.retries', 'secrets.apiKey']);
    expect(problems.every((p) => p.plugin === 'demo-channel')).toBe(true);
    expect(byKey.core).toMatchObject({ expected: '^9.0.0', received: '0.1.0' });
    expect(byKey['options.retries']).toMatchObject({ expected: 'number', received: '"three"' });
    expect(byKey['secrets.apiKey']?.message).toContain('DEMO_CHANNEL_API_KEY');
    const text = formatConfigProblems(problems);
    expect(text).toContain('plugin demo-channel, core');
    expect(text.split('\n')).toHaveLength(6);
  });

  it('accepts a valid entry', () => {
    const ok = definePlugin({ ...plugin, core: '^0.1.0', dependsOn: [] });
    expect(checkPlugins([{ definition: ok, options: { url: 'https://example.com' }, secrets: { apiKey: 'k' } }], '0.1.0')).toEqual([]);
  });
});

describe('checkPlugins on a missing required option', () => {
  it('says the option is missing instead of "received undefined"', () => {
    const needsUrl = definePlugin({ ...plugin, core: '^0.1.0', dependsOn: [], secrets: [] });
    const [problem] = checkPlugins([{ definition: needsUrl, options: {}, secrets: {} }], '0.1.0');
    expect(problem).toMatchObject({ plugin: 'demo-channel', key: 'options.url', message: 'required option url is missing', expected: 'string' });
    expect(problem?.received).toBeUndefined();
  });
});

describe('config problems never show a secret', () => {
  const bots = definePlugin({
    id: 'bots-channel',
    version: '1.0.0',
    core: '^0.1.0',
    kind: 'channel',
    config: v.object({ bots: v.array(v.object({ token: v.pipe(v.string(), v.minLength(60)), mode: v.picklist(['a', 'b']) })), note: v.optional(v.number()) }),
    setup() {},
  });

  it('shows the kind of a token-like or long value, and short ordinary values as they are', () => {
    const problems = checkPlugins(
      [{ definition: bots, options: { bots: [{ token: '123456:AAH-secret-bot-token', mode: 'c' }, { token: 123456789, mode: 'a' }], note: 'x'.repeat(80) }, secrets: {} }],
      '0.1.0',
    );
    const text = formatConfigProblems(problems);
    expect(text).not.toContain('AAH-secret-bot-token');
    expect(text).not.toContain('x'.repeat(80));
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
    // A length check reports the length only; a wrong type reports the kind, not the digits.
    expect(byKey['options.bots.0.token']?.received).toBe('27');
    expect(byKey['options.bots.1.token']?.received).toBe('a number');
    expect(text).not.toContain('123456789');
    expect(byKey['options.bots.0.mode']?.received).toBe('"c"');
    expect(byKey['options.note']?.received).toBe('a string of 80 characters');
  });
});
