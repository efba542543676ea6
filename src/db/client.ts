/** Opens the SQLite database with the settings this product relies on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { runMigrations } from './migrate';
import * as schema from './schema';

/** Drizzle over the connection, which stays reachable as `$client` for hand-prepared statements. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface Database_ {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot open the database at ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseOpenError';
  }
}

export function openDatabase(file: string): Database_ {
  let sqlite: Database.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new Database(file);
    // WAL lets readers go on while one writer commits. better-sqlite3 would leave synchronous at
    // NORMAL, which can lose the last commits on a power cut; a booking or a queued mail that was
    // acknowledged must survive one, so FULL (an fsync of the WAL at every commit).
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Other connections (a second process, the CLI) wait for the write lock instead of failing.
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new DatabaseOpenError(file, err);
  }
  const db = drizzle(sqlite, { schema });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** A fresh database in a temporary file, migrated with the real migrations; for tests and benches. */
export function createTestDb(): Database_ & { file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-test-'));
  const file = path.join(dir, 'test.db');
  const opened = openDatabase(file);
  runMigrations(opened.db);
  return {
    ...opened,
    file,
    close: () => {
      opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
