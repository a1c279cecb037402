import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const DOVECOT = '/usr/sbin/dovecot';

/** A throw-away Dovecot IMAP server on 127.0.0.1 with one user (see shared/recipes/imap-test-server.md). */
export type TestDovecot = { port: number; user: string; pass: string; stop(): Promise<void> };

/**
 * Starts Dovecot (Debian `dovecot-imapd`, installed by tooling/scripts/ensure-system-packages.sh)
 * in a temp dir, as root or as an ordinary user. Fails with the install command when it is missing.
 *
 * @example
 * const imap = await startDovecot();
 * await imap.stop();
 */
export async function startDovecot(): Promise<TestDovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error('Dovecot is not installed: run `bash tooling/scripts/ensure-system-packages.sh dovecot-imapd` (apt-get install -y dovecot-imapd)');
  }
  const user = 'testuser';
  const pass = 'testpass';
  const isRoot = process.getuid?.() === 0;
  const me = userInfo();
  const group = execFileSync('id', ['-gn']).toString().trim();
  const mail = isRoot
    ? { uid: Number(execFileSync('id', ['-u', 'dovecot']).toString()), gid: Number(execFileSync('id', ['-g', 'dovecot']).toString()) }
    : { uid: me.uid, gid: me.gid };
  for (let attempt = 0; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'swb-dovecot-'));
    for (const d of ['run', 'state', 'mail']) mkdirSync(join(dir, d));
    if (isRoot) {
      chmodSync(dir, 0o755);
      chownSync(join(dir, 'mail'), mail.uid, mail.gid);
    }
    writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${pass}\n`);
    const port = await freePort();
    const conf = join(dir, 'dovecot.conf');
    writeFileSync(
      conf,
      [
        `instance_name = dovecot-test-${port}`,
        `base_dir = ${dir}/run`,
        `state_dir = ${dir}/state`,
        `log_path = ${dir}/dovecot.log`,
        'protocols = imap',
        'listen = 127.0.0.1',
        'ssl = no',
        'disable_plaintext_auth = no',
        'auth_mechanisms = plain login',
        `default_internal_user = ${isRoot ? 'dovecot' : me.username}`,
        `default_internal_group = ${isRoot ? 'dovecot' : group}`,
        `default_login_user = ${isRoot ? 'dovenull' : me.username}`,
        'first_valid_uid = 1',
        'mail_location = maildir:~/Maildir',
        'passdb {',
        '  driver = passwd-file',
        `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/mail/%u`,
        '}',
        'service imap-login {',
        '  chroot =',
        '  inet_listener imap {',
        '    address = 127.0.0.1',
        `    port = ${port}`,
        '  }',
        '  inet_listener imaps {',
        '    port = 0',
        '  }',
        '}',
        'service anvil {',
        '  chroot =',
        '}',
        '',
      ].join('\n'),
    );
    const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    // A crashed test process must not leave Dovecot running.
    process.once('exit', killGroup);
    const ready = await greeting(port, child);
    if (!ready) {
      killGroup();
      const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      if (attempt < 3 && /Address already in use/.test(stderr + log)) continue;
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}: ${stderr}${log}`);
    }
    return {
      port,
      user,
      pass,
      async stop() {
        process.off('exit', killGroup);
        await stopChild(child, killGroup);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

async function stopChild(child: ChildProcess, killGroup: () => void): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup();
  await exited;
}

async function greeting(port: number, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
