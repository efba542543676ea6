/**
 * The demo's calendar, relative to the clock at seeding, so that a first start shows the product at
 * work: a meeting booked in the coming days, one going on now with its lobby open, a webinar ahead,
 * and the matchmaking event's schedule published. Rows are written directly (no invites are mailed:
 * nobody asked for them), shaped as the services shape theirs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { calendarUnavailable, type EventSlot } from '../domain/event';
import { addDays, DAY_MS, instantOf, localDate, MINUTE_MS, weekdayOf } from '../domain/time';
import type { Db } from './client';
import { insertSession } from './sessions.repo';

type SessionInsert = Parameters<typeof insertSession>[1];
export interface DemoPersonRef {
  id: string;
  email: string;
  country: string;
  timeZone: string;
  organisation: string;
}

function sessionRow(
  fields: Pick<SessionInsert, 'kind' | 'title' | 'startAt' | 'endAt' | 'createdBy'> &
    Partial<Pick<SessionInsert, 'description' | 'requestId' | 'eventId' | 'liveAt'>>,
  now: number,
): SessionInsert {
  const id = randomUUID();
  return {
    id,
    status: 'confirmed',
    sequence: 0,
    uid: `${id}@twinning`,
    videoRoom: randomBytes(16).toString('hex'),
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** The first Monday-to-Friday date after today in a zone, at a clock time there. */
function nextWorkingDayAt(now: number, zone: string, minutes: number): number {
  let day = addDays(localDate(now, zone), 1);
  while (weekdayOf(day) > 5) day = addDays(day, 1);
  return instantOf(day, minutes, zone);
}

async function setPartstat(db: Db, sessionId: string, participantId: string): Promise<void> {
  const { sessionPeople } = db.t;
  await db
    .update(sessionPeople)
    .set({ partstat: 'ACCEPTED' })
    .where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.participantId, participantId)));
}

/**
 * Sessions for the people the demo's sign-in list puts first: Lucía in Granada, Li Na in Kunming,
 * and Giulia in Rome hosting a webinar. Does nothing for people it cannot find.
 */
export async function seedDemoSessions(db: Db, now: number, people: DemoPersonRef[]): Promise<void> {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const lucia = byEmail.get('lucia.fernandez@pts-granada.example');
  const liNa = byEmail.get('li.na@kangmei-demo.example');
  const javier = byEmail.get('javier.molina@ongranada.example');
  const giulia = byEmail.get('giulia.conti@smartcitylab-roma.example');
  if (!lucia || !liNa || !javier || !giulia) return;

  // Booked in the coming days from an accepted request: 09:30 in Granada is afternoon in Kunming.
  const requestId = randomUUID();
  await db.insert(db.t.meetingRequests).values({
    id: requestId,
    fromId: lucia.id,
    toId: liNa.id,
    message: 'We would like to share how the science park advises on health-city design.',
    status: 'accepted',
    createdAt: now - 2 * DAY_MS,
    respondedAt: now - DAY_MS,
    expiresAt: now + 12 * DAY_MS,
  });
  const bookedStart = nextWorkingDayAt(now, 'Europe/Madrid', 9 * 60 + 30);
  const booked = sessionRow(
    {
      kind: 'meeting',
      title: `${lucia.organisation} · ${liNa.organisation}`,
      description: 'Health-city design: what Granada’s science park learnt, and a pilot in Kunming.',
      startAt: bookedStart,
      endAt: bookedStart + 30 * MINUTE_MS,
      createdBy: lucia.id,
      requestId,
    },
    now,
  );
  await insertSession(db, booked, [
    { id: lucia.id, role: 'host' },
    { id: liNa.id, role: 'host' },
  ]);
  // The one who booked has accepted; the other still has to answer.
  await setPartstat(db, booked.id, lucia.id);

  // Going on now: started ten minutes ago (on a five-minute mark), its lobby open to walk into.
  const liveStart = Math.floor(now / (5 * MINUTE_MS)) * 5 * MINUTE_MS - 10 * MINUTE_MS;
  const live = sessionRow(
    {
      kind: 'meeting',
      title: 'Granada–Kunming biotech forum: preparation',
      description: 'Agenda: dates of the forum, speakers from each city, the soft-landing offer.',
      startAt: liveStart,
      endAt: liveStart + 45 * MINUTE_MS,
      createdBy: javier.id,
      liveAt: liveStart,
    },
    now,
  );
  await insertSession(db, live, [
    { id: javier.id, role: 'host' },
    { id: lucia.id, role: 'host' },
    { id: liNa.id, role: 'host' },
  ]);
  for (const p of [javier, lucia, liNa]) await setPartstat(db, live.id, p.id);

  // A webinar about a week ahead, at 10:00 in Rome (afternoon in China), with a few registered.
  const webinarStart = nextWorkingDayAt(now + 5 * DAY_MS, 'Europe/Rome', 10 * 60);
  const webinar = sessionRow(
    {
      kind: 'webinar',
      title: 'Smart City Lab: the Europe–Asia research and innovation platform',
      description:
        'How researchers, small firms, start-ups and investors of the six cities use the platform, with time for questions.',
      startAt: webinarStart,
      endAt: webinarStart + 60 * MINUTE_MS,
      createdBy: giulia.id,
    },
    now,
  );
  const audience = people.filter((p) => p.id !== giulia.id && p.email !== 'organizer@iuc-demo.example');
  await insertSession(db, webinar, [
    { id: giulia.id, role: 'host' },
    ...[lucia, liNa, ...audience.filter((p) => p.id !== lucia.id && p.id !== liNa.id).slice(0, 6)].map(
      (p) => ({ id: p.id, role: 'attendee' as const }),
    ),
  ]);
}

/**
 * Places an event's meetings the simple way (first slot both people can make, within the room
 * limit) and publishes them as sessions: the demo opens on a published schedule, which an
 * organizer can still run again and republish.
 */
export async function publishDemoSchedule(
  db: Db,
  now: number,
  event: { id: string; name: string; parallelLimit: number | null; organizer: string | null },
  slots: EventSlot[],
  people: Map<string, DemoPersonRef>,
  pairs: { requestId: string; aId: string; bId: string }[],
): Promise<void> {
  const { eventMeetings, events } = db.t;
  const taken = new Map<string, Set<string>>(); // person → slot ids
  const inSlot = new Map<string, number>();
  for (const pair of pairs) {
    const a = people.get(pair.aId);
    const b = people.get(pair.bId);
    if (!a || !b) continue;
    const away = [calendarUnavailable(a, slots), calendarUnavailable(b, slots)];
    const slot = slots.find(
      (s) =>
        !away.some((u) => u.has(s.id)) &&
        !taken.get(a.id)?.has(s.id) &&
        !taken.get(b.id)?.has(s.id) &&
        (event.parallelLimit === null || (inSlot.get(s.id) ?? 0) < event.parallelLimit),
    );
    let sessionId: string | null = null;
    if (slot) {
      for (const p of [a, b]) taken.set(p.id, (taken.get(p.id) ?? new Set()).add(slot.id));
      inSlot.set(slot.id, (inSlot.get(slot.id) ?? 0) + 1);
      const row = sessionRow(
        {
          kind: 'meeting',
          title: `${event.name}: ${a.organisation} · ${b.organisation}`.slice(0, 200),
          startAt: slot.start,
          endAt: slot.end,
          createdBy: event.organizer,
          eventId: event.id,
        },
        now,
      );
      await insertSession(db, row, [
        { id: a.id, role: 'host' },
        { id: b.id, role: 'host' },
      ]);
      sessionId = row.id;
    }
    const [aId, bId] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    await db.insert(eventMeetings).values({
      id: randomUUID(),
      eventId: event.id,
      aId,
      bId,
      requestId: pair.requestId,
      slotId: slot?.id ?? null,
      reason: slot ? null : 'PEOPLE_FULL',
      sessionId,
      createdAt: now,
    });
  }
  await db.update(events).set({ scheduledAt: now, publishedAt: now }).where(eq(events.id, event.id));
}
