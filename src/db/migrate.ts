import { fileURLToPath } from 'node:url';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed migrations in drizzle/ that this database has not seen yet. */
// biome-ignore lint/suspicious/noExplicitAny: any schema shape can be migrated
export function runMigrations(db: BetterSQLite3Database<any>): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
