/**
 * What an instance does when PostgreSQL or Redis goes away under it: requests answer 503 with a
 * code within seconds (never a 500, never a hang), nothing committed is lost, and the instance
 * recovers by itself once the server is back. The servers are the machine's real ones, reached
 * through a relay the test cuts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase, PG_ADMIN_URL, pgAvailable } from '../helpers/postgres';
import { type ServerProcess, startServer } from '../helpers/server-process';
import { TEST_REDIS_URL } from '../helpers/store';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

const ready = await pgAvailable();
if (!ready) console.log('Fault tests skipped: PostgreSQL is not reachable on 127.0.0.1.');

describe.skipIf(!ready)('when PostgreSQL or Redis goes away', () => {
  let database: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let pgRelay: TcpProxy;
  let redisRelay: TcpProxy;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createPgTestDatabase();
    const admin = new URL(PG_ADMIN_URL);
    pgRelay = await startTcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
    const redis = new URL(TEST_REDIS_URL);
    redisRelay = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const url = new URL(database.url);
    url.host = `127.0.0.1:${pgRelay.port}`;
    server = await startServer({
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://127.0.0.1:${redisRelay.port}`,
      SEED_DEMO: '1',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await pgRelay?.close();
    await redisRelay?.close();
    await database?.drop();
  });

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL is away, and recovers', async () => {
    const people = (await (await fetch(`${server.url}/api/dev/people`)).json()) as { people: unknown[] };
    expect(people.people.length).toBeGreaterThan(20);
    await pgRelay.cut();
    const started = Date.now();
    const res = await fetch(`${server.url}/api/dev/people`);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE');
    expect(res.headers.get('retry-after')).toBe('2');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);

    await pgRelay.restore();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const again = await fetch(`${server.url}/api/dev/people`);
      if (again.status === 200) break;
      if (Date.now() > deadline) throw new Error(`still ${again.status} after PostgreSQL came back`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('goes on serving while Redis is away, and the process stays up', async () => {
    await redisRelay.cut();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'someone@example.org' }),
    });
    // The rate limit cannot count without Redis: the request goes through rather than failing.
    expect(res.status).toBe(202);
    await redisRelay.restore();
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
