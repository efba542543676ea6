/** Opens the SQLite database with the settings this product relies on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import type { SQL } from 'drizzle-orm/sql';
import { runMigrations } from './migrate';
import * as schema from './schema';
import { cachePreparedStatements } from './statement-cache';
import { makeStore, type Store } from './store';

/** What repositories and services are given: the store over whichever database is in use. */
export type Db = Store;

export interface Database_ {
  db: Db;
  /** Drizzle over the SQLite connection, for the migrator. */
  drizzle: BetterSQLite3Database<typeof schema>;
  sqlite: Database.Database;
  close(): void;
}

/**
 * SQLite's store: one connection, one writer at a time. Transactions take the write lock before
 * they read (`BEGIN IMMEDIATE`), and queue behind each other in this process, so two requests that
 * read-then-write cannot both pass their checks.
 */
function sqliteStore(sqlite: Database.Database, d: BetterSQLite3Database<typeof schema>): Store {
  let tail: Promise<unknown> = Promise.resolve();
  return makeStore({
    dialect: 'sqlite',
    tables: schema,
    shared: d,
    transaction: <T>(run: (tx: typeof d) => Promise<T>) => {
      const go = async (): Promise<T> => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await run(d);
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw err;
        }
      };
      const result = tail.then(go, go);
      tail = result.catch(() => undefined);
      return result;
    },
    rows: async <T>(h: typeof d, query: SQL) => {
      try {
        return h.all(query) as T[];
      } catch (err) {
        // better-sqlite3 runs a statement without rows (an UPDATE) only through run().
        if (!(err instanceof TypeError) || !/does not return data/.test(err.message)) throw err;
        h.run(query);
        return [];
      }
    },
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  });
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

export interface OpenOptions {
  /** Keep compiled statements for reuse (default); off only to measure what it saves. */
  statementCache?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database_ {
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
  if (opts.statementCache !== false) cachePreparedStatements(sqlite);
  const d = drizzle(sqlite, { schema });
  return {
    db: sqliteStore(sqlite, d),
    drizzle: d,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** A fresh database in a temporary file, migrated with the real migrations; for tests and benches. */
export function createTestDb(opts: OpenOptions = {}): Database_ & { file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-test-'));
  const file = path.join(dir, 'test.db');
  const opened = openDatabase(file, opts);
  runMigrations(opened.drizzle);
  return {
    ...opened,
    file,
    close: () => {
      opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
