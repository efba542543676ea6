/**
 * What ties a meeting request to meetings: the session booked from a request, the accepted
 * request between two people, and the pairs who already have a meeting. Plain queries.
 */
import { and, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from './client';
import type { RequestRow } from './requests.repo';

export interface RequestMeeting {
  requestId: string;
  sessionId: string;
  startAt: number;
  endAt: number;
}

/** The confirmed meeting booked from each of these requests (a request has at most one). */
export async function confirmedMeetingsOf(
  db: Db,
  requestIds: string[],
): Promise<Map<string, RequestMeeting>> {
  if (!requestIds.length) return new Map();
  const { sessions: s } = db.t;
  const rows = await db
    .select({ requestId: s.requestId, sessionId: s.id, startAt: s.startAt, endAt: s.endAt })
    .from(s)
    .where(and(inArray(s.requestId, requestIds), eq(s.status, 'confirmed')))
    .orderBy(desc(s.createdAt));
  const out = new Map<string, RequestMeeting>();
  for (const r of rows)
    if (r.requestId && !out.has(r.requestId)) out.set(r.requestId, { ...r, requestId: r.requestId });
  return out;
}

/** The accepted request joining two people, whichever of them sent it. */
export async function acceptedRequestBetween(db: Db, a: string, b: string): Promise<RequestRow | undefined> {
  const { meetingRequests: r } = db.t;
  const [row] = await db
    .select()
    .from(r)
    .where(
      and(
        eq(r.status, 'accepted'),
        or(and(eq(r.fromId, a), eq(r.toId, b)), and(eq(r.fromId, b), eq(r.toId, a))),
      ),
    )
    .orderBy(desc(r.createdAt))
    .limit(1);
  return row;
}

/**
 * Pairs ("a|b" with a < b) among these people who share a confirmed meeting, past or ahead, other
 * than one published by the given event.
 */
export async function pairsWithMeetings(db: Db, ids: string[], exceptEventId: string): Promise<Set<string>> {
  const pairs = new Set<string>();
  if (ids.length < 2) return pairs;
  const { sessions: s, sessionPeople: p } = db.t;
  const rows = await db
    .select({ sessionId: p.sessionId, participantId: p.participantId })
    .from(p)
    .innerJoin(s, eq(s.id, p.sessionId))
    .where(
      and(
        inArray(p.participantId, ids),
        eq(s.kind, 'meeting'),
        eq(s.status, 'confirmed'),
        or(isNull(s.eventId), ne(s.eventId, exceptEventId)),
      ),
    );
  const bySession = new Map<string, string[]>();
  for (const r of rows) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r.participantId]);
  for (const people of bySession.values()) {
    const sorted = [...people].sort();
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]}|${sorted[j]}`);
  }
  return pairs;
}
