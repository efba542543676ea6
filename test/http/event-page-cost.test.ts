/**
 * An event's page costs what its reader receives. A participant's page once worked out every
 * participant's unavailable slots (2 s of CPU on a 5,000-person event, while every other request
 * waited); now it works out the reader's own. The work is counted in wall-clock conversions, the
 * part that costs, so the test holds on any machine: the page of an event of 1,000 people costs
 * no more than that of an event of 20. The organizer's page still counts everyone's slots.
 */

import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoUnavailable, eventSlots } from '../../src/domain/event';
import { as, makeTestApp, register, type TestApp } from '../helpers/app';
import { addGeneratedPeople, BIG_EVENT, createBigEvent, organizer } from '../helpers/big-event';

const conversions = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/domain/time', async (importOriginal) => {
  const time = await importOriginal<typeof import('../../src/domain/time')>();
  return {
    ...time,
    localClock: (...args: Parameters<typeof time.localClock>) => {
      conversions.count += 1;
      return time.localClock(...args);
    },
  };
});

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function countConversions(run: () => Promise<unknown>): Promise<number> {
  conversions.count = 0;
  await run();
  return conversions.count;
}

describe('the cost of an event page', () => {
  it('gives a participant their own slots, at a cost that does not grow with the event', async () => {
    const org = await organizer(t);
    const id = await createBigEvent(org);
    await addGeneratedPeople(t, id, 0, 20);
    // A reader in Lisbon: the 07:00 Rome window is 06:00 there, before anyone is asked to meet.
    const reader = await register(t.app, {
      name: 'Ana Costa',
      city: 'Lisbon',
      country: 'PT',
      timeZone: 'Europe/Lisbon',
    });
    const page = as(t.app, reader.sid);
    expect((await page({ method: 'POST', url: `/api/events/${id}/join` })).statusCode).toBe(204);
    await page({
      method: 'PUT',
      url: `/api/events/${id}/unavailable`,
      payload: { slots: ['2027-05-13T15:40'] },
    });

    const get = () => page({ method: 'GET', url: `/api/events/${id}` });
    const small = await get();
    const smallCost = await countConversions(get);
    await addGeneratedPeople(t, id, 20, 1000);
    const big = await get();
    const bigCost = await countConversions(get);

    // The same page but for the count and the cities in the windows table: no one else's slots,
    // no list of people.
    const apartFromCities = (body: Record<string, unknown>) => ({
      ...body,
      participantCount: 0,
      windows: [],
    });
    expect(big.json().participantCount).toBe(1021);
    expect(apartFromCities(big.json())).toEqual(apartFromCities(small.json()));
    const zones = (
      await t.db.rows<{ zone: string }>(
        sql`SELECT DISTINCT time_zone AS zone FROM participants p JOIN event_participants ep ON ep.participant_id = p.id`,
      )
    ).map((r) => r.zone);
    // Zones whose clocks read the same share a column: every participant's reading is there once.
    const w0 = big.json().windows[0];
    const at = typeof w0.start === 'number' ? w0.start : Date.parse(w0.start);
    const reads = (zone: string) => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
    const columns = w0.local.map((l: { date: string; start: string }) => `${l.date} ${l.start}`);
    expect(new Set(columns).size).toBe(columns.length);
    for (const zone of zones) expect(columns).toContain(reads(zone));
    expect(big.json().participants).toBeUndefined();
    expect(big.json().meetings).toBeUndefined();
    const slots = eventSlots(BIG_EVENT);
    const expected = autoUnavailable({ country: 'PT', timeZone: 'Europe/Lisbon' }, slots, []);
    expect(big.json().me).toEqual({
      joined: true,
      unavailable: ['2027-05-13T15:40'],
      auto: Object.fromEntries(expected),
      unplaced: [],
    });
    expect(Object.values(big.json().me.auto)).toContain('ASLEEP');
    // Fifty times more people, the same work (give or take a city's column in the windows table).
    expect(bigCost).toBeLessThan(smallCost * 1.5);
  });

  it('gives organizers everyone’s count of slots they cannot make, working each zone out once', async () => {
    const org = await organizer(t);
    const id = await createBigEvent(org);
    await addGeneratedPeople(t, id, 0, 20);
    const get = () => org.inject({ method: 'GET', url: `/api/events/${id}` });
    const smallCost = await countConversions(get);
    await addGeneratedPeople(t, id, 20, 1000);
    let res: Awaited<ReturnType<typeof get>> | undefined;
    const bigCost = await countConversions(async () => {
      res = await get();
    });
    const people = res!.json().participants as { id: string; unavailable: number; timeZone: string }[];
    expect(people).toHaveLength(1020);

    // Each count is what the person marked plus what their own zone and country rule out.
    const slots = eventSlots(BIG_EVENT);
    const rows = await t.db.rows<{
      id: string;
      marked: string | string[];
      country: string;
      timeZone: string;
    }>(
      sql`SELECT ep.participant_id AS id, ep.unavailable AS marked, p.country, p.time_zone AS "timeZone"
           FROM event_participants ep JOIN participants p ON p.id = ep.participant_id WHERE ep.event_id = ${id}`,
    );
    const expected = new Map(
      rows.map((r) => {
        const auto = autoUnavailable(r, slots, []);
        // SQLite hands JSON back as text, PostgreSQL's jsonb as the value.
        const list = typeof r.marked === 'string' ? (JSON.parse(r.marked) as string[]) : r.marked;
        const marked = list.filter((s) => !auto.has(s));
        return [r.id, auto.size + marked.length];
      }),
    );
    for (const p of people) expect(p.unavailable).toBe(expected.get(p.id));
    expect(new Set(people.map((p) => p.unavailable)).size).toBeGreaterThan(2);
    expect(bigCost).toBeLessThan(smallCost * 2);
  });
});
