/**
 * The environment as the server sees it. This is the only file in the repository that reads
 * `process.env`; everything else receives a {@link ServerEnv} (or its `vars` record for
 * `${VAR}` substitution), so tests pass their own environment instead of mutating the process's.
 */
export type ServerEnv = {
  /** `PORT`: overrides `server.port` from the config file. */
  port: string | undefined;
  /** `SWITCHBOARD_CONFIG`: config file path when `--config` is not given. */
  configPath: string | undefined;
  /** `SWITCHBOARD_DATA_DIR`: overrides `dataDir` from the config file. */
  dataDir: string | undefined;
  /** `SWITCHBOARD_ADMIN_EMAIL`: overrides `auth.admin.email`. */
  adminEmail: string | undefined;
  /** `SWITCHBOARD_ADMIN_PASSWORD`: overrides `auth.admin.password`. */
  adminPassword: string | undefined;
  /** `LOG_LEVEL`: overrides `log.level`. */
  logLevel: string | undefined;
  /** `SWITCHBOARD_NATS_SERVER`: the nats-server binary for embedded NATS, when not on PATH. */
  natsServerBinary: string | undefined;
  /** `PATH`: where to look for nats-server. */
  path: string | undefined;
  /** Every variable, for `${VAR}` substitution in the config file. */
  vars: Readonly<Record<string, string | undefined>>;
};

/**
 * Reads the server's environment variables, from `process.env` unless a record is given. Empty
 * values count as unset, as shells and container runtimes often export `VAR=` for "nothing".
 *
 * @example
 * const env = readEnv();                       // the real environment
 * const testEnv = readEnv({ PORT: '8080' });   // a test's own
 * testEnv.port; // '8080'
 */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): ServerEnv {
  const vars = { ...source };
  const get = (name: string): string | undefined => {
    const value = vars[name];
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    port: get('PORT'),
    configPath: get('SWITCHBOARD_CONFIG'),
    dataDir: get('SWITCHBOARD_DATA_DIR'),
    adminEmail: get('SWITCHBOARD_ADMIN_EMAIL'),
    adminPassword: get('SWITCHBOARD_ADMIN_PASSWORD'),
    logLevel: get('LOG_LEVEL'),
    natsServerBinary: get('SWITCHBOARD_NATS_SERVER'),
    path: get('PATH'),
    vars,
  };
}
