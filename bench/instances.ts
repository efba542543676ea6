/**
 * Bookings per second over HTTP with 50 concurrent clients, as the compiled server runs: one
 * instance on SQLite (the baseline), one on PostgreSQL, and two on PostgreSQL and Redis behind
 * HAProxy. Every tenth booking repeats a taken time (it must be refused), and afterwards the
 * database is asked whether anyone has two confirmed sessions at once: the answer must be none.
 * Needs the build (`npm run build`), PostgreSQL and Redis on 127.0.0.1, and Debian's haproxy.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import * as authRepo from '../src/db/auth.repo';
import { createTestDb } from '../src/db/client';
import * as participantsRepo from '../src/db/participants.repo';
import { openPostgres, postgresStore } from '../src/db/postgres';
import * as requestsRepo from '../src/db/requests.repo';
import type { Store } from '../src/db/store';
import { dayKind } from '../src/domain/holidays';
import { validateProfile } from '../src/domain/profile';
import { instantOf, localDate } from '../src/domain/time';
import { sha256 } from '../src/services/secrets';
import { createPgTestDatabase } from '../test/helpers/postgres';
import { freePort } from '../test/helpers/server-process';
import type { Row } from './run';

const PAIRS = 300;
const SLOTS_PER_DAY = 48; // half hours of one local day, everyone working round the clock
const CONNECTIONS = 50;
const SECONDS = 8;
const ZONE = 'Europe/Rome';
const ROOT = path.resolve(import.meta.dirname, '..');

interface Pair {
  a: string;
  b: string;
  sid: string;
}

/** A day at least three days ahead that is no public holiday in Italy. */
function bookingDay(): number {
  let t = Date.now() + 3 * 86_400_000;
  while (dayKind('IT', localDate(t, ZONE)).holiday) t += 86_400_000;
  return instantOf(localDate(t, ZONE), 0, ZONE);
}

/** People in pairs who accepted each other's request, each booker with a login. */
async function populate(db: Store): Promise<Pair[]> {
  const now = Date.now();
  const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
  const pairs: Pair[] = [];
  await db.write(async () => {
    for (let i = 0; i < PAIRS; i++) {
      const ids = [`a${i}`, `b${i}`];
      for (const id of ids) {
        const profile = validateProfile({
          name: `Person ${id}`,
          email: `${id}@bench.example`,
          organisation: 'Bench',
          city: 'Rome',
          country: 'IT',
          timeZone: ZONE,
          languages: ['en'],
          sectors: ['biotechnology'],
          offers: [],
          seeks: [],
          workingHours: hours,
        });
        await participantsRepo.insertParticipant(db, id, profile, 'participant', now, now);
      }
      await requestsRepo.insertRequest(db, {
        id: `r${i}`,
        fromId: ids[0]!,
        toId: ids[1]!,
        message: '',
        status: 'accepted',
        createdAt: now,
        respondedAt: now,
        expiresAt: now + 86_400_000,
      });
      const sid = `bench-login-${i}-${'x'.repeat(20)}`;
      await authRepo.insertLogin(db, {
        idHash: sha256(sid),
        participantId: ids[0]!,
        createdAt: now,
        expiresAt: now + 86_400_000,
        userAgent: null,
      });
      pairs.push({ a: ids[0]!, b: ids[1]!, sid });
    }
  });
  return pairs;
}

export function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js')], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', SEED_DEMO: '0', REQUESTS_PER_DAY: '10000', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${env.PORT}`;
    const deadline = Date.now() + 20_000;
    const poll = async () => {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return resolve({ child, url });
      } catch {}
      if (Date.now() > deadline || child.exitCode !== null) return reject(new Error(`no server at ${url}`));
      setTimeout(poll, 100);
    };
    void poll();
  });
}

export async function haproxy(backends: string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-haproxy-')), 'haproxy.cfg');
  fs.writeFileSync(
    cfg,
    `global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    option forwardfor
    option http-server-close
    option redispatch
    retries 3
frontend twinning
    bind 127.0.0.1:${port}
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
${backends.map((b, i) => `    server s${i} ${b.replace('http://', '')} check`).join('\n')}
`,
  );
  const child = spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('haproxy did not start');
}

/** Bookings through `url` for SECONDS: 2xx and refusals per second, and how many were refused. */
async function bookings(url: string, publicUrl: string, pairs: Pair[], day: number) {
  let k = 0;
  const taken: { pair: Pair; slot: number }[] = [];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/sessions',
        setupRequest: (req) => {
          k++;
          // Every tenth asks again for a time already asked for: it must be refused.
          const again = k % 10 === 0 && taken.length > 0 ? taken[Math.floor(taken.length / 2)]! : null;
          const pair = again?.pair ?? pairs[k % pairs.length]!;
          const slot = again?.slot ?? Math.floor(k / pairs.length) % SLOTS_PER_DAY;
          if (!again) taken.push({ pair, slot });
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              origin: publicUrl,
              cookie: `sid=${pair.sid}`,
            },
            body: JSON.stringify({
              kind: 'meeting',
              with: [pair.b],
              start: new Date(day + slot * 30 * 60_000).toISOString(),
              duration: 30,
            }),
          };
        },
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    ok: result['2xx'],
    refused: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function overlaps(db: Store): Promise<number> {
  const [row] = await db.rows<{ n: number }>(
    sql`SELECT count(*) AS n FROM session_people x JOIN session_people y
          ON x.participant_id = y.participant_id AND x.session_id < y.session_id
         WHERE x.active AND y.active AND x.start_at < y.end_at AND y.start_at < x.end_at`,
  );
  return Number(row?.n ?? 0);
}

export async function benchInstances(): Promise<Row[]> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs'), 'server'], {
    stdio: 'inherit',
  });
  const day = bookingDay();
  const rows: Row[] = [];
  const describe = (r: Awaited<ReturnType<typeof bookings>>, o: number) =>
    `${r.ok} booked, ${r.refused} refused, ${r.errors} errors; ${o} double bookings in SQL`;

  // One instance on SQLite.
  const sqlite = createTestDb();
  const sqlitePairs = await populate(sqlite.db);
  const port1 = String(await freePort());
  const single = await start({
    PORT: port1,
    DATABASE_URL: `file:${sqlite.file}`,
    PUBLIC_URL: `http://127.0.0.1:${port1}`,
  });
  const onSqlite = await bookings(single.url, single.url, sqlitePairs, day);
  single.child.kill();
  const sqliteOverlaps = await overlaps(sqlite.db);
  sqlite.close();

  // One, then two instances on PostgreSQL (and Redis for two), on fresh databases.
  const runPg = async (instances: number) => {
    const database = await createPgTestDatabase();
    const pg = await openPostgres(database.url);
    const store = postgresStore(pg);
    const pairs = await populate(store);
    const publicUrl = `http://127.0.0.1:${await freePort()}`;
    const servers = [];
    for (let i = 0; i < instances; i++) {
      servers.push(
        await start({
          PORT: String(await freePort()),
          DATABASE_URL: database.url,
          PUBLIC_URL: publicUrl,
          ...(instances > 1 ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
        }),
      );
    }
    const front = instances > 1 ? await haproxy(servers.map((s) => s.url)) : null;
    const result = await bookings(front?.url ?? servers[0]!.url, publicUrl, pairs, day);
    front?.child.kill();
    for (const s of servers) s.child.kill();
    const found = await overlaps(store);
    await pg.close();
    await database.drop();
    return { result, found };
  };
  const one = await runPg(1);
  const two = await runPg(2);

  const base = onSqlite.perSecond;
  rows.push(
    {
      benchmark: 'bookings/s, 1 instance, SQLite',
      figure: onSqlite.perSecond.toFixed(0),
      baseline: 'itself',
      ratio: '1.00',
      note: describe(onSqlite, sqliteOverlaps),
    },
    {
      benchmark: 'bookings/s, 1 instance, PostgreSQL',
      figure: one.result.perSecond.toFixed(0),
      baseline: base.toFixed(0),
      ratio: (one.result.perSecond / base).toFixed(2),
      note: describe(one.result, one.found),
    },
    {
      benchmark: 'bookings/s, 2 instances behind HAProxy, PostgreSQL + Redis',
      figure: two.result.perSecond.toFixed(0),
      baseline: `${one.result.perSecond.toFixed(0)} (1 PostgreSQL instance)`,
      ratio: (two.result.perSecond / one.result.perSecond).toFixed(2),
      note: describe(two.result, two.found),
    },
  );
  return rows;
}
