/**
 * An organizer's event at a forum's size, built through the API as people would: an event of
 * three days, participants imported by CSV, meeting requests sent and accepted by each person,
 * the scheduler run, the schedule published. Then what the organizer's event page costs: its API
 * call (time and bytes), the agenda export, and, when Chromium is at hand, how long the page
 * takes until its meetings table is drawn and how many elements it holds. The baseline is the
 * same for an event of 20 people and 100 requests, measured in the same run.
 */
import fs from 'node:fs';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import { seedDemo } from '../src/db/seed';
import { generatePopulation } from './population';
import type { Row } from './run';

const CHROMIUM = '/usr/bin/chromium';

interface Figures {
  people: number;
  meetings: number;
  requestsSeconds: number;
  scheduleMs: number;
  publishMs: number;
  /** The slowest /healthz answer while the publication ran: what everyone else waited. */
  publishStallMs: number;
  /** Publishing again after the scheduler ran afresh: time, the longest /healthz, meetings moved. */
  republish: { ms: number; stallMs: number; moved: number };
  pageMs: number;
  pageBytes: number;
  agendaMs: number;
  agendaBytes: number;
  drawnMs?: number;
  elements?: number;
  options?: number;
}

async function forum(participants: number, requests: number): Promise<Figures> {
  const db = createTestDb();
  await seedDemo(db.db, Date.now());
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    REQUESTS_PER_DAY: '40',
  });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const call = async (
    cookie: string,
    method: string,
    path: string,
    body?: string,
    type = 'application/json',
  ) => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        origin: app.config.publicOrigin,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      body,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return {
      text,
      ms: performance.now() - started,
      cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '',
    };
  };
  const signIn = async (participantId: string) =>
    (await call('', 'POST', '/api/dev/login-as', JSON.stringify({ participantId }))).cookie;
  const demo = JSON.parse((await call('', 'GET', '/api/dev/people')).text) as {
    people: { id: string; role: string }[];
  };
  const organizerId = demo.people.find((p) => p.role === 'organizer')!.id;
  const organizer = await signIn(organizerId);
  const event = JSON.parse(
    (
      await call(
        organizer,
        'POST',
        '/api/events',
        JSON.stringify({
          name: 'EU–China Healthy Cities forum',
          timeZone: 'Europe/Rome',
          days: ['2027-05-11', '2027-05-12', '2027-05-13'],
          windows: [
            { start: '09:00', end: '11:00' },
            { start: '14:00', end: '16:00' },
          ],
          slotMinutes: 20,
          breakMinutes: 0,
          parallelLimit: null,
        }),
      )
    ).text,
  ) as { id: string };
  const id = event.id;
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const csv = [
    'email,name,organisation,city,country,time_zone,languages,sectors,offers,seeks',
    ...generatePopulation(participants, 11).map((p, i) =>
      [
        `forum${i}@bench.example`,
        p.name,
        p.organisation,
        p.city,
        p.country,
        p.timeZone,
        p.languages.join(';'),
        p.sectors.join(';'),
        p.offers.join(';'),
        p.seeks.join(';'),
      ]
        .map(cell)
        .join(','),
    ),
  ].join('\n');
  await call(organizer, 'POST', `/api/events/${id}/participants.csv`, csv, 'text/csv');
  const people = (
    JSON.parse((await call(organizer, 'GET', `/api/events/${id}`)).text) as { participants: { id: string }[] }
  ).participants;
  // Europeans and Chinese by turns; a few on each side are asked far more often than the rest.
  const sids = new Map<string, string>();
  const sid = async (who: string) => {
    if (!sids.has(who)) sids.set(who, await signIn(who));
    return sids.get(who)!;
  };
  const sides = [people.filter((_, i) => i % 2 === 0), people.filter((_, i) => i % 2 === 1)];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const seen = new Set<string>();
  const sent = new Map<string, number>();
  const started = performance.now();
  for (let made = 0; made < requests; ) {
    const side = random() < 0.5 ? 0 : 1;
    const from = sides[side]![Math.floor(random() * sides[side]!.length)]!;
    const other = sides[1 - side]!;
    const to = other[Math.floor(other.length * random() ** 1.8)]!;
    const pair = [from.id, to.id].sort().join('|');
    if (seen.has(pair) || (sent.get(from.id) ?? 0) >= 39) continue;
    seen.add(pair);
    sent.set(from.id, (sent.get(from.id) ?? 0) + 1);
    const request = JSON.parse(
      (await call(await sid(from.id), 'POST', '/api/meeting-requests', JSON.stringify({ to: to.id }))).text,
    ) as { id: string };
    if (random() < 0.93) await call(await sid(to.id), 'POST', `/api/meeting-requests/${request.id}/accept`);
    made++;
  }
  const requestsSeconds = (performance.now() - started) / 1000;
  const scheduleMs = (await call(organizer, 'POST', `/api/events/${id}/schedule`)).ms;
  /** Publishes, asking /healthz all the while: how long it took, and the longest anyone waited. */
  const publishWatched = async () => {
    let done = false;
    const publication = call(organizer, 'POST', `/api/events/${id}/publish`).then((r) => {
      done = true;
      return r;
    });
    let stallMs = 0;
    while (!done) {
      const asked = performance.now();
      await fetch(`${base}/healthz`);
      stallMs = Math.max(stallMs, performance.now() - asked);
    }
    const r = await publication;
    return { ms: r.ms, stallMs, moved: (JSON.parse(r.text) as { moved: number }).moved };
  };
  const first = await publishWatched();
  const pages = [];
  for (let k = 0; k < 5; k++) pages.push(await call(organizer, 'GET', `/api/events/${id}`));
  const page = pages.sort((a, b) => a.ms - b.ms)[2]!;
  const agenda = await call(organizer, 'GET', `/api/events/${id}/agenda.csv`);
  // Scheduled afresh with another seed and published again: most meetings move.
  await call(organizer, 'POST', `/api/events/${id}/schedule?seed=2`);
  const republish = await publishWatched();
  const figures: Figures = {
    people: participants,
    meetings: (JSON.parse(page.text) as { meetings: unknown[] }).meetings.length,
    requestsSeconds,
    scheduleMs,
    publishMs: first.ms,
    publishStallMs: first.stallMs,
    republish,
    pageMs: page.ms,
    pageBytes: page.text.length,
    agendaMs: agenda.ms,
    agendaBytes: agenda.text.length,
  };
  if (fs.existsSync(CHROMIUM)) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.request.post(`${base}/api/dev/login-as`, {
      data: { participantId: organizerId },
      headers: { origin: app.config.publicOrigin },
    });
    const tab = await ctx.newPage();
    const drawn = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      await tab.goto(`${base}/events/${id}`);
      await tab.locator('table.meetings-table tbody tr').first().waitFor({ timeout: 120_000 });
      drawn.push(performance.now() - t0);
    }
    figures.drawnMs = drawn.sort((a, b) => a - b)[1];
    figures.elements = await tab.locator('*').count();
    figures.options = await tab.locator('option').count();
    await browser.close();
  }
  await app.close();
  return figures;
}

export async function benchEventAdmin(): Promise<Row[]> {
  const small = await forum(20, 100);
  const big = await forum(300, 1500);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const row = (benchmark: string, figure: (f: Figures) => string, ratio: string, note?: string): Row => ({
    benchmark,
    figure: figure(big),
    baseline: figure(small),
    ratio,
    note,
  });
  return [
    row(
      'event of 300 people: requests sent and accepted through the API',
      (f) => `${f.meetings} meetings, ${f.requestsSeconds.toFixed(1)} s`,
      `×${(big.requestsSeconds / small.requestsSeconds).toFixed(1)}`,
      'baseline: 20 people, 100 requests',
    ),
    row(
      'event: scheduler run (POST …/schedule)',
      (f) => ms(f.scheduleMs),
      `×${(big.scheduleMs / small.scheduleMs).toFixed(1)}`,
    ),
    row(
      'event: publish (POST …/publish), and the slowest /healthz meanwhile',
      (f) => `${ms(f.publishMs)}; /healthz ${ms(f.publishStallMs)}`,
      `×${(big.publishMs / small.publishMs).toFixed(1)}`,
      '25 meetings to a transaction; other requests are served between them',
    ),
    row(
      'event: scheduled afresh (seed 2) and published again, and the slowest /healthz meanwhile',
      (f) => `${f.republish.moved} moved, ${ms(f.republish.ms)}; /healthz ${ms(f.republish.stallMs)}`,
      `×${(big.republish.ms / small.republish.ms).toFixed(1)}`,
    ),
    row(
      "event: organizer's GET /api/events/:id (median of 5)",
      (f) => `${ms(f.pageMs)}, ${kb(f.pageBytes)}`,
      `×${(big.pageBytes / small.pageBytes).toFixed(1)} bytes`,
    ),
    row(
      'event: agenda.csv of everyone',
      (f) => `${ms(f.agendaMs)}, ${kb(f.agendaBytes)}`,
      `×${(big.agendaMs / small.agendaMs).toFixed(1)}`,
    ),
    ...(big.drawnMs === undefined
      ? []
      : [
          row(
            "event: organizer's page until its meetings table is drawn (median of 3)",
            (f) => `${ms(f.drawnMs!)}, ${f.elements} elements, ${f.options} options`,
            `×${(big.drawnMs / small.drawnMs!).toFixed(1)}`,
          ),
        ]),
  ];
}
