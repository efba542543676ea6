/**
 * Slots and booking. Pair slots over 14 days and webinar coverage for 500 registrants in 20 zones,
 * each against checking every 15-minute candidate one by one (the obvious way, as baseline).
 * Booking with 50 concurrent clients on distinct pairs through the real HTTP route, against a bare
 * Fastify route that writes one row per request with the same durability; afterwards the sessions
 * are counted and checked for overlaps.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import { type AvailabilityPerson, insideWorkingHours } from '../src/domain/availability';
import type { Profile } from '../src/domain/profile';
import { proposeSlots, webinarSlots } from '../src/domain/slots';
import { DAY_MS, MINUTE_MS } from '../src/domain/time';
import { generatePopulation } from './population';
import type { Row } from './run';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const GRID = 15 * MINUTE_MS;

const ZONES: [string, string, string][] = [
  ['Rome', 'IT', 'Europe/Rome'],
  ['Granada', 'ES', 'Europe/Madrid'],
  ['Nice', 'FR', 'Europe/Paris'],
  ['Lisbon', 'PT', 'Europe/Lisbon'],
  ['Athens', 'GR', 'Europe/Athens'],
  ['Helsinki', 'FI', 'Europe/Helsinki'],
  ['Dublin', 'IE', 'Europe/Dublin'],
  ['Warsaw', 'PL', 'Europe/Warsaw'],
  ['Yantai', 'CN', 'Asia/Shanghai'],
  ['Kunming', 'CN', 'Asia/Shanghai'],
  ['Urumqi', 'CN', 'Asia/Urumqi'],
  ['Hong Kong', 'HK', 'Asia/Hong_Kong'],
  ['Taipei', 'TW', 'Asia/Taipei'],
  ['Tokyo', 'JP', 'Asia/Tokyo'],
  ['Seoul', 'KR', 'Asia/Seoul'],
  ['Singapore', 'SG', 'Asia/Singapore'],
  ['Delhi', 'IN', 'Asia/Kolkata'],
  ['Kathmandu', 'NP', 'Asia/Kathmandu'],
  ['São Paulo', 'BR', 'America/Sao_Paulo'],
  ['New York', 'US', 'America/New_York'],
];

const asPerson = (p: Profile, id: string) => ({ ...p, id });

/** Every grid start in [from, to) inside everyone's hours: the one-by-one baseline. */
function slotsOneByOne(people: AvailabilityPerson[], from: number, to: number, minutes: number): number {
  let found = 0;
  const d = minutes * MINUTE_MS;
  for (let s = Math.ceil(from / GRID) * GRID; s + d <= to; s += GRID) {
    if (people.every((p) => insideWorkingHours(p, s, s + d))) found++;
  }
  return found;
}

function benchPairs(now: number): Row[] {
  const population = generatePopulation(400, 11).map((p, i) => asPerson(p, `p${i}`));
  const from = now;
  const to = now + 14 * DAY_MS;
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i + 1 < population.length; i += 2) {
    const people = [population[i]!, population[i + 1]!];
    let t0 = performance.now();
    proposeSlots({ people, busy: new Map(), from, to, durationMinutes: 30, limit: 10 });
    ours.push(performance.now() - t0);
    if (i < 40) {
      t0 = performance.now();
      slotsOneByOne(people, from, to, 30);
      base.push(performance.now() - t0);
    }
  }
  return [
    {
      benchmark: 'slots for an EU–CN pair over 14 days, median',
      figure: `${median(ours).toFixed(2)} ms`,
      baseline: `one by one ${median(base).toFixed(1)} ms`,
      ratio: (median(ours) / median(base)).toFixed(3),
      note: `${ours.length} pairs; target ≤ 2 ms`,
    },
  ];
}

function benchWebinar(now: number): Row[] {
  const population = generatePopulation(502, 12).map((p, i) => {
    const [city, country, timeZone] = ZONES[i % ZONES.length]!;
    return { ...asPerson(p, `w${i}`), city, country, timeZone };
  });
  const hosts = population
    .slice(0, 2)
    .map((h) => ({ ...h, city: 'Rome', country: 'IT', timeZone: 'Europe/Rome' }));
  const registrants = population.slice(2);
  const from = now;
  const to = now + 14 * DAY_MS;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    webinarSlots({ hosts, busy: new Map(), registrants, from, to, durationMinutes: 60, limit: 10 });
    runs.push(performance.now() - t0);
  }
  // The baseline asks every registrant about every candidate the hosts can make.
  const t0 = performance.now();
  let candidates = 0;
  for (let s = Math.ceil(from / GRID) * GRID; s + 60 * MINUTE_MS <= to; s += GRID) {
    if (!hosts.every((h) => insideWorkingHours(h, s, s + 60 * MINUTE_MS))) continue;
    candidates++;
    for (const r of registrants) insideWorkingHours(r, s, s + 60 * MINUTE_MS);
  }
  const baseMs = performance.now() - t0;
  return [
    {
      benchmark: 'webinar slots, 500 registrants in 20 zones, 14 days',
      figure: `${median(runs).toFixed(1)} ms`,
      baseline: `one by one ${baseMs.toFixed(0)} ms`,
      ratio: (median(runs) / baseMs).toFixed(3),
      note: `${candidates} candidate starts; target ≤ 200 ms`,
    },
  ];
}

const CLIENTS = 50;
const PER_CLIENT = 60;

async function benchBooking(): Promise<Row[]> {
  // 100 people in Rome who work every day around the clock, so that every grid start is bookable
  // except on Italy's holidays (those answers are counted, not hidden).
  const db = createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    LOGIN_LIMIT_PER_ADDRESS: '1000',
  });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
  const cookies: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < CLIENTS * 2; i++) {
    const res = await fetch(`${base}/api/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Booker ${i}`,
        email: `booker${i}@bench.example`,
        organisation: 'Bench',
        city: 'Rome',
        country: 'IT',
        timeZone: 'Europe/Rome',
        languages: ['en'],
        sectors: ['biotechnology'],
        offers: ['research-partnership'],
        seeks: ['technology-transfer'],
        workingHours: allDay,
      }),
    });
    if (res.status !== 201) throw new Error(`registration: ${res.status} ${await res.text()}`);
    cookies.push(res.headers.get('set-cookie')!.split(';')[0]!);
    ids.push(((await res.json()) as { participant: { id: string } }).participant.id);
  }
  const firstStart = Math.ceil((Date.now() + DAY_MS) / (30 * MINUTE_MS)) * 30 * MINUTE_MS;

  const statuses = new Map<number, number>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let k = 0; k < PER_CLIENT; k++) {
        const res = await fetch(`${base}/api/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookies[2 * c]! },
          body: JSON.stringify({
            kind: 'meeting',
            with: [ids[2 * c + 1]],
            start: new Date(firstStart + k * 30 * MINUTE_MS).toISOString(),
            duration: 30,
          }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const oursSec = (performance.now() - t0) / 1000;
  const created = statuses.get(201) ?? 0;
  const stored = db.sqlite.prepare("SELECT count(*) AS n FROM sessions WHERE status = 'confirmed'").get() as {
    n: number;
  };
  const overlaps = db.sqlite
    .prepare(
      `SELECT count(*) AS n FROM session_people a JOIN session_people b
         ON a.participant_id = b.participant_id AND a.session_id < b.session_id
        AND a.active AND b.active AND a.start_at < b.end_at AND b.start_at < a.end_at`,
    )
    .get() as { n: number };
  await app.close();
  db.close();
  if (stored.n !== created || overlaps.n !== 0) {
    throw new Error(`booking check failed: ${created} created, ${stored.n} stored, ${overlaps.n} overlaps`);
  }

  // Baseline: a bare Fastify route that inserts one row per request in an immediate transaction
  // on a database opened the same way (WAL, synchronous=FULL).
  const bareDb = createTestDb();
  bareDb.sqlite.exec('CREATE TABLE bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = bareDb.sqlite.prepare('INSERT INTO bench_rows (id, body) VALUES (?, ?)');
  const write = bareDb.sqlite.transaction((body: string) => insert.run(randomUUID(), body));
  const bare = Fastify();
  bare.post('/rows', async (req, reply) => {
    write.immediate(JSON.stringify(req.body));
    return reply.code(201).send({ ok: true });
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/rows`;
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let k = 0; k < PER_CLIENT; k++) {
        const res = await fetch(bareUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ c, k }),
        });
        await res.arrayBuffer();
      }
    }),
  );
  const bareSec = (performance.now() - t1) / 1000;
  await bare.close();
  bareDb.close();

  const total = CLIENTS * PER_CLIENT;
  const oursRate = total / oursSec;
  const bareRate = total / bareSec;
  const refused = [...statuses.entries()]
    .filter(([s]) => s !== 201)
    .map(([s, n]) => `${n}×${s}`)
    .join(', ');
  return [
    {
      benchmark: `booking, ${CLIENTS} concurrent clients on distinct pairs`,
      figure: `${oursRate.toFixed(0)} bookings/s`,
      baseline: `bare insert route ${bareRate.toFixed(0)} req/s`,
      ratio: (oursRate / bareRate).toFixed(2),
      note: `${created} booked = ${stored.n} stored, 0 overlaps${refused ? `; refused ${refused} (holidays)` : ''}; target ≥ 300/s`,
    },
  ];
}

export async function benchSlots(): Promise<Row[]> {
  const now = Date.now();
  return [...benchPairs(now), ...benchWebinar(now), ...(await benchBooking())];
}
