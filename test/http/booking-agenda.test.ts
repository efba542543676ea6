/** A meeting booked with an agenda: on its page and in the invite's calendar object. */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { as, connect, makeTestApp, romeYantaiNice, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('booking with an agenda', () => {
  it('keeps the agenda on the meeting and in the invite; a too-long agenda is a 400', async () => {
    t = await makeTestApp();
    const { rome, yantai } = await romeYantaiNice(t.app);
    await connect(t.app, rome, yantai);
    const slots = await as(
      t.app,
      rome.sid,
    )({ method: 'GET', url: `/api/slots?with=${yantai.participant.id}` });
    const start = slots.json().slots[0].start as string;
    const agenda = 'Vineyard sensors: a pilot at a Yantai winery.';
    const booked = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: { kind: 'meeting', with: [yantai.participant.id], start, duration: 30, description: agenda },
    });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().description).toBe(agenda);
    const seen = await as(t.app, yantai.sid)({ method: 'GET', url: `/api/sessions/${booked.json().id}` });
    expect(seen.json().description).toBe(agenda);
    const [invite] = await t.db.rows<{ ical: string }>(
      sql`select ical from outbox where ical is not null limit 1`,
    );
    expect(invite?.ical.replace(/\r\n /g, '')).toContain('Vineyard sensors');

    const tooLong = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'meeting',
        with: [yantai.participant.id],
        start,
        duration: 30,
        description: 'x'.repeat(2001),
      },
    });
    expect(tooLong.statusCode).toBe(400);
  });
});
