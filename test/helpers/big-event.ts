/**
 * A matchmaking event of a programme's size, written straight to the database: people from the
 * benchmarks' generated population (twelve European and eight Chinese cities), some slots
 * marked, and meetings between European and Chinese people. People are registered as an
 * organizer's CSV import does (a thousand through the API would take the test's whole time);
 * the event itself is made through the API.
 */
import { randomUUID } from 'node:crypto';
import { generatePopulation } from '../../bench/population';
import * as eventsRepo from '../../src/db/events.repo';
import { as, register, type TestApp } from './app';

/** Three days; the early window is night in Lisbon and Dublin, the late one evening in China. */
export const BIG_EVENT = {
  name: 'Healthy Cities forum',
  timeZone: 'Europe/Rome',
  days: ['2027-05-11', '2027-05-12', '2027-05-13'],
  windows: [
    { start: '07:00', end: '08:00' },
    { start: '09:00', end: '11:00' },
    { start: '14:00', end: '16:00' },
  ],
  slotMinutes: 20,
  breakMinutes: 0,
  parallelLimit: null,
};

export async function organizer(t: TestApp) {
  const { sid, participant } = await register(t.app, {
    email: 'organizer@twinning.test',
    name: 'Programme office',
  });
  return { id: participant.id as string, sid, inject: as(t.app, sid) };
}

export async function createBigEvent(org: Awaited<ReturnType<typeof organizer>>) {
  const res = await org.inject({ method: 'POST', url: '/api/events', payload: BIG_EVENT });
  if (res.statusCode !== 201) throw new Error(`event not created: ${res.body}`);
  return res.json().id as string;
}

/** Adds people `from` … `from + count - 1` of the generated population; every fifth marks two slots. */
export function addGeneratedPeople(t: TestApp, eventId: string, from: number, count: number): string[] {
  const db = t.db.db;
  const ids: string[] = [];
  const now = t.clock();
  db.transaction(() => {
    for (const [i, p] of generatePopulation(from + count, 7)
      .slice(from)
      .entries()) {
      // As an organizer's import registers them (confirmed, with a welcome mail queued).
      const id = t.app.services.participants.insertRegistered(p);
      ids.push(id);
      eventsRepo.addPeople(db, eventId, [id], now);
      if ((from + i) % 5 === 0)
        eventsRepo.setUnavailable(db, eventId, id, ['2027-05-11T09:00', '2027-05-12T10:20']);
    }
  });
  return ids;
}

/** Meetings between the n-th European and Chinese people, each person in about `perPerson`. */
export function addMeetings(t: TestApp, eventId: string, ids: string[], perPerson: number): number {
  const eu = ids.filter((_, i) => i % 2 === 0);
  const cn = ids.filter((_, i) => i % 2 === 1);
  const rows = [];
  const seen = new Set<string>();
  for (let k = 1; k <= perPerson; k++) {
    for (const [i, a] of eu.entries()) {
      const b = cn[(i * 7 + k * 13) % cn.length]!;
      const [x, y] = a < b ? [a, b] : [b, a];
      if (seen.has(`${x}|${y}`)) continue;
      seen.add(`${x}|${y}`);
      rows.push({ id: randomUUID(), eventId, aId: x, bId: y, createdAt: t.clock() });
    }
  }
  for (let i = 0; i < rows.length; i += 500) eventsRepo.insertMeetings(t.db.db, rows.slice(i, i + 500));
  return rows.length;
}
