/** Sessions and their people: plain queries, no decisions. */
import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { sessionPeople, sessions } from './schema';

export type SessionRow = typeof sessions.$inferSelect;
export type SessionPersonRow = typeof sessionPeople.$inferSelect;

export function insertSession(
  db: Db,
  row: typeof sessions.$inferInsert,
  people: { id: string; role: 'host' | 'attendee' }[],
): void {
  db.insert(sessions).values(row).run();
  if (people.length) {
    db.insert(sessionPeople)
      .values(
        people.map((p) => ({
          sessionId: row.id,
          participantId: p.id,
          role: p.role,
          startAt: row.startAt,
          endAt: row.endAt,
          active: row.status === 'confirmed',
        })),
      )
      .run();
  }
}

/** Meetings a person booked since an instant: they count against the same daily limit as requests. */
export function countMeetingsBookedSince(db: Db, createdBy: string, since: number): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(
      and(eq(sessions.createdBy, createdBy), eq(sessions.kind, 'meeting'), gt(sessions.createdAt, since)),
    )
    .get()!.n;
}

export function findSession(db: Db, id: string): SessionRow | undefined {
  return db.select().from(sessions).where(eq(sessions.id, id)).get();
}

export function peopleOf(db: Db, sessionId: string): SessionPersonRow[] {
  return prepared(db, 'session.people', () =>
    db
      .select()
      .from(sessionPeople)
      .where(eq(sessionPeople.sessionId, sql.placeholder('sessionId')))
      .prepare(),
  ).all({ sessionId });
}

/** One person's place in a session, without reading the others (a webinar may have thousands). */
export function personIn(db: Db, sessionId: string, participantId: string): SessionPersonRow | undefined {
  return db
    .select()
    .from(sessionPeople)
    .where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.participantId, participantId)))
    .get();
}

export function setPartstat(
  db: Db,
  sessionId: string,
  participantId: string,
  partstat: SessionPersonRow['partstat'],
): void {
  db.update(sessionPeople)
    .set({ partstat })
    .where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.participantId, participantId)))
    .run();
}

export function addPerson(
  db: Db,
  session: SessionRow,
  participantId: string,
  role: 'host' | 'attendee',
): void {
  db.insert(sessionPeople)
    .values({
      sessionId: session.id,
      participantId,
      role,
      startAt: session.startAt,
      endAt: session.endAt,
      active: true,
    })
    .run();
}

/** Confirmed sessions of these people that overlap [start, end), other than `except`. */
export function conflicts(
  db: Db,
  ids: string[],
  start: number,
  end: number,
  except?: string,
): { participantId: string; sessionId: string }[] {
  // Checked inside every booking's write lock: one prepared statement per person keeps it short.
  const q = prepared(db, 'session.conflicts', () =>
    db
      .select({ participantId: sessionPeople.participantId, sessionId: sessionPeople.sessionId })
      .from(sessionPeople)
      .where(
        and(
          eq(sessionPeople.participantId, sql.placeholder('id')),
          eq(sessionPeople.active, true),
          lt(sessionPeople.startAt, sql.placeholder('end')),
          gt(sessionPeople.endAt, sql.placeholder('start')),
          ne(sessionPeople.sessionId, sql.placeholder('except')),
        ),
      )
      .prepare(),
  );
  return [...new Set(ids)].flatMap((id) => q.all({ id, start, end, except: except ?? '' }));
}

export function busyOf(
  db: Db,
  ids: string[],
  from: number,
  to: number,
  except?: string,
): Map<string, { start: number; end: number; sessionId: string }[]> {
  const out = new Map<string, { start: number; end: number; sessionId: string }[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = db
    .select({
      participantId: sessionPeople.participantId,
      sessionId: sessionPeople.sessionId,
      start: sessionPeople.startAt,
      end: sessionPeople.endAt,
    })
    .from(sessionPeople)
    .where(
      and(
        inArray(sessionPeople.participantId, ids),
        eq(sessionPeople.active, true),
        lt(sessionPeople.startAt, to),
        gt(sessionPeople.endAt, from),
        except ? ne(sessionPeople.sessionId, except) : undefined,
      ),
    )
    .all();
  for (const r of rows)
    out.get(r.participantId)!.push({ start: r.start, end: r.end, sessionId: r.sessionId });
  return out;
}

export function reschedule(
  db: Db,
  id: string,
  patch: { startAt: number; endAt: number; title: string; videoUrl: string | null; now: number },
): void {
  db.update(sessions)
    .set({
      startAt: patch.startAt,
      endAt: patch.endAt,
      title: patch.title,
      videoUrl: patch.videoUrl,
      sequence: sql`${sessions.sequence} + 1`,
      updatedAt: patch.now,
    })
    .where(eq(sessions.id, id))
    .run();
  db.update(sessionPeople)
    .set({ startAt: patch.startAt, endAt: patch.endAt })
    .where(eq(sessionPeople.sessionId, id))
    .run();
}

export function cancel(db: Db, id: string, now: number): void {
  db.update(sessions)
    .set({ status: 'cancelled', sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
    .where(eq(sessions.id, id))
    .run();
  db.update(sessionPeople).set({ active: false }).where(eq(sessionPeople.sessionId, id)).run();
}

export function sessionsOf(db: Db, participantId: string, since: number): SessionRow[] {
  return db
    .select({ s: sessions })
    .from(sessionPeople)
    .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
    .where(and(eq(sessionPeople.participantId, participantId), gt(sessions.endAt, since)))
    .orderBy(asc(sessions.startAt))
    .all()
    .map((r) => r.s);
}

export interface WebinarListRow extends SessionRow {
  registrants: number;
  hostIds: string;
  /** The caller's part in it: host, attendee, or null. */
  myRole: 'host' | 'attendee' | null;
}

/** Confirmed webinars that have not ended, soonest first, with their size and the caller's part. */
export function upcomingWebinars(db: Db, now: number, viewerId: string, limit: number): WebinarListRow[] {
  return db
    .select({
      s: sessions,
      registrants: sql<number>`(SELECT count(*) FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.role = 'attendee')`,
      hostIds: sql<string>`coalesce((SELECT group_concat(sp.participant_id) FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.role = 'host'), '')`,
      myRole: sql<
        'host' | 'attendee' | null
      >`(SELECT sp.role FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.participant_id = ${viewerId})`,
    })
    .from(sessions)
    .where(and(eq(sessions.kind, 'webinar'), eq(sessions.status, 'confirmed'), gt(sessions.endAt, now)))
    .orderBy(asc(sessions.startAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.s, registrants: r.registrants, hostIds: r.hostIds, myRole: r.myRole }));
}
