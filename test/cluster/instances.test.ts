/**
 * Several instances as an operator runs them: real server processes started at the same moment on
 * one empty PostgreSQL database and one Redis. A login made on one works on the other, bookings
 * racing through both never double-book, each mail goes out once with two outbox workers, the
 * sign-in limit counts across instances, a profile change reaches the other's matches, and
 * losing one instance (kill -9) loses no committed booking.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase, pgAvailable } from '../helpers/postgres';
import { freePort, type ServerProcess, startServer } from '../helpers/server-process';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { TEST_REDIS_URL } from '../helpers/store';

async function redisAvailable(): Promise<boolean> {
  const { openRedis } = await import('../../src/redis/connection');
  try {
    (await openRedis(TEST_REDIS_URL)).disconnect();
    return true;
  } catch {
    return false;
  }
}

const ready = (await pgAvailable()) && (await redisAvailable());
if (!ready) console.log('Several-instance tests skipped: PostgreSQL or Redis is not reachable on 127.0.0.1.');

describe.skipIf(!ready)('several instances on one PostgreSQL and one Redis', () => {
  let database: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let smtp: TestSmtp;
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: pg.Client;
  // What the load balancer's address would be: every link and the allowed origin.
  let publicUrl: string;

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    PUBLIC_URL: publicUrl,
    SMTP_URL: smtp.url,
    OUTBOX_POLL_MS: '100',
    LOGIN_LIMIT_PER_EMAIL: '3',
    // Counted in the machine's one Redis across test runs: only the per-email limit is under test.
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    SEED_DEMO: '1',
    ...extra,
  });

  beforeAll(async () => {
    database = await createPgTestDatabase({ migrated: false });
    // Sign-in counts of earlier runs (the same demo addresses) would still be within their window.
    const { openRedis } = await import('../../src/redis/connection');
    const redis = await openRedis(TEST_REDIS_URL);
    const stale = await redis.keys('twinning:rate:*');
    if (stale.length) await redis.del(...stale);
    redis.disconnect();
    smtp = await startSmtp();
    publicUrl = `http://127.0.0.1:${await freePort()}`;
    // Started at the same moment on an empty database: they migrate and seed once between them.
    [a, b] = await Promise.all([startServer(env()), startServer(env())]);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await database?.drop();
  });

  /** A browser's request to one instance, signed in or not, from the app's own origin. */
  const call = (
    server: ServerProcess,
    path: string,
    init: { method?: string; body?: unknown; sid?: string } = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        origin: publicUrl,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.sid ? { cookie: `sid=${init.sid}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  async function signInAs(server: ServerProcess, participantId: string): Promise<string> {
    const res = await call(server, '/api/dev/login-as', { method: 'POST', body: { participantId } });
    expect(res.status).toBe(204);
    return /sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  }

  async function demoPeople(): Promise<{ id: string; name: string; city: string; role: string }[]> {
    return ((await (await call(a, '/api/dev/people')).json()) as { people: never[] }).people;
  }

  it('migrated and seeded once when both started together', async () => {
    const migrations = await sql.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    const expected = (await import('../../drizzle/pg/meta/_journal.json')).entries.length;
    expect(migrations.rows[0].n).toBe(expected);
    const people = await sql.query('SELECT count(*)::int AS n FROM participants');
    expect(people.rows[0].n).toBe((await demoPeople()).length);
    expect(people.rows[0].n).toBeGreaterThan(20);
  });

  it('keeps a login made on one instance on the other', async () => {
    const rome = (await demoPeople()).find((p) => p.city === 'Rome')!;
    const sid = await signInAs(a, rome.id);
    const me = await call(b, '/api/me', { sid });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { participant: { id: string } }).participant.id).toBe(rome.id);
    await call(b, '/api/auth/logout', { method: 'POST', sid });
    expect((await call(a, '/api/me', { sid })).status).toBe(401);
  });

  it('counts the sign-in limit across instances', async () => {
    const email = `limit.${Date.now()}@cluster.example`;
    const statuses = [];
    for (const server of [a, b, a, b]) {
      statuses.push((await call(server, '/api/auth/login', { method: 'POST', body: { email } })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('books one of twenty racing bookings through both instances, and PostgreSQL holds no overlap', {
    timeout: 60_000,
  }, async () => {
    const people = await demoPeople();
    const organizer = people.find((p) => p.role === 'organizer')!;
    const rome = people.find((p) => p.city === 'Rome' && p.role === 'participant')!;
    const sids = [await signInAs(a, organizer.id), await signInAs(b, organizer.id)];
    const slots = (await (
      await call(a, `/api/slots?with=${rome.id}&duration=60`, { sid: sids[0] })
    ).json()) as {
      slots: { start: string }[];
    };
    const start = Date.parse(slots.slots[0]!.start);
    // Twenty bookings of the organizer at overlapping times of different lengths, half through each.
    const attempts = Array.from({ length: 20 }, (_, i) => ({
      server: i % 2 ? b : a,
      sid: sids[i % 2]!,
      start: new Date(start + (i % 3 === 1 ? 15 : 0) * 60_000).toISOString(),
      duration: [30, 45, 60][i % 3]!,
    }));
    const results = await Promise.all(
      attempts.map(async (x) => {
        const r = await call(x.server, '/api/sessions', {
          method: 'POST',
          sid: x.sid,
          body: { kind: 'meeting', with: [rome.id], start: x.start, duration: x.duration },
        });
        return r;
      }),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409 && s !== 422)).toEqual([]);
    // Whichever way a loser was refused (by the checks, or by the constraint when it raced past
    // them), it is told who is taken, as without a race.
    const refusals = await Promise.all(results.filter((r) => r.status === 409).map((r) => r.json()));
    for (const r of refusals as { code: string; message: string }[]) {
      expect(r.code).toBe('SLOT_TAKEN');
      expect(r.message).toMatch(/^Already booked at that time: .+\.$/);
    }
    const overlaps = await sql.query(
      `SELECT count(*)::int AS n FROM session_people x JOIN session_people y
         ON x.participant_id = y.participant_id AND x.session_id < y.session_id
        WHERE x.active AND y.active AND x.start_at < y.end_at AND y.start_at < x.end_at`,
    );
    expect(overlaps.rows[0].n).toBe(0);
  });

  it('sends each mail once with two outbox workers', async () => {
    const people = await demoPeople();
    // Sign-in links for ten people, asked through both instances: each a mail of its own.
    const europeans = people.filter((p) => p.role === 'participant').slice(0, 10);
    const emails = (await sql.query('SELECT id, email FROM participants')).rows as {
      id: string;
      email: string;
    }[];
    const addresses = europeans.map((p) => emails.find((e) => e.id === p.id)!.email);
    await Promise.all(
      addresses.map((email, i) =>
        call(i % 2 ? b : a, '/api/auth/login', { method: 'POST', body: { email } }),
      ),
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const pending = await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`);
      if (pending.rows[0].n === 0) break;
      if (Date.now() > deadline) throw new Error('mail still waiting');
      await new Promise((r) => setTimeout(r, 100));
    }
    const ids = smtp.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const address of addresses) expect(smtp.received.some((m) => m.to.includes(address))).toBe(true);
  });

  it('shows a profile changed on one instance in the other one’s matches', async () => {
    const people = await demoPeople();
    const granada = people.find((p) => p.city === 'Granada')!;
    const liuzhou = people.find((p) => p.city === 'Liuzhou' && p.role === 'participant')!;
    const granadaSid = await signInAs(b, granada.id);
    const liuzhouSid = await signInAs(a, liuzhou.id);
    const matchIds = async () =>
      (
        (await (await call(b, '/api/matches?limit=100', { sid: granadaSid })).json()) as {
          matches: { participant: { id: string }; reasons: { code: string }[] }[];
        }
      ).matches;
    await matchIds(); // the index on b is built now, before the change
    // Liuzhou now offers what Granada seeks, in Granada's sectors: a match on any instance.
    const granadaProfile = (
      (await (await call(b, `/api/participants/${granada.id}`, { sid: granadaSid })).json()) as {
        participant: { sectors: string[]; offers: string[]; seeks: string[] };
      }
    ).participant;
    const patched = await call(a, '/api/me', {
      method: 'PATCH',
      sid: liuzhouSid,
      body: {
        name: 'Renamed on instance A',
        sectors: granadaProfile.sectors,
        offers: granadaProfile.seeks,
        seeks: granadaProfile.offers,
      },
    });
    expect(patched.status).toBe(200);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = (await matchIds()).find((m) => m.participant.id === liuzhou.id);
      if ((found?.participant as { name?: string } | undefined)?.name === 'Renamed on instance A') break;
      if (Date.now() > deadline) throw new Error('the change did not reach the other instance');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('loses no committed booking when an instance is killed', async () => {
    const people = await demoPeople();
    const organizer = people.find((p) => p.role === 'organizer')!;
    const nice = people.find((p) => p.city === 'Nice')!;
    const sid = await signInAs(a, organizer.id);
    const slots = (await (await call(a, `/api/slots?with=${nice.id}&duration=30`, { sid })).json()) as {
      slots: { start: string }[];
    };
    const booked = await call(a, '/api/sessions', {
      method: 'POST',
      sid,
      body: { kind: 'meeting', with: [nice.id], start: slots.slots.at(-1)!.start, duration: 30 },
    });
    expect(booked.status).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    await a.stop('SIGKILL');
    const seen = await call(b, `/api/sessions/${id}`, { sid });
    expect(seen.status).toBe(200);
    expect((await call(b, '/healthz')).status).toBe(200);
  });
});
