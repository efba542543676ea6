/**
 * The one handle every repository and service works through, whichever database is underneath.
 *
 * Repositories are written once, as awaited drizzle builders over the tables in `t`: SQLite's
 * builders are awaitable like PostgreSQL's, and both return rows from `.returning()`. Drizzle has
 * no dialect-neutral schema, so each dialect has its own tables with the same names, columns and
 * TypeScript types (a test holds them equal), and the builders are typed as SQLite's.
 *
 * A change runs in `write()`, the only place a transaction opens. Inside it, every query of the
 * same async call chain goes to the transaction (AsyncLocalStorage carries it), so services pass
 * the same store everywhere and never thread a transaction handle through.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SQL } from 'drizzle-orm/sql';
import type * as schema from './schema';

export type Dialect = 'sqlite' | 'postgres';
export type Tables = typeof schema;
/** The query builder repositories write against. */
export type Query = BetterSQLite3Database<typeof schema>;

export interface WriteOptions {
  /**
   * 'read committed' for a transaction whose every rule holds by row locks alone (claiming queue
   * rows with FOR UPDATE SKIP LOCKED): SERIALIZABLE would have it conflict with every transaction
   * that adds a row to the queue. SQLite has one writer and ignores this.
   */
  isolation?: 'serializable' | 'read committed';
}

export interface Store {
  readonly dialect: Dialect;
  /** The tables of the dialect in use. */
  readonly t: Tables;
  select: Query['select'];
  selectDistinct: Query['selectDistinct'];
  insert: Query['insert'];
  update: Query['update'];
  delete: Query['delete'];
  /** A raw statement's rows, for the few queries drizzle's builders cannot say. */
  rows<T>(query: SQL): Promise<T[]>;
  /**
   * Runs `fn` as one transaction that sees no other writer's half-done work: on SQLite one
   * `BEGIN IMMEDIATE` at a time; on PostgreSQL SERIALIZABLE, run again on a serialization failure.
   * A `write()` inside another joins it.
   */
  write<T>(fn: () => Promise<T>, options?: WriteOptions): Promise<T>;
  /** True inside `write()`. */
  inTransaction(): boolean;
  close(): Promise<void>;
}

/**
 * Builds a store from the dialect's pieces: the shared handle, how to run a transaction with a
 * handle of its own, and how to run raw SQL on a handle.
 */
export function makeStore<H extends object>(p: {
  dialect: Dialect;
  tables: Tables;
  shared: H;
  transaction<T>(run: (tx: H) => Promise<T>, options?: WriteOptions): Promise<T>;
  rows<T>(handle: H, query: SQL): Promise<T[]>;
  close(): Promise<void>;
}): Store {
  const current = new AsyncLocalStorage<H>();
  const handle = () => (current.getStore() ?? p.shared) as unknown as Query;
  return {
    dialect: p.dialect,
    t: p.tables,
    select: ((...a: unknown[]) => (handle().select as (...x: unknown[]) => unknown)(...a)) as Query['select'],
    selectDistinct: ((...a: unknown[]) =>
      (handle().selectDistinct as (...x: unknown[]) => unknown)(...a)) as Query['selectDistinct'],
    insert: ((table: never) => handle().insert(table)) as Query['insert'],
    update: ((table: never) => handle().update(table)) as Query['update'],
    delete: ((table: never) => handle().delete(table)) as Query['delete'],
    rows: (query) => p.rows(current.getStore() ?? p.shared, query),
    write: (fn, options) => {
      if (current.getStore()) return fn();
      return p.transaction((tx) => current.run(tx, fn), options);
    },
    inTransaction: () => current.getStore() !== undefined,
    close: p.close,
  };
}
