/**
 * A real IMAP server for the tests: Debian's dovecot (dovecot-imapd), started as its own instance
 * with a throw-away configuration and Maildir in a temporary directory, on a free loopback port,
 * with one mailbox user. `dovecotBinary` is null where dovecot is not installed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process';

const BINARY = '/usr/sbin/dovecot';
export const dovecotBinary = fs.existsSync(BINARY) ? BINARY : null;

export interface TestImap {
  url: string;
  host: string;
  port: number;
  user: string;
  pass: string;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<TestImap> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'rsvp';
  const pass = 'imap-test-secret';
  const home = path.join(dir, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  // The mail user: the machine's "nobody" unless the tests run as someone else already.
  const uid = process.getuid?.() === 0 ? 65534 : process.getuid!();
  const gid = process.getuid?.() === 0 ? 65534 : process.getgid!();
  fs.chownSync(home, uid, gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}\n`);
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${uid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${home}
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(BINARY, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${out}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`dovecot did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `imap://${user}:${pass}@127.0.0.1:${port}/INBOX`,
    host: '127.0.0.1',
    port,
    user,
    pass,
    stop: async () => {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
