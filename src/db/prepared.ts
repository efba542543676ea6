/**
 * On SQLite, drizzle builds the SQL of a one-off query anew on every call, which costs more than
 * running it; the queries that run on almost every request are prepared once per store here.
 * Only SQLite's: its one connection serves transactions too, so a prepared statement is right
 * inside and outside them. On PostgreSQL a transaction has a connection of its own, and these
 * queries are built each time.
 */
import type { Db } from './client';

const cache = new WeakMap<Db, Map<string, unknown>>();

/** `key` names one statement for the whole program: two call sites must never share one. */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let forDb = cache.get(db);
  if (!forDb) {
    forDb = new Map();
    cache.set(db, forDb);
  }
  let stmt = forDb.get(key) as T | undefined;
  if (!stmt) {
    stmt = build();
    forDb.set(key, stmt);
  }
  return stmt;
}
