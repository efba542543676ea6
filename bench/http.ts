/** Our taxonomy and profile routes under load, against a bare Fastify JSON route in the same run. */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import { seedDemo } from '../src/db/seed';
import type { Row } from './run';

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
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const people = (await (await fetch(`${base}/api/dev/people`)).json()) as { people: { id: string }[] };
  const login = await fetch(`${base}/api/dev/login-as`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participantId: people.people[0]!.id }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const bareRps = await load(bareUrl);
  const taxonomyRps = await load(`${base}/api/taxonomy`);
  const meRps = await load(`${base}/api/me`, { cookie });
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
  ];
}
