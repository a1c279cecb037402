import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

describe('readEnv', () => {
  it('reads the server variables and keeps every variable for substitution', () => {
    const env = readEnv({ PORT: '8080', SWITCHBOARD_CONFIG: '/etc/swb.yaml', LOG_LEVEL: 'debug', OTHER: 'x' });
    expect(env).toMatchObject({ port: '8080', configPath: '/etc/swb.yaml', logLevel: 'debug', dataDir: undefined });
    expect(env.vars.OTHER).toBe('x');
  });

  it('treats empty values as unset', () => {
    expect(readEnv({ PORT: '', SWITCHBOARD_ADMIN_EMAIL: '' })).toMatchObject({ port: undefined, adminEmail: undefined });
  });
});
