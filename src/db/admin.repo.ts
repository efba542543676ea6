/** Whole-programme queries for organizers: everything, counted and listed, no decisions. */
import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { countAll } from './requests.repo';
import type { meetingRequests, sessions } from './schema';

export type RequestRow = typeof meetingRequests.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export function countBy<K extends string>(
  rows: { key: K; n: number }[],
  keys: readonly K[],
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) out[r.key] = Number(r.n);
  return out;
}

/** Comma-separated host ids of a session, in either dialect's words. */
function hostIdsOf(db: Db, sessionId: unknown) {
  const list =
    db.dialect === 'sqlite' ? sql`group_concat(sp.participant_id)` : sql`string_agg(sp.participant_id, ',')`;
  return sql<string>`coalesce((SELECT ${list} FROM session_people sp WHERE sp.session_id = ${sessionId} AND sp.role = 'host'), '')`;
}

export async function participantCounts(db: Db): Promise<{ role: string; country: string; n: number }[]> {
  const { participants: p } = db.t;
  const rows = await db
    .select({ role: p.role, country: p.country, n: countAll })
    .from(p)
    .groupBy(p.role, p.country);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function requestCounts(db: Db): Promise<{ key: RequestRow['status']; n: number }[]> {
  const { meetingRequests: r } = db.t;
  return db.select({ key: r.status, n: countAll }).from(r).groupBy(r.status);
}

/** Confirmed sessions still to come (or under way), by kind. */
export async function upcomingSessionCounts(
  db: Db,
  now: number,
): Promise<{ key: SessionRow['kind']; n: number }[]> {
  const { sessions: s } = db.t;
  return db
    .select({ key: s.kind, n: countAll })
    .from(s)
    .where(and(eq(s.status, 'confirmed'), gte(s.endAt, now)))
    .groupBy(s.kind);
}

export async function countEvents(db: Db): Promise<number> {
  const [row] = await db.select({ n: countAll }).from(db.t.events);
  return Number(row?.n ?? 0);
}

/** What the participants list searches and sorts on, for everyone, without their lists. */
export async function participantIndex(
  db: Db,
): Promise<
  { id: string; name: string; email: string; organisation: string; city: string; country: string }[]
> {
  const { participants: p } = db.t;
  return (
    db
      .select({
        id: p.id,
        name: p.name,
        email: p.email,
        organisation: p.organisation,
        city: p.city,
        country: p.country,
      })
      .from(p)
      // Erased people are tombstones kept for the counts, not people to find.
      .where(isNull(p.erasedAt))
  );
}

/** Requests sent, received and accepted by each of some people, keyed by participant id. */
export async function requestTallies(
  db: Db,
  ids: string[],
): Promise<Map<string, { sent: number; received: number; accepted: number }>> {
  const out = new Map(ids.map((id) => [id, { id, sent: 0, received: 0, accepted: 0 }]));
  if (!ids.length) return out;
  const { meetingRequests: r } = db.t;
  const tally = async (by: typeof r.fromId | typeof r.toId, acceptedOnly: boolean) =>
    db
      .select({ id: by, n: countAll })
      .from(r)
      .where(and(inArray(by, ids), acceptedOnly ? eq(r.status, 'accepted') : undefined))
      .groupBy(by);
  for (const row of await tally(r.fromId, false)) out.get(row.id)!.sent = Number(row.n);
  for (const row of await tally(r.toId, false)) out.get(row.id)!.received = Number(row.n);
  for (const row of [...(await tally(r.fromId, true)), ...(await tally(r.toId, true))]) {
    out.get(row.id)!.accepted += Number(row.n);
  }
  return out;
}

/** Confirmed sessions each of some people is in that have not ended yet. */
export async function upcomingSessionTallies(
  db: Db,
  ids: string[],
  now: number,
): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const { sessionPeople: sp } = db.t;
  const rows = await db
    .select({ id: sp.participantId, n: countAll })
    .from(sp)
    .where(and(inArray(sp.participantId, ids), eq(sp.active, true), gte(sp.endAt, now)))
    .groupBy(sp.participantId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function listRequests(
  db: Db,
  q: { status?: RequestRow['status']; limit: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const { meetingRequests: r } = db.t;
  const where = q.status ? eq(r.status, q.status) : undefined;
  const rows = await db.select().from(r).where(where).orderBy(desc(r.createdAt)).limit(q.limit);
  const [count] = await db.select({ n: countAll }).from(r).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export interface SessionListRow extends SessionRow {
  people: number;
  hosts: string;
}

/**
 * Sessions whose end is at or after `since` (and, with `before`, that start before it), soonest
 * first, with their number of people and host ids (comma-separated).
 */
export async function listSessions(
  db: Db,
  q: {
    kind?: SessionRow['kind'];
    status?: SessionRow['status'];
    since: number;
    before?: number;
    limit: number;
  },
): Promise<{ rows: SessionListRow[]; total: number }> {
  const { sessions: s } = db.t;
  const where = and(
    gte(s.endAt, q.since),
    q.before === undefined ? undefined : lt(s.startAt, q.before),
    q.kind ? eq(s.kind, q.kind) : undefined,
    q.status ? eq(s.status, q.status) : undefined,
  );
  const rows = await db
    .select({
      s,
      people: sql<number>`(SELECT cast(count(*) as integer) FROM session_people sp WHERE sp.session_id = ${s.id})`,
      hosts: hostIdsOf(db, s.id),
    })
    .from(s)
    .where(where)
    .orderBy(s.startAt)
    .limit(q.limit);
  const [count] = await db.select({ n: countAll }).from(s).where(where);
  return {
    rows: rows.map((r) => ({ ...r.s, people: Number(r.people), hosts: r.hosts })),
    total: Number(count?.n ?? 0),
  };
}
