import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the built agent inbox is (`apps/inbox/dist`), or undefined when it has not been built; the
 * server then serves the API docs at `/` instead.
 *
 * @example
 * const inboxDir = findInboxDir(); // '/srv/switchboard/apps/inbox/dist'
 */
export function findInboxDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@switchboard/inbox/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}
