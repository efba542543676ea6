/**
 * `npm run backup -- FILE`: a consistent copy of the database at DATABASE_URL, written to FILE
 * while the server keeps running and writing. SQLite's online backup API reads one snapshot
 * (WAL mode lets the server commit meanwhile), so the copy holds every transaction committed
 * before the backup began and none half-done. The copy is checked (integrity_check), made a
 * single self-contained file, and only then moved into place: FILE is never half written.
 *
 * Restore: stop the server, copy FILE to the DATABASE_URL path (removing any -wal and -shm file
 * beside it), start the server.
 *
 * Exit codes (sysexits.h): 0 done, 64 wrong use (no FILE, FILE is the live database), 66 no
 * database at DATABASE_URL, 73 FILE cannot be created there, 74 the copy failed, 78 configuration.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig } from '../config';

const USAGE = 'usage: npm run backup -- FILE   (a copy of the DATABASE_URL database, taken while it runs)';

function fail(code: number, message: string, usage = false): never {
  process.stderr.write(`backup: ${message}\n${usage ? `${USAGE}\n` : ''}`);
  process.exit(code);
}

/** The same file, whatever path names it (relative, through a symlink, a hard link). */
function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function removeCopy(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = args.filter((a) => a.startsWith('-'));
  if (options.length) fail(64, `unknown option ${options[0]}`, true);
  if (args.length === 0) fail(64, 'no FILE given: where should the copy go?', true);
  if (args.length > 1) fail(64, 'one FILE at a time', true);

  let source: string;
  try {
    source = loadConfig().databasePath;
  } catch (err) {
    if (err instanceof ConfigError) fail(78, `configuration error: ${err.message}`);
    throw err;
  }
  if (source === ':memory:') fail(78, 'DATABASE_URL is an in-memory database: there is nothing to back up');
  if (source === '') fail(78, 'DATABASE_URL is PostgreSQL: back it up with pg_dump, not this command');
  if (!fs.existsSync(source)) fail(66, `no database at ${source} (DATABASE_URL)`);

  const target = path.resolve(args[0]!);
  const folder = path.dirname(target);
  if (!fs.existsSync(folder)) fail(73, `the folder ${folder} does not exist`);
  if (!fs.statSync(folder).isDirectory()) fail(73, `${folder} is not a folder`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    fail(73, `cannot write in the folder ${folder}`);
  }
  for (const live of [source, `${source}-wal`, `${source}-shm`, `${source}-journal`]) {
    if (sameFile(target, live)) {
      fail(64, `${args[0]} is the live database's own file (${live}); name a file elsewhere`);
    }
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    fail(73, `${target} is a folder; name a file in it`);
  }

  const partial = `${target}.partial-${process.pid}`;
  const started = performance.now();
  let pages = 0;
  try {
    const live = new Database(source, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      // All pages in one step: one read snapshot. In small steps, every commit the server made
      // between two steps would restart the copy, and a busy server could keep it from finishing.
      const result = await live.backup(partial, { progress: () => 0x7fffffff });
      pages = result.totalPages;
    } finally {
      live.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // The live file is in WAL mode; the copy is made one file, with nothing to keep beside it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails integrity_check: ${String(check)}`);
    } finally {
      copy.close();
    }
    fs.renameSync(partial, target);
  } catch (err) {
    removeCopy(partial);
    fail(
      74,
      `the copy of ${source} to ${target} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const bytes = fs.statSync(target).size;
  process.stdout.write(
    `Backed up ${source} to ${target}: ${pages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ` +
      `integrity ok, ${Math.round(performance.now() - started)} ms.\n`,
  );
}

await main();
