/**
 * The only file that listens: config → database → migrations → demo seed → app → listen, and a
 * clean stop on SIGINT/SIGTERM (in-flight requests finish, the outbox stops between messages, the
 * database is closed).
 */
import os from 'node:os';
import type { Redis } from 'ioredis';
import { buildApp } from './app';
import { ConfigError, describeConfig, loadConfig } from './config';
import { DatabaseOpenError } from './db/client';
import { type OpenedStore, openStore } from './db/open';
import { seedDemo } from './db/seed';
import { startRetentionJob } from './services/retention';

const EXIT_CONFIG = 78; // EX_CONFIG from sysexits.h

/**
 * A refusal before the app and its logger exist, as a line of the same JSON shape as every other
 * (pino's), on stderr: a terminal shows the message, a log collector files it with the rest.
 */
function fatal(msg: string, fields: Record<string, unknown>): void {
  const line = { level: 60, time: Date.now(), pid: process.pid, hostname: os.hostname(), ...fields, msg };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      fatal(`Configuration error: ${err.message}`, { variable: err.variable });
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }

  let database: OpenedStore;
  try {
    database = await openStore(config);
  } catch (err) {
    const message =
      err instanceof DatabaseOpenError ? err.message : `database migration failed: ${String(err)}`;
    fatal(`Configuration error: DATABASE_URL: ${message}`, { variable: 'DATABASE_URL' });
    process.exit(EXIT_CONFIG);
  }

  let redis: Redis | undefined;
  if (config.redisUrl) {
    try {
      const { openRedis } = await import('./redis/connection');
      redis = await openRedis(config.redisUrl);
    } catch (err) {
      await database.close();
      fatal(`Configuration error: REDIS_URL: ${(err as Error).message}`, { variable: 'REDIS_URL' });
      process.exit(EXIT_CONFIG);
    }
  }

  const seeded = config.seedDemo ? await seedDemo(database.db, Date.now()) : 0;

  const app = await buildApp(config, { db: database.db, redis });
  app.log.info(describeConfig(config), 'configuration in force');
  const retention = startRetentionJob({
    db: database.db,
    clock: app.services.clock,
    days: config.retentionDays,
    log: app.log,
  });
  if (seeded) app.log.info({ seeded }, `Seeded ${seeded} demo participants.`);
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
      await retention.stop();
      await app.close();
    } finally {
      await database.close();
      redis?.disconnect();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // Shown whatever LOG_LEVEL says: the server is not running, and this is why.
    fatal(`Cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`, {
      host: config.host,
      port: config.port,
    });
    await database.close();
    process.exit(1);
  }
  const mail = config.smtpUrl
    ? `mail via ${new URL(config.smtpUrl).host}`
    : `mail kept in the ${config.devTools ? 'dev mailbox' : 'outbox'}`;
  app.log.info(
    { publicUrl: config.publicUrl, docs: `${config.publicUrl}/docs` },
    `Twinning is running at ${config.publicUrl} (${mail}; API docs at ${config.publicUrl}/docs)`,
  );
}

void main();
