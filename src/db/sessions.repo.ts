/** Sessions and their people: plain queries, no decisions. */
import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from './client';
import { countAll } from './requests.repo';
import type { sessionPeople, sessions } from './schema';

export type SessionRow = typeof sessions.$inferSelect;
export type SessionPersonRow = typeof sessionPeople.$inferSelect;

export async function insertSession(
  db: Db,
  row: typeof sessions.$inferInsert,
  people: { id: string; role: 'host' | 'attendee'; partstat?: SessionPersonRow['partstat'] }[],
): Promise<void> {
  const { sessions, sessionPeople } = db.t;
  await db.insert(sessions).values(row);
  if (people.length) {
    await db.insert(sessionPeople).values(
      people.map((p) => ({
        sessionId: row.id,
        participantId: p.id,
        role: p.role,
        ...(p.partstat ? { partstat: p.partstat } : {}),
        startAt: row.startAt,
        endAt: row.endAt,
        active: row.status === 'confirmed',
      })),
    );
  }
}

/** Meetings a person booked since an instant: they count against the same daily limit as requests. */
export async function countMeetingsBookedSince(db: Db, createdBy: string, since: number): Promise<number> {
  const { sessions } = db.t;
  const [row] = await db
    .select({ n: countAll })
    .from(sessions)
    .where(
      and(eq(sessions.createdBy, createdBy), eq(sessions.kind, 'meeting'), gt(sessions.createdAt, since)),
    );
  return Number(row?.n ?? 0);
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const { sessions } = db.t;
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row;
}

export async function peopleOf(db: Db, sessionId: string): Promise<SessionPersonRow[]> {
  const { sessionPeople } = db.t;
  return db.select().from(sessionPeople).where(eq(sessionPeople.sessionId, sessionId));
}

/** One person's place in a session, without reading the others (a webinar may have thousands). */
export async function personIn(
  db: Db,
  sessionId: string,
  participantId: string,
): Promise<SessionPersonRow | undefined> {
  const { sessionPeople } = db.t;
  const [row] = await db
    .select()
    .from(sessionPeople)
    .where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.participantId, participantId)))
    .limit(1);
  return row;
}

export async function setPartstat(
  db: Db,
  sessionId: string,
  participantId: string,
  partstat: SessionPersonRow['partstat'],
): Promise<void> {
  const { sessionPeople } = db.t;
  await db
    .update(sessionPeople)
    .set({ partstat })
    .where(and(eq(sessionPeople.sessionId, sessionId), eq(sessionPeople.participantId, participantId)));
}

export async function addPerson(
  db: Db,
  session: SessionRow,
  participantId: string,
  role: 'host' | 'attendee',
  /** Someone who joins by their own hand (registering for a webinar) has answered yes already. */
  partstat: 'NEEDS-ACTION' | 'ACCEPTED' = 'NEEDS-ACTION',
): Promise<void> {
  await db.insert(db.t.sessionPeople).values({
    sessionId: session.id,
    participantId,
    role,
    partstat,
    startAt: session.startAt,
    endAt: session.endAt,
    active: true,
  });
}

/** Confirmed sessions of these people that overlap [start, end), other than `except`. */
export async function conflicts(
  db: Db,
  ids: string[],
  start: number,
  end: number,
  /** Sessions that do not count: the one being moved, or all of an event's that move together. */
  except?: string | readonly string[],
): Promise<{ participantId: string; sessionId: string }[]> {
  if (!ids.length) return [];
  const { sessionPeople: sp } = db.t;
  const ignored = new Set(except === undefined ? [] : typeof except === 'string' ? [except] : except);
  // The few sessions of these people at that time, less the ignored ones here rather than in the
  // query: a publish ignores an event's thousand sessions, and a list that long in SQL costs each
  // check milliseconds.
  const found = await db
    .select({ participantId: sp.participantId, sessionId: sp.sessionId })
    .from(sp)
    .where(
      and(
        inArray(sp.participantId, [...new Set(ids)]),
        eq(sp.active, true),
        lt(sp.startAt, end),
        gt(sp.endAt, start),
      ),
    );
  return found.filter((c) => !ignored.has(c.sessionId));
}

/**
 * For the rest of the calling transaction, PostgreSQL's double-booking guard judges the result at
 * commit rather than each statement (see drizzle/pg/0011): for a transaction that moves several
 * sessions whose intermediate states may overlap. SQLite has no such guard to defer.
 */
export async function judgeOverlapsAtCommit(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await db.rows(sql`SET CONSTRAINTS session_people_no_overlap DEFERRED`);
}

export async function busyOf(
  db: Db,
  ids: string[],
  from: number,
  to: number,
  except?: string,
): Promise<Map<string, { start: number; end: number; sessionId: string }[]>> {
  const out = new Map<string, { start: number; end: number; sessionId: string }[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const { sessionPeople: sp } = db.t;
  const rows = await db
    .select({ participantId: sp.participantId, sessionId: sp.sessionId, start: sp.startAt, end: sp.endAt })
    .from(sp)
    .where(
      and(
        inArray(sp.participantId, ids),
        eq(sp.active, true),
        lt(sp.startAt, to),
        gt(sp.endAt, from),
        except ? ne(sp.sessionId, except) : undefined,
      ),
    );
  for (const r of rows)
    out.get(r.participantId)!.push({ start: r.start, end: r.end, sessionId: r.sessionId });
  return out;
}

export async function reschedule(
  db: Db,
  id: string,
  patch: { startAt: number; endAt: number; title: string; videoUrl: string | null; now: number },
): Promise<void> {
  const { sessions, sessionPeople } = db.t;
  await db
    .update(sessions)
    .set({
      startAt: patch.startAt,
      endAt: patch.endAt,
      title: patch.title,
      videoUrl: patch.videoUrl,
      sequence: sql`${sessions.sequence} + 1`,
      updatedAt: patch.now,
    })
    .where(eq(sessions.id, id));
  await db
    .update(sessionPeople)
    .set({ startAt: patch.startAt, endAt: patch.endAt })
    .where(eq(sessionPeople.sessionId, id));
}

/**
 * A session at a new time asks its people again: every answer goes back to NEEDS-ACTION, except
 * those who chose the time (`choosers`: who moved it, who proposed it), who accepted it by that.
 */
export async function askAgain(db: Db, id: string, choosers: string[]): Promise<void> {
  const { sessionPeople } = db.t;
  await db.update(sessionPeople).set({ partstat: 'NEEDS-ACTION' }).where(eq(sessionPeople.sessionId, id));
  if (choosers.length) {
    await db
      .update(sessionPeople)
      .set({ partstat: 'ACCEPTED' })
      .where(and(eq(sessionPeople.sessionId, id), inArray(sessionPeople.participantId, choosers)));
  }
}

export async function cancel(db: Db, id: string, now: number): Promise<void> {
  const { sessions, sessionPeople } = db.t;
  await db
    .update(sessions)
    .set({ status: 'cancelled', sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
    .where(eq(sessions.id, id));
  await db.update(sessionPeople).set({ active: false }).where(eq(sessionPeople.sessionId, id));
}

export async function sessionsOf(
  db: Db,
  participantId: string,
  since: number,
  before?: number,
): Promise<SessionRow[]> {
  const { sessions, sessionPeople } = db.t;
  const rows = await db
    .select({ s: sessions })
    .from(sessionPeople)
    .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
    .where(
      and(
        eq(sessionPeople.participantId, participantId),
        gt(sessions.endAt, since),
        before === undefined ? undefined : lt(sessions.startAt, before),
      ),
    )
    .orderBy(asc(sessions.startAt));
  return rows.map((r) => r.s);
}

export interface WebinarListRow extends SessionRow {
  registrants: number;
  hostIds: string;
  /** The caller's part in it: host, attendee, or null. */
  myRole: 'host' | 'attendee' | null;
}

/** Confirmed webinars that have not ended, soonest first, with their size and the caller's part. */
export async function upcomingWebinars(
  db: Db,
  now: number,
  viewerId: string,
  limit: number,
): Promise<WebinarListRow[]> {
  const { sessions } = db.t;
  const hostList =
    db.dialect === 'sqlite' ? sql`group_concat(sp.participant_id)` : sql`string_agg(sp.participant_id, ',')`;
  const rows = await db
    .select({
      s: sessions,
      registrants: sql<number>`(SELECT cast(count(*) as integer) FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.role = 'attendee')`,
      hostIds: sql<string>`coalesce((SELECT ${hostList} FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.role = 'host'), '')`,
      myRole: sql<
        'host' | 'attendee' | null
      >`(SELECT sp.role FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.participant_id = ${viewerId})`,
    })
    .from(sessions)
    .where(and(eq(sessions.kind, 'webinar'), eq(sessions.status, 'confirmed'), gt(sessions.endAt, now)))
    .orderBy(asc(sessions.startAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r.s,
    registrants: Number(r.registrants),
    hostIds: r.hostIds,
    myRole: r.myRole,
  }));
}
