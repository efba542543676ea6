/**
 * What keeping compiled statements saves (src/db/statement-cache.ts): the same requests on two
 * apps over identical SQLite databases, one compiling every query anew as drizzle asks, taken in
 * turns within one run so that the machine's speed at the time weighs on both alike.
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import * as participantsRepo from '../src/db/participants.repo';
import { seedDemo } from '../src/db/seed';
import { generatePopulation } from './population';
import type { Row } from './run';

const PEOPLE = 300;
const ROUNDS = 7;
const REQUESTS = 200;

async function appWith(statementCache: boolean, now: number) {
  const db = createTestDb({ statementCache });
  await seedDemo(db.db, now);
  await db.db.write(async () => {
    for (const p of generatePopulation(PEOPLE, 7)) {
      await participantsRepo.insertParticipant(db.db, randomUUID(), p, 'participant', now, now);
    }
  });
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  const people = (await app.inject({ method: 'GET', url: '/api/dev/people' })).json() as {
    people: { id: string; name: string; role: string }[];
  };
  const signIn = async (participantId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/dev/login-as',
      payload: { participantId },
      headers: { origin: app.config.publicOrigin },
    });
    return res.headers['set-cookie']!.toString().split(';')[0]!;
  };
  // Seeded alike: the same person in both, found by name.
  const lucia = people.people.find((p) => p.name.startsWith('Lucía'))!;
  const organizer = people.people.find((p) => p.role === 'organizer')!;
  return {
    app,
    db,
    person: { id: lucia.id, cookie: await signIn(lucia.id) },
    organizer: await signIn(organizer.id),
  };
}

type Setup = Awaited<ReturnType<typeof appWith>>;

const routes: { name: string; request: (s: Setup) => { url: string; cookie: string } }[] = [
  { name: 'GET /api/me', request: (s) => ({ url: '/api/me', cookie: s.person.cookie }) },
  { name: 'GET /api/me/sessions', request: (s) => ({ url: '/api/me/sessions', cookie: s.person.cookie }) },
  {
    name: 'GET /api/meeting-requests',
    request: (s) => ({ url: '/api/meeting-requests', cookie: s.person.cookie }),
  },
  { name: 'GET /api/admin/overview', request: (s) => ({ url: '/api/admin/overview', cookie: s.organizer }) },
];

/** Mean milliseconds a request over REQUESTS in a row. */
async function timed(s: Setup, route: (typeof routes)[number]): Promise<number> {
  const { url, cookie } = route.request(s);
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const res = await s.app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  return (performance.now() - started) / REQUESTS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStatements(): Promise<Row[]> {
  const now = Date.now();
  const kept = await appWith(true, now);
  const compiled = await appWith(false, now);
  const rows: Row[] = [];
  for (const route of routes) {
    const withCache: number[] = [];
    const without: number[] = [];
    // A warm-up of each, then turns, each going first in every other one.
    await timed(kept, route);
    await timed(compiled, route);
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        withCache.push(await timed(kept, route));
        without.push(await timed(compiled, route));
      } else {
        without.push(await timed(compiled, route));
        withCache.push(await timed(kept, route));
      }
    }
    const a = median(withCache);
    const b = median(without);
    rows.push({
      benchmark: `${route.name}, statements kept (inject, ${PEOPLE} people more than the demo)`,
      figure: `${a.toFixed(2)} ms`,
      baseline: `compiled each time ${b.toFixed(2)} ms`,
      ratio: (a / b).toFixed(2),
      note: `median of ${ROUNDS} turns of ${REQUESTS} requests`,
    });
  }
  for (const s of [kept, compiled]) {
    await s.app.close();
    s.db.close();
  }
  return rows;
}
