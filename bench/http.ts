/** Our taxonomy and profile routes under load, against a bare Fastify JSON route in the same run. */

import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
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

export async function benchHttp(): Promise<Row[]> {
  const bare = Fastify();
  bare.get('/json', async () => ({ hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/json`;

  const db = createTestDb();
  seedDemo(db.db, Date.now());
  db.db.transaction(() => {
    for (const p of generatePopulation(PROGRAMME_SIZE, 5)) {
      participantsRepo.insertParticipant(db.db, randomUUID(), p, 'participant', Date.now(), Date.now());
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

  const bareRps = await load(bareUrl);
  const taxonomyRps = await load(`${base}/api/taxonomy`);
  const meRps = await load(`${base}/api/me`, { cookie });
  const overviewRps = await load(`${base}/api/admin/overview`, { cookie: organizer });
  const listRps = await load(`${base}/api/admin/participants?limit=100`, { cookie: organizer });
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
  ];
}
