import pkg from '../package.json' with { type: 'json' };

/**
 * The running core's version, which plugins' `core` ranges are checked against.
 *
 * @example
 * semver.satisfies(CORE_VERSION, plugin.core);
 */
export const CORE_VERSION: string = pkg.version;
