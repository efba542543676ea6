/**
 * The database a test runs on: a fresh SQLite file by default, or, with TEST_DATABASE=postgres, a
 * fresh PostgreSQL database cloned from a migrated template, and Redis as several instances use
 * it (keys under a prefix of the test's own). Tests read rows with `rows(sql…)`, which both
 * databases answer.
 */
import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { createTestDb } from '../../src/db/client';
import { openPostgres, postgresStore } from '../../src/db/postgres';
import type { Store } from '../../src/db/store';
import { openRedis } from '../../src/redis/connection';
import { createPgTestDatabase } from './postgres';

export const TEST_ON_POSTGRES = process.env.TEST_DATABASE === 'postgres';

export interface TestStore {
  db: Store;
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export async function createTestStore(): Promise<TestStore> {
  if (TEST_ON_POSTGRES) {
    const created = await createPgTestDatabase();
    const pg = await openPostgres(created.url, { max: 5 });
    const db = postgresStore(pg);
    return {
      db,
      rows: (query) => db.rows(query),
      close: async () => {
        await pg.close();
        await created.drop();
      },
    };
  }
  const sqlite = createTestDb();
  return { db: sqlite.db, rows: (query) => sqlite.db.rows(query), close: async () => sqlite.close() };
}

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Redis for one test app, under its own prefix, when the suite runs as several instances would. */
export async function createTestRedis(): Promise<{ redis: Redis; prefix: string; close(): void } | null> {
  if (!TEST_ON_POSTGRES) return null;
  const redis = await openRedis(TEST_REDIS_URL);
  return { redis, prefix: `test:${randomUUID()}:`, close: () => redis.disconnect() };
}
