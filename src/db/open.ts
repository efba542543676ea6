/**
 * Opens the database that DATABASE_URL names and brings its schema up to date: the embedded SQLite
 * file by default, or PostgreSQL, which several instances may share (they migrate one at a time).
 */
import { openDatabase } from './client';
import { refreshImpactFacts } from './impact-facts.repo';
import { runMigrations } from './migrate';
import type { Store } from './store';

export interface OpenedStore {
  db: Store;
  /** What the database is, for the start-up log. */
  engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openStore(config: {
  databasePath: string;
  postgresUrl: string | null;
}): Promise<OpenedStore> {
  if (config.postgresUrl) {
    // Loaded only for PostgreSQL: the embedded default does not carry the driver in memory.
    const { migratePostgres, openPostgres, postgresStore } = await import('./postgres');
    const pg = await openPostgres(config.postgresUrl);
    try {
      await migratePostgres(pg.db);
    } catch (err) {
      await pg.close();
      throw err;
    }
    return { db: postgresStore(pg), engine: 'postgres', close: pg.close };
  }
  const sqlite = openDatabase(config.databasePath);
  try {
    runMigrations(sqlite.drizzle);
    // A large backlog of impact facts (after the upgrade that brought them in, or an import) is
    // worked off here, before the server listens: SQLite's driver is synchronous, so doing it
    // later would hold every lobby and request still for the seconds it takes.
    await refreshImpactFacts(sqlite.db, { atStart: true });
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { db: sqlite.db, engine: 'sqlite', close: async () => sqlite.close() };
}
