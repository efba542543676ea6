/**
 * Opens a PostgreSQL database (one pool per process) and applies the migrations in drizzle/pg.
 * Several instances of the product may share one database: they migrate one at a time.
 */

import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { SQL } from 'drizzle-orm/sql';
import pg from 'pg';
import { PG_MIGRATIONS_DIR } from '../paths';
import { DatabaseOpenError } from './client';
import { isRetryable } from './failures';
import * as pgSchema from './schema.pg';
import { makeStore, type Store, type Tables, type WriteOptions } from './store';

export const PG_MIGRATIONS_FOLDER = PG_MIGRATIONS_DIR;

// Instants are milliseconds in bigint columns, and count(*) is a bigint: both well inside a
// JavaScript number, which is what the rest of the product reads, raw queries included.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Drizzle over the pool, which stays reachable as `$client`. */
export type PgDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export interface PostgresDatabase {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections in the pool; each instance of the product holds at most this many. */
  max?: number;
}

/** An arbitrary fixed key: every instance asks for the same advisory lock before migrating. */
export const MIGRATION_LOCK_KEY = '7311902460552841';

/** The URL as it may be shown in a message or a log: without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** pg reports a refused connection to every address of a host as an AggregateError with no message. */
function asError(err: unknown): Error {
  if (err instanceof AggregateError && !err.message) {
    return new Error(err.errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; '));
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Opens a pool on `url` (postgres://user:password@host:port/database) and checks that the server
 * answers, so that a wrong URL or an unreachable server stops start-up with a DatabaseOpenError
 * instead of failing the first request.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresDatabase> {
  const shown = redactUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseOpenError(shown, new Error('expected a postgres:// URL'));
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseOpenError(shown, new Error(`expected a postgres:// URL, not ${parsed.protocol}//`));
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A pooled connection that breaks while idle (a server restart, a failover) is dropped by the
  // pool, which reports it here; without a listener the process would exit. The next query
  // opens a fresh connection, and a query that meets the broken one fails and is reported there.
  pool.on('error', () => {});
  // A connection in use can break too (an administrator's shutdown, a failover): its query fails
  // and is answered there; the event must not take the process down with it.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(shown, asError(err));
  }
  const db = drizzle(pool, { schema: pgSchema });
  let closed: Promise<void> | undefined;
  return {
    db,
    pool,
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * Applies the migrations in drizzle/pg that this database has not seen yet. All of it happens on
 * one connection holding a session-level advisory lock, so instances started at the same moment
 * migrate one after another: the first applies the migrations, the others wait for it and then
 * find nothing to do. The lock goes with the connection if this process dies meanwhile.
 */
export async function migratePostgres(db: { $client: pg.Pool }): Promise<void> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      try {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      } catch (err) {
        // Closing the connection (below) releases the lock as well.
        broken = asError(err);
      }
    }
  } catch (err) {
    broken ??= asError(err);
    throw err;
  } finally {
    client.release(broken);
  }
}

/**
 * Under a burst (a hundred people registering in the same second) SERIALIZABLE's predicate locks
 * make many transactions collide; each is short, so running it again soon is cheap.
 */
const MAX_ATTEMPTS = 30;

/**
 * PostgreSQL's store: transactions are SERIALIZABLE, so a read-then-write rule (a daily limit, a
 * free slot) holds as if the transactions ran one after another; when PostgreSQL finds that two
 * could not have, one fails with a serialization failure and is run again from the start.
 */
export function postgresStore(database: PostgresDatabase): Store {
  return makeStore({
    dialect: 'postgres',
    // The PostgreSQL tables have the SQLite ones' names, columns and TypeScript types (a test holds
    // them equal), so repositories written against one run against the other.
    tables: pgSchema as unknown as Tables,
    shared: database.db,
    transaction: async <T>(run: (tx: PgDb) => Promise<T>, options?: WriteOptions): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await database.db.transaction((tx) => run(tx as unknown as PgDb), {
            isolationLevel: options?.isolation ?? 'serializable',
          });
        } catch (err) {
          if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
          // A little random wait, so that the transactions that collided do not collide again.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 2 ** attempt)));
        }
      }
    },
    rows: async <T>(handle: PgDb, query: SQL) => (await handle.execute(query)).rows as T[],
    close: database.close,
  });
}
