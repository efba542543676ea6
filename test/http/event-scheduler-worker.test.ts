/**
 * The scheduler runs beside the server, not in it: while it places a big event's meetings, every
 * other request is answered. Against a listening server with real requests, so that "answered
 * first" means what a second browser would see. A second run of the same event is refused, an
 * event changed during a run is not overwritten, a scheduler that dies answers 503 and leaves the
 * server up, and closing the app stops a run.
 */

import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as eventsRepo from '../../src/db/events.repo';
import { as, makeTestApp, register, type TestApp } from '../helpers/app';
import { addGeneratedPeople, addMeetings, createBigEvent, organizer } from '../helpers/big-event';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function bigScheduledEvent(opts: Parameters<typeof makeTestApp>[0] = {}) {
  t = await makeTestApp(opts);
  const org = await organizer(t);
  const id = await createBigEvent(org);
  const ids = await addGeneratedPeople(t, id, 0, 400);
  await addMeetings(t, id, ids, 6);
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { org, id, ids, base, cookie: `sid=${org.sid}` };
}

/** POST /api/events/:id/schedule over the network, as the organizer's browser sends it. */
async function scheduleOver(base: string, id: string, cookie: string) {
  const res = await fetch(`${base}/api/events/${id}/schedule`, {
    method: 'POST',
    headers: { cookie, origin: 'http://twinning.test' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the scheduler beside the server', () => {
  it('answers other requests while a big event is being scheduled', async () => {
    const { id, base, cookie } = await bigScheduledEvent({ scheduler: { timeBudgetMs: 1500 } });
    const c = cookie;
    const finished: string[] = [];
    const run = scheduleOver(base, id, c).then((r) => {
      finished.push('schedule');
      return r;
    });
    // The run has reached the server (it is on its own connection, sent first).
    await sleep(150);
    const health = await fetch(`${base}/healthz`);
    finished.push('healthz');
    expect(health.status).toBe(200);
    const again = await scheduleOver(base, id, c);
    finished.push('second run');
    expect(again).toMatchObject({ status: 409, body: { code: 'SCHEDULE_RUNNING' } });

    const result = await run;
    expect(finished).toEqual(['healthz', 'second run', 'schedule']);
    expect(result.status).toBe(200);
    expect(result.body.placed).toBeGreaterThan(500);
    const [placed] = await t!.db.rows<{ n: number }>(
      sql`SELECT cast(count(*) as integer) AS n FROM event_meetings WHERE event_id = ${id} AND slot_id IS NOT NULL`,
    );
    expect(placed!.n).toBe(result.body.placed);
    // Once it is over, the event may be scheduled again.
    expect((await scheduleOver(base, id, c)).status).toBe(200);
  });

  it("answers within the scheduler's own 2 s budget when the server is given none", async () => {
    // 2,400 meetings keep the search busy for all the time it is given; the figure is the
    // scheduler's own clock (the search ends a fortieth early), so a busy machine does not move it.
    const { id, base, cookie } = await bigScheduledEvent();
    const result = await scheduleOver(base, id, cookie);
    expect(result.status).toBe(200);
    expect(result.body.ms).toBeGreaterThan(1_000);
    expect(result.body.ms).toBeLessThanOrEqual(2_000);
  });

  it('stores nothing when the event changed while the scheduler ran', async () => {
    const { id, ids, base, cookie } = await bigScheduledEvent({ scheduler: { timeBudgetMs: 1500 } });
    const run = scheduleOver(base, id, cookie);
    // Wait until the run is under way (a second run is refused then), however busy the machine,
    // and a little longer for it to have read the event; a fixed pause lost that race under load.
    await sleep(50);
    for (let i = 0; i < 200; i++) {
      const second = await scheduleOver(base, id, cookie);
      if (second.body.code === 'SCHEDULE_RUNNING') break;
      await sleep(20);
    }
    await sleep(100);
    // Someone marks a slot meanwhile: a schedule made without it might put them there.
    await eventsRepo.setUnavailable(t!.db.db, id, ids[1]!, ['2027-05-12T09:00']);
    expect(await run).toMatchObject({ status: 409, body: { code: 'EVENT_CHANGED_DURING_RUN' } });
    const [placed] = await t!.db.rows<{ n: number }>(
      sql`SELECT cast(count(*) as integer) AS n FROM event_meetings WHERE event_id = ${id} AND slot_id IS NOT NULL`,
    );
    expect(placed!.n).toBe(0);
  });

  it('answers 503 when the scheduler dies, and the server goes on', async () => {
    t = await makeTestApp({
      scheduler: { workerUrl: new URL('../helpers/crashing.worker.ts', import.meta.url) },
    });
    const org = await organizer(t);
    const id = await createBigEvent(org);
    const ids = await addGeneratedPeople(t, id, 0, 10);
    await addMeetings(t, id, ids, 1);
    const res = await org.inject({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SCHEDULER_UNAVAILABLE' });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const e = await org.inject({ method: 'GET', url: `/api/events/${id}` });
    expect(e.json().event.scheduledAt).toBeNull();
  });

  it('stops a run when the app closes', async () => {
    t = await makeTestApp({ scheduler: { timeBudgetMs: 60_000 } });
    const org = await organizer(t);
    const id = await createBigEvent(org);
    await addMeetings(t, id, await addGeneratedPeople(t, id, 0, 400), 6);
    const run = org.inject({ method: 'POST', url: `/api/events/${id}/schedule` });
    await sleep(150);
    const app = t;
    t = undefined;
    const closed = Date.now();
    await app.close();
    // Well before the minute the run was given.
    expect(Date.now() - closed).toBeLessThan(10_000);
    const res = await run;
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('SCHEDULER_UNAVAILABLE');
  });

  it('keeps a participant out of the scheduler', async () => {
    t = await makeTestApp();
    const org = await organizer(t);
    const id = await createBigEvent(org);
    const someone = await register(t.app, { name: 'Pierre Martin', city: 'Nice', country: 'FR' });
    const res = await as(t.app, someone.sid)({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(res.statusCode).toBe(403);
  });
});
