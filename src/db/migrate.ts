import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../paths';

export const MIGRATIONS_FOLDER = MIGRATIONS_DIR;

/** Applies the committed migrations in drizzle/ that this database has not seen yet. */
// biome-ignore lint/suspicious/noExplicitAny: any schema shape can be migrated
export function runMigrations(db: BetterSQLite3Database<any>): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
