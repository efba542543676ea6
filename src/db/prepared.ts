/**
 * Drizzle builds and prepares SQL anew for every one-off query, which costs more than running it
 * on SQLite. Hot queries are prepared once per database connection and kept here.
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
