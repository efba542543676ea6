/** Events, who joined them and the meetings to place: plain queries, no decisions. */
import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from './client';
import { eventMeetings, eventParticipants, events, meetingRequests, participants } from './schema';

export type EventRow = typeof events.$inferSelect;
export type EventPersonRow = typeof eventParticipants.$inferSelect;
export type EventMeetingRow = typeof eventMeetings.$inferSelect;

export function insertEvent(db: Db, row: typeof events.$inferInsert): void {
  db.insert(events).values(row).run();
}

export function findEvent(db: Db, id: string): EventRow | undefined {
  return db.select().from(events).where(eq(events.id, id)).get();
}

export function updateEvent(db: Db, id: string, patch: Partial<typeof events.$inferInsert>): void {
  db.update(events).set(patch).where(eq(events.id, id)).run();
}

export function deleteEvent(db: Db, id: string): void {
  db.delete(events).where(eq(events.id, id)).run();
}

/** Every event, soonest first; with the ids of those the person joined. */
export function listEvents(db: Db, participantId: string): { events: EventRow[]; joined: Set<string> } {
  const rows = db.select().from(events).orderBy(desc(events.createdAt)).all();
  const joined = db
    .select({ eventId: eventParticipants.eventId })
    .from(eventParticipants)
    .where(eq(eventParticipants.participantId, participantId))
    .all();
  return { events: rows, joined: new Set(joined.map((j) => j.eventId)) };
}

export function peopleOfEvent(db: Db, eventId: string): EventPersonRow[] {
  return db
    .select()
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.joinedAt))
    .all();
}

export function countPeople(db: Db, eventId: string): number {
  return (
    db.select({ n: count() }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId)).get()
      ?.n ?? 0
  );
}

/** Everyone in an event with what an organizer's list and the scheduler need, in joining order. */
export function peopleCards(db: Db, eventId: string) {
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
    .orderBy(asc(eventParticipants.joinedAt), asc(eventParticipants.participantId))
    .all();
}
export type EventPersonCard = ReturnType<typeof peopleCards>[number];

/** How many of an event's people live in each zone and city. */
export function citiesOfEvent(db: Db, eventId: string): { timeZone: string; city: string; people: number }[] {
  return db
    .select({ timeZone: participants.timeZone, city: participants.city, people: count() })
    .from(eventParticipants)
    .innerJoin(participants, eq(participants.id, eventParticipants.participantId))
    .where(eq(eventParticipants.eventId, eventId))
    .groupBy(participants.timeZone, participants.city)
    .all();
}

/** An event's meetings counted by slot (null: not placed), and how many of each are published. */
export function meetingsPerSlot(
  db: Db,
  eventId: string,
): { slotId: string | null; meetings: number; published: number }[] {
  return db
    .select({ slotId: eventMeetings.slotId, meetings: count(), published: count(eventMeetings.sessionId) })
    .from(eventMeetings)
    .where(eq(eventMeetings.eventId, eventId))
    .groupBy(eventMeetings.slotId)
    .all();
}

export function personInEvent(db: Db, eventId: string, participantId: string): EventPersonRow | undefined {
  return db
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)))
    .get();
}

/** Adds people who are not in yet; returns how many were added. */
export function addPeople(db: Db, eventId: string, ids: string[], now: number): number {
  if (!ids.length) return 0;
  return db
    .insert(eventParticipants)
    .values(ids.map((participantId) => ({ eventId, participantId, unavailable: [], joinedAt: now })))
    .onConflictDoNothing()
    .run().changes;
}

export function removePerson(db: Db, eventId: string, participantId: string): boolean {
  return (
    db
      .delete(eventParticipants)
      .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)))
      .run().changes > 0
  );
}

export function setUnavailable(db: Db, eventId: string, participantId: string, slots: string[]): void {
  db.update(eventParticipants)
    .set({ unavailable: slots })
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.participantId, participantId)))
    .run();
}

export function meetingsOfEvent(db: Db, eventId: string): EventMeetingRow[] {
  return db
    .select()
    .from(eventMeetings)
    .where(eq(eventMeetings.eventId, eventId))
    .orderBy(asc(eventMeetings.createdAt), asc(eventMeetings.id))
    .all();
}

export function meetingsOfPerson(db: Db, eventId: string, participantId: string): EventMeetingRow[] {
  return db
    .select()
    .from(eventMeetings)
    .where(
      and(
        eq(eventMeetings.eventId, eventId),
        or(eq(eventMeetings.aId, participantId), eq(eventMeetings.bId, participantId)),
      ),
    )
    .all();
}

export function findMeeting(db: Db, eventId: string, id: string): EventMeetingRow | undefined {
  return db
    .select()
    .from(eventMeetings)
    .where(and(eq(eventMeetings.eventId, eventId), eq(eventMeetings.id, id)))
    .get();
}

export function insertMeetings(db: Db, rows: (typeof eventMeetings.$inferInsert)[]): void {
  if (rows.length) db.insert(eventMeetings).values(rows).onConflictDoNothing().run();
}

export function updateMeeting(db: Db, id: string, patch: Partial<typeof eventMeetings.$inferInsert>): void {
  db.update(eventMeetings).set(patch).where(eq(eventMeetings.id, id)).run();
}

export function deleteMeeting(db: Db, id: string): void {
  db.delete(eventMeetings).where(eq(eventMeetings.id, id)).run();
}

/** Accepted requests between any two of these people. */
export function acceptedRequestsAmong(db: Db, ids: string[]): { id: string; fromId: string; toId: string }[] {
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
    )
    .all();
}
