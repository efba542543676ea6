/**
 * The only file that listens: config → database → migrations → demo seed → app → listen, and a
 * clean stop on SIGINT/SIGTERM (in-flight requests finish, the outbox stops between messages, the
 * database is closed).
 */
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseOpenError, openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { seedDemo } from './db/seed';

const EXIT_CONFIG = 78; // EX_CONFIG from sysexits.h

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }

  let database: ReturnType<typeof openDatabase>;
  try {
    database = openDatabase(config.databasePath);
    runMigrations(database.drizzle);
  } catch (err) {
    const message =
      err instanceof DatabaseOpenError ? err.message : `database migration failed: ${String(err)}`;
    console.error(`Configuration error: DATABASE_URL: ${message}`);
    process.exit(EXIT_CONFIG);
  }

  if (config.seedDemo) {
    const seeded = await seedDemo(database.db, Date.now());
    if (seeded) console.log(`Seeded ${seeded} demo participants.`);
  }

  const app = await buildApp(config, { db: database.db });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.close();
    } finally {
      database.close();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
    database.close();
    process.exit(1);
  }
  const mail = config.smtpUrl ? `mail via ${new URL(config.smtpUrl).host}` : 'mail kept in the dev mailbox';
  console.log(`Twinning is running at ${config.publicUrl} (${mail}; API docs at ${config.publicUrl}/docs)`);
}

void main();
