/**
 * The database a test runs on: a fresh SQLite file by default, or, with TEST_DATABASE=postgres, a
 * fresh PostgreSQL database cloned from a migrated template. Tests read rows with `rows(sql…)`,
 * which both databases answer.
 */
import type { SQL } from 'drizzle-orm';
import { createTestDb } from '../../src/db/client';
import { openPostgres, postgresStore } from '../../src/db/postgres';
import type { Store } from '../../src/db/store';
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
