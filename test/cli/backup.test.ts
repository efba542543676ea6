/**
 * `npm run backup -- FILE` on a server that keeps writing: the copy holds everything committed
 * before it began, passes integrity_check, and a server started on it serves that data.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server-process';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function backup(databaseFile: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
  }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

interface Registered {
  email: string;
  cookie: string;
  at: number;
}

async function register(url: string, n: number): Promise<Registered | null> {
  const email = `person${n}@backup.example`;
  const res = await fetch(`${url}/api/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      name: `Person ${n}`,
      email,
      organisation: 'Yantai Science Park',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      sectors: ['biotechnology'],
      offers: ['technology-transfer'],
      seeks: ['research-partnership'],
    }),
  });
  if (res.status !== 201) return null;
  return { email, cookie: res.headers.get('set-cookie')!.split(';')[0]!, at: performance.now() };
}

describe('npm run backup', () => {
  it('copies the live database during writes, and the copy restores into a working server', async () => {
    const live = path.join(dir, 'live.db');
    const server = await startServer({ DATABASE_URL: `file:${live}`, SEED_DEMO: '0' });
    const registered: Registered[] = [];
    let writing = true;
    let n = 0;
    const writers = Array.from({ length: 3 }, async () => {
      while (writing) {
        const r = await register(server.url, n++);
        if (r) registered.push(r);
      }
    });
    try {
      while (registered.length < 20) await new Promise((r) => setTimeout(r, 20));
      // Only a registration whose answer came back before the backup began is surely committed.
      const began = performance.now();
      const before = [...registered];
      const file = path.join(dir, 'copy.db');
      const result = await backup(live, file);
      const ended = performance.now();
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/integrity ok/);
      const during = registered.filter((r) => r.at > began && r.at < ended);
      expect(during.length, 'registrations committed while the backup ran').toBeGreaterThan(0);
      writing = false;
      await Promise.all(writers);

      const copy = new Database(file, { readonly: true, fileMustExist: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // One self-contained file: nothing needs to be copied beside it.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const emails = new Set(
        (copy.prepare('select email from participants').all() as { email: string }[]).map((r) => r.email),
      );
      copy.close();
      for (const r of before) expect(emails.has(r.email), r.email).toBe(true);
      expect(emails.size).toBeLessThanOrEqual(registered.length);

      // Restore as the README says: the server stopped, the file copied to the DATABASE_URL path.
      expect(await server.stop()).toBe(0);
      const restoredFile = path.join(dir, 'restored', 'twinning.db');
      fs.mkdirSync(path.dirname(restoredFile));
      fs.copyFileSync(file, restoredFile);
      const restored = await startServer({ DATABASE_URL: `file:${restoredFile}`, SEED_DEMO: '0' });
      try {
        for (const r of before) {
          const me = await fetch(`${restored.url}/api/me`, { headers: { cookie: r.cookie } });
          expect(me.status, r.email).toBe(200);
          expect(((await me.json()) as { participant: { email: string } }).participant.email).toBe(r.email);
        }
        // And it takes new writes.
        expect(await register(restored.url, 100_000)).not.toBeNull();
      } finally {
        expect(await restored.stop()).toBe(0);
      }
    } finally {
      writing = false;
      await Promise.all(writers);
      if (server.child.exitCode === null) await server.stop();
    }
  }, 60_000);

  it('refuses what it cannot do, with a message and an exit code', async () => {
    const live = path.join(dir, 'refusals.db');
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.exec('create table t (x)');
    db.close();
    const before = fs.readFileSync(live);

    const none = await backup(live);
    expect(none.code).toBe(64);
    expect(none.stderr).toMatch(/no FILE given/);
    expect(none.stderr).toMatch(/usage: npm run backup -- FILE/);

    const missingFolder = await backup(live, path.join(dir, 'no-such-folder', 'copy.db'));
    expect(missingFolder.code).toBe(73);
    expect(missingFolder.stderr).toMatch(/no-such-folder does not exist/);

    for (const same of [live, path.relative(root, live), `${live}-wal`]) {
      const itself = await backup(live, same);
      expect(itself.code, same).toBe(64);
      expect(itself.stderr).toMatch(/live database's own file/);
    }
    fs.symlinkSync(live, path.join(dir, 'link.db'));
    expect((await backup(live, path.join(dir, 'link.db'))).code).toBe(64);

    const folder = await backup(live, dir);
    expect(folder.code).toBe(73);

    const noDatabase = await backup(path.join(dir, 'absent.db'), path.join(dir, 'copy2.db'));
    expect(noDatabase.code).toBe(66);
    expect(noDatabase.stderr).toMatch(/no database at/);

    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
