/**
 * PostgreSQL for tests: a fresh, migrated database per call, cloned from a template database that
 * is migrated once. The server is the one at TEST_DATABASE_URL, or the local one.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migratePostgres, openPostgres, PG_MIGRATIONS_FOLDER } from '../../src/db/postgres';

/** A database on the test server to connect to for creating and dropping the others. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Fixed, and not the key migratePostgres uses: held only while a template is being made. */
const TEMPLATE_LOCK_KEY = '7311902460552842';

let available: Promise<boolean> | undefined;

/** Whether the test server answers; asked once per process. */
export function pgAvailable(): Promise<boolean> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return available;
}

/** The URL of another database on the test server. */
export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A hash of every file in drizzle/pg: a changed migration makes (and uses) a new template. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(PG_MIGRATIONS_FOLDER, file)).update('\0').update(fs.readFileSync(file));
    }
  };
  walk(PG_MIGRATIONS_FOLDER);
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

/**
 * The migrated template's name, made if missing. Vitest's workers (and other checkouts sharing
 * the server) may get here at once: an advisory lock lets one make it while the others wait. It
 * is migrated under another name and renamed when complete, so a run killed halfway never
 * leaves a half-migrated template behind.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `twinning_tmpl_${migrationsHash()}`;
    const building = `${name}_building`;
    await withAdmin(async (admin) => {
      await admin.query('SELECT pg_advisory_lock($1::bigint)', [TEMPLATE_LOCK_KEY]);
      try {
        const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount) return;
        await admin.query(`DROP DATABASE IF EXISTS ${quote(building)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${quote(building)}`);
        const opened = await openPostgres(pgUrlFor(building), { max: 1 });
        try {
          await migratePostgres(opened.db);
        } finally {
          await opened.close();
        }
        await admin.query(`ALTER DATABASE ${quote(building)} RENAME TO ${quote(name)}`);
      } finally {
        await admin.query('SELECT pg_advisory_unlock($1::bigint)', [TEMPLATE_LOCK_KEY]);
      }
    });
    return name;
  })();
  // A failure (say, a broken migration) is reported to this caller and tried again by the next.
  template.catch(() => {
    template = undefined;
  });
  return template;
}

let counter = 0;

export interface PgTestDatabase {
  url: string;
  name: string;
  /** Drops the database, ending whatever connections are still open on it. */
  drop(): Promise<void>;
}

/**
 * A new database on the test server, with every migration applied (or, with `migrated: false`,
 * empty, for testing the migrations themselves).
 */
export async function createPgTestDatabase(options: { migrated?: boolean } = {}): Promise<PgTestDatabase> {
  const migrated = options.migrated ?? true;
  const source = migrated ? await migratedTemplate() : 'template0';
  counter += 1;
  const name = `twinning_test_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(source)}`));
  let dropped: Promise<void> | undefined;
  return {
    url: pgUrlFor(name),
    name,
    drop: () => {
      dropped ??= withAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}
