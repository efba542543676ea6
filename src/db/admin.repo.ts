/** Whole-programme queries for organizers: everything, counted and listed, no decisions. */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { events, meetingRequests, participants, sessions } from './schema';

export type RequestRow = typeof meetingRequests.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export function countBy<K extends string>(
  rows: { key: K; n: number }[],
  keys: readonly K[],
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) out[r.key] = r.n;
  return out;
}

export function participantCounts(db: Db): { role: string; country: string; n: number }[] {
  return db
    .select({ role: participants.role, country: participants.country, n: sql<number>`count(*)` })
    .from(participants)
    .groupBy(participants.role, participants.country)
    .all();
}

export function requestCounts(db: Db): { key: RequestRow['status']; n: number }[] {
  return db
    .select({ key: meetingRequests.status, n: sql<number>`count(*)` })
    .from(meetingRequests)
    .groupBy(meetingRequests.status)
    .all();
}

/** Confirmed sessions still to come (or under way), by kind. */
export function upcomingSessionCounts(db: Db, now: number): { key: SessionRow['kind']; n: number }[] {
  return db
    .select({ key: sessions.kind, n: sql<number>`count(*)` })
    .from(sessions)
    .where(and(eq(sessions.status, 'confirmed'), gte(sessions.endAt, now)))
    .groupBy(sessions.kind)
    .all();
}

export function countEvents(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(events).get()?.n ?? 0;
}

/** What the participants list searches and sorts on, for everyone, without their lists. */
export function participantIndex(
  db: Db,
): { id: string; name: string; email: string; organisation: string; city: string; country: string }[] {
  return db
    .select({
      id: participants.id,
      name: participants.name,
      email: participants.email,
      organisation: participants.organisation,
      city: participants.city,
      country: participants.country,
    })
    .from(participants)
    .all();
}

/** Requests sent, received and accepted by each of some people, keyed by participant id. */
export function requestTallies(
  db: Db,
  ids: string[],
): Map<string, { sent: number; received: number; accepted: number }> {
  const rows = db.$client
    .prepare<{ ids: string }, { id: string; sent: number; received: number; accepted: number }>(
      `SELECT p.value AS id,
         (SELECT count(*) FROM meeting_requests WHERE from_id = p.value) AS sent,
         (SELECT count(*) FROM meeting_requests WHERE to_id = p.value) AS received,
         (SELECT count(*) FROM meeting_requests
           WHERE (from_id = p.value OR to_id = p.value) AND status = 'accepted') AS accepted
       FROM json_each(@ids) p`,
    )
    .all({ ids: JSON.stringify(ids) });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Confirmed sessions each of some people is in that have not ended yet. */
export function upcomingSessionTallies(db: Db, ids: string[], now: number): Map<string, number> {
  const rows = db.$client
    .prepare<{ ids: string; now: number }, { id: string; n: number }>(
      `SELECT participant_id AS id, count(*) AS n FROM session_people
       WHERE participant_id IN (SELECT value FROM json_each(@ids)) AND active = 1 AND end_at >= @now
       GROUP BY participant_id`,
    )
    .all({ ids: JSON.stringify(ids), now });
  return new Map(rows.map((r) => [r.id, r.n]));
}

export function listRequests(
  db: Db,
  q: { status?: RequestRow['status']; limit: number },
): { rows: RequestRow[]; total: number } {
  const where = q.status ? eq(meetingRequests.status, q.status) : undefined;
  const rows = db
    .select()
    .from(meetingRequests)
    .where(where)
    .orderBy(desc(meetingRequests.createdAt))
    .limit(q.limit)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(meetingRequests).where(where).get()?.n ?? 0;
  return { rows, total };
}

export interface SessionListRow extends SessionRow {
  people: number;
  hosts: string;
}

/**
 * Sessions whose end is at or after `since` (and, with `before`, that start before it), soonest
 * first, with their number of people and host ids (comma-separated).
 */
export function listSessions(
  db: Db,
  q: {
    kind?: SessionRow['kind'];
    status?: SessionRow['status'];
    since: number;
    before?: number;
    limit: number;
  },
): { rows: SessionListRow[]; total: number } {
  const where = and(
    gte(sessions.endAt, q.since),
    q.before === undefined ? undefined : lt(sessions.startAt, q.before),
    q.kind ? eq(sessions.kind, q.kind) : undefined,
    q.status ? eq(sessions.status, q.status) : undefined,
  );
  const rows = db
    .select({
      s: sessions,
      people: sql<number>`(SELECT count(*) FROM session_people sp WHERE sp.session_id = ${sessions.id})`,
      hosts: sql<string>`coalesce((SELECT group_concat(sp.participant_id) FROM session_people sp WHERE sp.session_id = ${sessions.id} AND sp.role = 'host'), '')`,
    })
    .from(sessions)
    .where(where)
    .orderBy(sessions.startAt)
    .limit(q.limit)
    .all()
    .map((r) => ({ ...r.s, people: r.people, hosts: r.hosts }));
  const total = db.select({ n: sql<number>`count(*)` }).from(sessions).where(where).get()?.n ?? 0;
  return { rows, total };
}
