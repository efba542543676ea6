/** Our taxonomy and profile routes under load, against a bare Fastify JSON route in the same run. */

import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import * as eventsRepo from '../src/db/events.repo';
import * as participantsRepo from '../src/db/participants.repo';
import { seedDemo } from '../src/db/seed';
import { generatePopulation } from './population';
import type { Row } from './run';

/** People added to the demo for the organizers' lists: an event-sized programme. */
const PROGRAMME_SIZE = 1000;

async function load(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: 5, headers });
  return result.requests.average;
}

/** The slowest of a stream of /healthz answers (one connection) while `busy` runs. */
async function slowestHealthzDuring(base: string, busy: Promise<unknown>): Promise<number> {
  let done = false;
  void busy.finally(() => {
    done = true;
  });
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    await fetch(`${base}/healthz`);
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

export async function benchHttp(): Promise<Row[]> {
  const bare = Fastify();
  bare.get('/json', async () => ({ hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/json`;

  const db = createTestDb();
  await seedDemo(db.db, Date.now());
  await db.db.write(async () => {
    for (const p of generatePopulation(PROGRAMME_SIZE, 5)) {
      await participantsRepo.insertParticipant(db.db, randomUUID(), p, 'participant', Date.now(), Date.now());
    }
  });
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const people = (await (await fetch(`${base}/api/dev/people`)).json()) as {
    people: { id: string; role: string }[];
  };
  const signIn = async (participantId: string) => {
    const login = await fetch(`${base}/api/dev/login-as`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ participantId }),
    });
    return login.headers.get('set-cookie')!.split(';')[0]!;
  };
  const cookie = await signIn(people.people[0]!.id);
  const organizer = await signIn(people.people.find((p) => p.role === 'organizer')!.id);

  // A three-day event with everyone in it and three meetings each, read by one participant.
  const asOrganizer = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: organizer,
        origin: app.config.publicOrigin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const event = (await (
    await asOrganizer('POST', '/api/events', {
      name: 'Healthy Cities forum',
      timeZone: 'Europe/Rome',
      days: ['2027-05-11', '2027-05-12', '2027-05-13'],
      windows: [
        { start: '09:00', end: '11:00' },
        { start: '14:00', end: '16:00' },
      ],
      slotMinutes: 20,
    })
  ).json()) as { id: string };
  const everyone = people.people.filter((p) => p.role !== 'organizer').map((p) => p.id);
  await asOrganizer('POST', `/api/events/${event.id}/participants`, { ids: everyone });
  const meetings = [];
  for (let k = 1; k <= 3; k++)
    for (let i = 0; i + 1 < everyone.length; i += 2) {
      const b = everyone[(i + 1 + 2 * k * 7) % everyone.length]!;
      if (b !== everyone[i]) meetings.push({ a: everyone[i]!, b });
    }
  const seen = new Set<string>();
  await eventsRepo.insertMeetings(
    db.db,
    meetings
      .map(({ a, b }) => (a < b ? [a, b] : [b, a]) as [string, string])
      .filter(([a, b]) => !seen.has(`${a}|${b}`) && seen.add(`${a}|${b}`))
      .map(([aId, bId]) => ({ id: randomUUID(), eventId: event.id, aId, bId, createdAt: Date.now() })),
  );
  const eventUrl = `${base}/api/events/${event.id}`;

  const bareRps = await load(bareUrl);
  const taxonomyRps = await load(`${base}/api/taxonomy`);
  const meRps = await load(`${base}/api/me`, { cookie });
  const overviewRps = await load(`${base}/api/admin/overview`, { cookie: organizer });
  const listRps = await load(`${base}/api/admin/participants?limit=100`, { cookie: organizer });
  const eventPageRps = await load(eventUrl, { cookie });
  const eventAdminRps = await load(eventUrl, { cookie: organizer });
  await new Promise((r) => setTimeout(r, 500));
  const idleHealthz = await slowestHealthzDuring(base, new Promise((r) => setTimeout(r, 2000)));
  const run = asOrganizer('POST', `/api/events/${event.id}/schedule`);
  const busyHealthz = await slowestHealthzDuring(base, run);
  const runStatus = (await run).status;
  await app.close();
  await bare.close();
  db.close();
  const fmt = (n: number) => `${Math.round(n)} req/s`;
  return [
    {
      benchmark: 'GET /api/taxonomy (10 conns)',
      figure: fmt(taxonomyRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (taxonomyRps / bareRps).toFixed(2),
    },
    {
      benchmark: 'GET /api/me signed in (10 conns)',
      figure: fmt(meRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (meRps / bareRps).toFixed(2),
      note: 'cookie → login lookup → 5 queries',
    },
    {
      benchmark: `GET /api/admin/overview, ${PROGRAMME_SIZE + 31} people (10 conns)`,
      figure: fmt(overviewRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (overviewRps / bareRps).toFixed(2),
      note: 'five grouped counts',
    },
    {
      benchmark: `GET /api/admin/participants?limit=100 of ${PROGRAMME_SIZE + 31} (10 conns)`,
      figure: fmt(listRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (listRps / bareRps).toFixed(2),
      note: 'loads, searches and sorts everyone, tallies requests and sessions',
    },
    {
      benchmark: `GET /api/events/:id as a participant, ${everyone.length} people (10 conns)`,
      figure: fmt(eventPageRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (eventPageRps / bareRps).toFixed(4),
      note: '36 slots, the windows in every zone, own unavailable slots',
    },
    {
      benchmark: `GET /api/events/:id as an organizer, ${everyone.length} people (10 conns)`,
      figure: fmt(eventAdminRps),
      baseline: `bare Fastify ${fmt(bareRps)}`,
      ratio: (eventAdminRps / bareRps).toFixed(4),
      note: 'everyone with their counts, every meeting',
    },
    {
      benchmark: `slowest GET /healthz during a scheduler run of that event`,
      figure: `${Math.round(busyHealthz)} ms`,
      baseline: `idle ${Math.round(idleHealthz)} ms`,
      ratio: (busyHealthz / Math.max(idleHealthz, 0.1)).toFixed(1),
      note: `run answered ${runStatus}; the run searches for the 2 s default budget`,
    },
  ];
}
