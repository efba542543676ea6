/** Events, who joined them and the meetings to place: plain queries, no decisions. */
import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from './client';
import type { eventMeetings, eventParticipants, events } from './schema';

export type EventRow = typeof events.$inferSelect;
export type EventPersonRow = typeof eventParticipants.$inferSelect;
export type EventMeetingRow = typeof eventMeetings.$inferSelect;

export async function insertEvent(db: Db, row: typeof events.$inferInsert): Promise<void> {
  const { events } = db.t;
  await db.insert(events).values(row);
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  const { events } = db.t;
  const [row] = await db.select().from(events).where(eq(events.id, id)).limit(1);
  return row;
}

export async function updateEvent(
  db: Db,
  id: string,
  patch: Partial<typeof events.$inferInsert>,
): Promise<void> {
  const { events } = db.t;
  await db.update(events).set(patch).where(eq(events.id, id));
}

export async function deleteEvent(db: Db, id: string): Promise<void> {
  const { events } = db.t;
  await db.delete(events).where(eq(events.id, id));
}

/** Every event, soonest first; with the ids of those the person joined. */
export async function listEvents(
  db: Db,
  participantId: string,
): Promise<{ events: EventRow[]; joined: Set<string> }> {
  const { eventParticipants, events } = db.t;
  const rows = await db.select().from(events).orderBy(desc(events.createdAt));
  const joined = await db
    .select({ eventId: eventParticipants.eventId })
    .from(eventParticipants)
    .where(eq(eventParticipants.participantId, participantId));
  return { events: rows, joined: new Set(joined.map((j) => j.eventId)) };
}

export async function peopleOfEvent(db: Db, eventId: string): Promise<EventPersonRow[]> {
  const { eventParticipants } = db.t;
  return db
    .select()
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.joinedAt));
}

export async function countPeople(db: Db, eventId: string): Promise<number> {
  const { eventParticipants } = db.t;
  const [row] = await db
    .select({ n: count() })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId));
  return Number(row?.n ?? 0);
}

/** Everyone in an event with what an organizer's list and the scheduler need, in joining order. */
export async function peopleCards(db: Db, eventId: string) {
  const { eventParticipants, participants } = db.t;
  return db
    .select({
      id: participants.id,
      name: participants.name,
      email: participants.email,
      organisation: participants.organisation,
      city: participants.city,
      country: participants.country,
      side: participants.side,
      timeZone: participants.timeZone,
      marked: eventParticipants.unavailable,
    })
    .from(eventParticipants)
    .innerJoin(participants, eq(participants.id, eventParticipants.participantId))
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.joinedAt), asc(eventParticipants.participantId));
}
export type EventPersonCard = Awaited<ReturnType<typeof peopleCards>>[number];

/** How many of an event's people live in each zone and city. */
export async function citiesOfEvent(
  db: Db,
  eventId: string,
): Promise<{ timeZone: string; city: string; people: number }[]> {
  const { eventParticipants, participants } = db.t;
  return db
    .select({ timeZone: participants.timeZone, city: participants.city, people: count() })
    .from(eventParticipants)
    .innerJoin(participants, eq(participants.id, eventParticipants.participantId))
    .where(eq(eventParticipants.eventId, eventId))
    .groupBy(participants.timeZone, participants.city);
}

/** An event's meetings counted by slot (null: not placed), and how many of each are published. */
export async function meetingsPerSlot(
  db: Db,
  eventId: string,
): Promise<{ slotId: string | null; meetings: number; published: number }[]> {
  const { eventMeetings } = db.t;
  return db
    .select({ slotId: eventMeetings.slotId, meetings: count(), published: count(eventMeetings.sessionId) })
    .from(eventMeetings)
    .where(eq(eventMeetings.eventId, eventId))
    .groupBy(eventMeetings.slotId);
}

export async function personInEvent(
  db: Db,
  eventId: string,
  participantId: string,
): Promise<EventPersonRow | undefined> {
  const { eventParticipants } = db.t;
  const [row] = await db
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)))
    .limit(1);
  return row;
}

/** Adds people who are not in yet; returns how many were added. */
export async function addPeople(db: Db, eventId: string, ids: string[], now: number): Promise<number> {
  const { eventParticipants } = db.t;
  if (!ids.length) return 0;
  const rows = await db
    .insert(eventParticipants)
    .values(ids.map((participantId) => ({ eventId, participantId, unavailable: [], joinedAt: now })))
    .onConflictDoNothing()
    .returning({ id: eventParticipants.participantId });
  return rows.length;
}

export async function removePerson(db: Db, eventId: string, participantId: string): Promise<boolean> {
  const { eventParticipants } = db.t;
  const rows = await db
    .delete(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)))
    .returning({ id: eventParticipants.participantId });
  return rows.length > 0;
}

export async function setUnavailable(
  db: Db,
  eventId: string,
  participantId: string,
  slots: string[],
): Promise<void> {
  const { eventParticipants } = db.t;
  await db
    .update(eventParticipants)
    .set({ unavailable: slots })
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)));
}

export async function meetingsOfEvent(db: Db, eventId: string): Promise<EventMeetingRow[]> {
  const { eventMeetings } = db.t;
  return db
    .select()
    .from(eventMeetings)
    .where(eq(eventMeetings.eventId, eventId))
    .orderBy(asc(eventMeetings.createdAt), asc(eventMeetings.id));
}

/** Some of an event's meetings, by id, as they are now (those no longer in the event left out). */
export async function meetingsById(
  db: Db,
  eventId: string,
  ids: readonly string[],
): Promise<EventMeetingRow[]> {
  if (!ids.length) return [];
  const { eventMeetings } = db.t;
  return db
    .select()
    .from(eventMeetings)
    .where(and(eq(eventMeetings.eventId, eventId), inArray(eventMeetings.id, [...ids])))
    .orderBy(asc(eventMeetings.createdAt), asc(eventMeetings.id));
}

/**
 * When each of an event's published meetings starts as published: the start of its session, for
 * sessions still on (a cancelled one is no longer published), by meeting id.
 */
export async function publishedStarts(db: Db, eventId: string): Promise<Map<string, number>> {
  return new Map([...(await publishedSpans(db, eventId))].map(([id, span]) => [id, span.start]));
}

/** Where each of an event's published meetings is as published: its session's times, by meeting id. */
export async function publishedSpans(
  db: Db,
  eventId: string,
): Promise<Map<string, { start: number; end: number }>> {
  const { eventMeetings, sessions } = db.t;
  const rows = await db
    .select({ id: eventMeetings.id, start: sessions.startAt, end: sessions.endAt })
    .from(eventMeetings)
    .innerJoin(sessions, eq(sessions.id, eventMeetings.sessionId))
    .where(and(eq(eventMeetings.eventId, eventId), eq(sessions.status, 'confirmed')));
  return new Map(rows.map((r) => [r.id, { start: Number(r.start), end: Number(r.end) }]));
}

export async function meetingsOfPerson(
  db: Db,
  eventId: string,
  participantId: string,
): Promise<EventMeetingRow[]> {
  const { eventMeetings } = db.t;
  return db
    .select()
    .from(eventMeetings)
    .where(
      and(
        eq(eventMeetings.eventId, eventId),
        or(eq(eventMeetings.aId, participantId), eq(eventMeetings.bId, participantId)),
      ),
    );
}

export async function findMeeting(db: Db, eventId: string, id: string): Promise<EventMeetingRow | undefined> {
  const { eventMeetings } = db.t;
  const [row] = await db
    .select()
    .from(eventMeetings)
    .where(and(eq(eventMeetings.eventId, eventId), eq(eventMeetings.id, id)))
    .limit(1);
  return row;
}

export async function insertMeetings(db: Db, rows: (typeof eventMeetings.$inferInsert)[]): Promise<void> {
  const { eventMeetings } = db.t;
  // In slices: PostgreSQL takes at most 65,535 parameters in one statement.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(eventMeetings)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
}

export async function updateMeeting(
  db: Db,
  id: string,
  patch: Partial<typeof eventMeetings.$inferInsert>,
): Promise<void> {
  const { eventMeetings } = db.t;
  await db.update(eventMeetings).set(patch).where(eq(eventMeetings.id, id));
}

/**
 * The event meeting whose published session its people cancelled is set aside: out of its slot,
 * no longer linked to the session, marked CANCELLED, so that neither the scheduler nor a new
 * publishing books it again unless an organizer places it.
 */
export async function setAsideMeetingOf(db: Db, sessionId: string): Promise<void> {
  const { eventMeetings } = db.t;
  await db
    .update(eventMeetings)
    .set({ slotId: null, locked: false, sessionId: null, reason: 'CANCELLED' })
    .where(eq(eventMeetings.sessionId, sessionId));
}

export async function deleteMeeting(db: Db, id: string): Promise<void> {
  const { eventMeetings } = db.t;
  await db.delete(eventMeetings).where(eq(eventMeetings.id, id));
}

/** Accepted requests between any two of these people. */
export async function acceptedRequestsAmong(
  db: Db,
  ids: string[],
): Promise<{ id: string; fromId: string; toId: string }[]> {
  const { meetingRequests } = db.t;
  if (ids.length < 2) return [];
  return db
    .select({ id: meetingRequests.id, fromId: meetingRequests.fromId, toId: meetingRequests.toId })
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.status, 'accepted'),
        inArray(meetingRequests.fromId, ids),
        inArray(meetingRequests.toId, ids),
      ),
    );
}
