/**
 * Failover through HAProxy: two instances on PostgreSQL and Redis, twenty clients reading their
 * profile without pause, and one instance killed (kill -9) three seconds in. Counts the failed
 * requests before and after the first three seconds from the kill (the target: none after), and
 * how long the load balancer took to stop sending to the dead instance.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openPostgres, postgresStore } from '../src/db/postgres';
import { seedDemo } from '../src/db/seed';
import { createPgTestDatabase } from '../test/helpers/postgres';
import { freePort } from '../test/helpers/server-process';
import { haproxy, start } from './instances';
import type { Row } from './run';

const CLIENTS = 20;
const KILL_AT_MS = 3_000;
const RUN_MS = 12_000;
const ROOT = path.resolve(import.meta.dirname, '..');

export async function benchFailover(): Promise<Row[]> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs'), 'server'], {
    stdio: 'inherit',
  });
  const database = await createPgTestDatabase();
  const pg = await openPostgres(database.url);
  await seedDemo(postgresStore(pg), Date.now());
  await pg.close();
  const publicUrl = `http://127.0.0.1:${await freePort()}`;
  const env = async () => ({
    PORT: String(await freePort()),
    DATABASE_URL: database.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    PUBLIC_URL: publicUrl,
    SEED_DEMO: '0',
  });
  const a = await start(await env());
  const b = await start(await env());
  const front = await haproxy([a.url, b.url]);

  const people = (await (await fetch(`${front.url}/api/dev/people`)).json()) as { people: { id: string }[] };
  const login = await fetch(`${front.url}/api/dev/login-as`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: publicUrl },
    body: JSON.stringify({ participantId: people.people[0]!.id }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  const t0 = Date.now();
  let killedAt = 0;
  const failures: number[] = [];
  let total = 0;
  const client = async () => {
    while (Date.now() - t0 < RUN_MS) {
      total++;
      try {
        const res = await fetch(`${front.url}/api/me`, { headers: { cookie } });
        if (res.status !== 200) failures.push(Date.now());
        await res.arrayBuffer();
      } catch {
        failures.push(Date.now());
      }
    }
  };
  const killer = new Promise<void>((resolve) =>
    setTimeout(() => {
      killedAt = Date.now();
      a.child.kill('SIGKILL');
      resolve();
    }, KILL_AT_MS),
  );
  await Promise.all([...Array.from({ length: CLIENTS }, client), killer]);
  front.child.kill();
  b.child.kill();
  await database.drop();

  const late = failures.filter((t) => t > killedAt + 3_000).length;
  const early = failures.length - late;
  const lastFailure = failures.length ? Math.max(...failures) - killedAt : 0;
  return [
    {
      benchmark: 'failover: failed requests more than 3 s after kill -9 of 1 of 2 instances',
      figure: String(late),
      baseline: `${total} requests in ${RUN_MS / 1000} s`,
      ratio: (late / total).toFixed(4),
      note: `${early} failed within 3 s of the kill; last failure ${lastFailure} ms after it`,
    },
  ];
}
