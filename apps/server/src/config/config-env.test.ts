import { describe, expect, it } from 'vitest';
import { substituteEnv } from './config-env';

describe('substituteEnv', () => {
  it('replaces references inside strings, in maps and lists, leaving keys and other types alone', () => {
    const input = { '${KEY}': 'a ${A} b', list: ['${A}', 1, true, null], nested: { x: '${A}${B}' } };
    expect(substituteEnv(input, { A: '1', B: '2', KEY: 'k' })).toEqual({
      value: { '${KEY}': 'a 1 b', list: ['1', 1, true, null], nested: { x: '12' } },
      problems: [],
    });
  });

  it('applies defaults: ":-" for unset or empty, "-" for unset only', () => {
    const { value } = substituteEnv({ a: '${E:-d}', b: '${E-d}', c: '${U:-d}', d: '${U-d}', e: '${U:-}' }, { E: '' });
    expect(value).toEqual({ a: 'd', b: '', c: 'd', d: 'd', e: '' });
  });

  it('keeps $${ as a literal', () => {
    expect(substituteEnv('cost: $${PRICE}', {}).value).toBe('cost: ${PRICE}');
  });

  it('names the variable and the key path of every unset reference', () => {
    const { problems } = substituteEnv({ nats: { token: '${NATS_TOKEN}' }, urls: ['${URL_A}'] }, {});
    expect(problems).toEqual([
      expect.objectContaining({ path: ['nats', 'token'], message: expect.stringContaining('NATS_TOKEN is not set'), expected: 'NATS_TOKEN to be set' }),
      expect.objectContaining({ path: ['urls', 0], message: expect.stringContaining('URL_A is not set') }),
    ]);
  });

  it('reports a malformed reference', () => {
    const { problems } = substituteEnv({ a: '${not valid}' }, {});
    expect(problems).toEqual([expect.objectContaining({ path: ['a'], message: expect.stringContaining('not a valid variable reference') })]);
  });
});
