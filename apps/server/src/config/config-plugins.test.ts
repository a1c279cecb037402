import { formatConfigProblems } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { echoPlugin, fakeRegistry, futurePlugin } from '../testing/fake-plugins';
import { resolvePlugins } from './config-plugins';

const noLines = () => undefined;

describe('resolvePlugins', () => {
  it('reports an incompatible core, an unknown option, a wrong option type and a missing secret together', async () => {
    const { problems } = await resolvePlugins(
      { 'future-crm': { options: { endpoint: 'https://crm.example.com', batchSize: 'fifty', colour: 'red' }, secrets: {} } },
      fakeRegistry,
      '0.1.0',
      noLines,
    );
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ plugin: 'future-crm', key: 'core', expected: '^99.0.0', received: '0.1.0', message: expect.stringContaining('future-crm@9.0.0 supports core ^99.0.0') }),
        expect.objectContaining({ plugin: 'future-crm', key: 'options.colour', message: expect.stringContaining('unknown option "colour"'), expected: expect.any(String) }),
        expect.objectContaining({ plugin: 'future-crm', key: 'options.batchSize', expected: 'number', received: '"fifty"' }),
        expect.objectContaining({ plugin: 'future-crm', key: 'secrets.apiToken', message: expect.stringContaining('missing secret "apiToken"'), expected: 'a non-empty string' }),
      ]),
    );
    const text = formatConfigProblems(problems);
    for (const line of ['plugin future-crm, core', 'plugin future-crm, options.colour', 'plugin future-crm, options.batchSize', 'plugin future-crm, secrets.apiToken']) {
      expect(text).toContain(line);
    }
  });

  it('collects the problems of every plugin, not just the first one', async () => {
    const { problems } = await resolvePlugins(
      { echo: { options: { retries: 'many' } }, 'future-crm': { options: { endpoint: 'x' }, secrets: { apiToken: 't' } } },
      fakeRegistry,
      '0.1.0',
      noLines,
    );
    expect(problems.map((p) => `${p.plugin} ${p.key}`).sort()).toEqual(['echo options.retries', 'echo secrets.apiKey', 'future-crm core']);
  });

  it('returns entries for valid, enabled plugins only', async () => {
    const { entries, problems } = await resolvePlugins(
      { echo: { secrets: { apiKey: 'k' } }, 'future-crm': { enabled: false } },
      fakeRegistry,
      '0.1.0',
      noLines,
    );
    expect(problems).toEqual([]);
    expect(entries).toEqual([{ definition: echoPlugin, options: {}, secrets: { apiKey: 'k' } }]);
  });

  it('refuses a package whose plugin id differs from its registry id', async () => {
    const { problems } = await resolvePlugins({ crm: {} }, { crm: async () => ({ default: futurePlugin }) }, '0.1.0', noLines);
    expect(problems).toEqual([expect.objectContaining({ plugin: 'crm', key: 'id', expected: 'crm', received: 'future-crm' })]);
  });

  it('reports a package that fails to load', async () => {
    const registry = {
      broken: async () => {
        throw new Error('Cannot find module "@acme/broken"');
      },
    };
    const { problems } = await resolvePlugins({ broken: {} }, registry, '0.1.0', noLines);
    expect(problems).toEqual([expect.objectContaining({ plugin: 'broken', key: 'package', message: expect.stringContaining('@acme/broken') })]);
  });
});
