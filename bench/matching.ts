/**
 * Matching at 10,000 generated participants: one person's top 20 through the index against
 * scoring everyone (the baseline), everyone's top 20, GET /api/matches under load against a bare
 * Fastify route, and the process's memory; and first its quality on the labelled partnerships,
 * against the matching before it read descriptions (bench/matching-before.ts).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import { insertParticipant, loadParticipants } from '../src/db/participants.repo';
import { MatchIndex } from '../src/domain/match-index';
import { matchFeatures, rankMatches } from '../src/domain/matching';
import { indexedProfile } from '../src/services/matching.service';
import { partnershipQuality, type Quality } from './matching-quality';
import { generatePopulation } from './population';
import type { Row } from './run';

const N = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

export async function benchMatching(): Promise<Row[]> {
  const share = (q: Quality) => `${q.inTopThree}/${q.of} (${Math.round((100 * q.inTopThree) / q.of)}%)`;
  const quality = (['full', 'sparse'] as const).map((kind): Row => {
    const q = partnershipQuality(kind);
    return {
      benchmark: `partners in each other's top 3, ${kind} profiles`,
      figure: share(q.now),
      baseline: `before the thesaurus: ${share(q.before)}`,
      ratio: (q.now.inTopThree / Math.max(1, q.before.inTopThree)).toFixed(2),
      note: `6 partnerships of CONTEXT.md among 15 distractors and 300 generated people; first place: ${q.now.first}/${q.now.of} (before ${q.before.first}/${q.before.of})${kind === 'sparse' ? '; sparse = one sector, nothing ticked, a few lines in es/it/en/zh' : ''}`,
    };
  });
  const db = createTestDb();
  const now = Date.now();
  const ids: string[] = [];
  await db.db.write(async () => {
    for (const p of generatePopulation(N)) {
      const id = randomUUID();
      ids.push(id);
      await insertParticipant(db.db, id, p, 'participant', now, now);
    }
  });
  const records = await loadParticipants(db.db);

  let t0 = performance.now();
  const index = new MatchIndex(now);
  for (const r of records) index.upsert(indexedProfile(r));
  const buildMs = performance.now() - t0;

  const sample = ids.filter((_, i) => i % 50 === 0); // 200 people
  const fast: number[] = [];
  for (const id of sample) {
    t0 = performance.now();
    index.topMatches(id, { limit: 20, sameSide: false });
    fast.push(performance.now() - t0);
  }
  const features: ReturnType<typeof matchFeatures>[] = records.map((r) => matchFeatures(r, now));
  const byId = new Map(features.map((f) => [f.profile.id, f]));
  const brute: number[] = [];
  for (const id of sample.slice(0, 40)) {
    const me = byId.get(id)!;
    t0 = performance.now();
    rankMatches(
      me,
      features.filter((f) => f.profile.side !== me.profile.side),
      20,
    );
    brute.push(performance.now() - t0);
  }

  features.length = 0; // the baseline's data, no longer needed: not counted in the memory figure
  byId.clear();
  t0 = performance.now();
  for (const id of ids) index.topScores(id, { limit: 20, sameSide: false });
  const everyoneMs = performance.now() - t0;
  t0 = performance.now();
  for (const id of ids) index.topMatches(id, { limit: 20, sameSide: false });
  const everyoneExplainedMs = performance.now() - t0;

  // The HTTP route, with the index warm, against a bare Fastify JSON route.
  const bare = Fastify();
  bare.get('/json', async () => ({ hello: 'world' }));
  let sameSize = '';
  bare.get('/same-size', async (_req, reply) => reply.type('application/json').send(sameSize));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/json`;
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/dev/login-as`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participantId: ids[0] }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const load = async (url: string, headers: Record<string, string> = {}) =>
    (await autocannon({ url, connections: 10, duration: 5, headers })).requests.average;
  // Builds the index; a bare route then sends a body of the same size, as a second baseline.
  sameSize = await (await fetch(`${base}/api/matches?limit=20`, { headers: { cookie } })).text();
  const bareSameSizeRps = await load(bareUrl.replace('/json', '/same-size'));
  const bareRps = await load(bareUrl);
  const matchesRps = await load(`${base}/api/matches?limit=20`, { cookie });
  // Every request a different person: nothing rendered to reuse.
  let next = 0;
  const cookies = await Promise.all(
    ids.slice(0, 1000).map(async (id) => {
      const res = await fetch(`${base}/api/dev/login-as`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ participantId: id }),
      });
      return res.headers.get('set-cookie')!.split(';')[0]!;
    }),
  );
  const coldRps = (
    await autocannon({
      url: `${base}/api/matches?limit=20`,
      connections: 10,
      duration: 5,
      setupClient: (client) => {
        client.setHeaders({ cookie: cookies[next++ % cookies.length]! });
      },
      requests: [
        {
          setupRequest: (req) => {
            // A viewer and limit not asked before, so that nothing is served twice.
            const n = next++;
            return {
              ...req,
              path: `/api/matches?limit=${20 + Math.floor(n / cookies.length)}`,
              headers: { ...req.headers, cookie: cookies[n % cookies.length]! },
            };
          },
        },
      ],
    })
  ).requests.average;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  await app.close();
  await bare.close();
  db.close();

  const ms = (x: number) => `${x.toFixed(2)} ms`;
  return [
    ...quality,
    {
      benchmark: `top 20 for one person, ${N} people`,
      figure: `median ${ms(median(fast))}, p95 ${ms(p95(fast))}`,
      baseline: `score everyone: median ${ms(median(brute))}`,
      ratio: (median(brute) / median(fast)).toFixed(1),
      note: 'ratio = times faster than the baseline; target median ≤ 5 ms',
    },
    {
      benchmark: `everyone's top 20, ${N} people`,
      figure: `${(everyoneMs / 1000).toFixed(2)} s`,
      baseline: `score everyone ×${N}: ~${((median(brute) * N) / 1000).toFixed(0)} s (estimated)`,
      ratio: ((median(brute) * N) / everyoneMs).toFixed(1),
      note: `ranked and scored; with every reason in both times also: ${(everyoneExplainedMs / 1000).toFixed(2)} s; target ≤ 5 s; index built in ${ms(buildMs)}`,
    },
    {
      benchmark: 'GET /api/matches?limit=20 (10 conns)',
      figure: `${Math.round(matchesRps)} req/s`,
      baseline: `bare Fastify ${Math.round(bareRps)} req/s`,
      ratio: (matchesRps / bareRps).toFixed(2),
      note: `same viewer again and again (rendered list reused); a bare route sending the same ${(sameSize.length / 1024).toFixed(0)} KB: ${Math.round(bareSameSizeRps)} req/s (ratio ${(matchesRps / bareSameSizeRps).toFixed(2)}); target ≥ 0.25; process RSS ${rssMb.toFixed(0)} MB with the load generator in it, heap ${heapMb.toFixed(0)} MB (target < 500 MB)`,
    },
    {
      benchmark: 'GET /api/matches, a different viewer each time',
      figure: `${Math.round(coldRps)} req/s`,
      baseline: `bare Fastify ${Math.round(bareRps)} req/s`,
      ratio: (coldRps / bareRps).toFixed(2),
      note: 'every request ranked and explained afresh',
    },
  ];
}
