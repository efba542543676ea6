/** Meeting requests and hidden people: plain queries, no decisions. */
import { and, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { meetingRequests } from './schema';

export type RequestRow = typeof meetingRequests.$inferSelect;
export type RequestStatus = RequestRow['status'];

/** count(*) as a number on both databases (PostgreSQL's bigint would arrive as a string). */
export const countAll = sql<number>`cast(count(*) as integer)`;

export async function insertRequest(db: Db, row: typeof meetingRequests.$inferInsert): Promise<void> {
  await db.insert(db.t.meetingRequests).values(row);
}

export async function findRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  const { meetingRequests } = db.t;
  const [row] = await db.select().from(meetingRequests).where(eq(meetingRequests.id, id)).limit(1);
  return row;
}

/** Marks every pending request whose time is up as expired; returns how many. */
export async function expireDue(db: Db, now: number): Promise<number> {
  const { meetingRequests } = db.t;
  const rows = await db
    .update(meetingRequests)
    .set({ status: 'expired', respondedAt: sql`${meetingRequests.expiresAt}` })
    .where(and(eq(meetingRequests.status, 'pending'), lte(meetingRequests.expiresAt, now)))
    .returning({ id: meetingRequests.id });
  return rows.length;
}

export async function setStatus(db: Db, id: string, status: RequestStatus, now: number): Promise<boolean> {
  const { meetingRequests } = db.t;
  const rows = await db
    .update(meetingRequests)
    .set({ status, respondedAt: now })
    .where(and(eq(meetingRequests.id, id), eq(meetingRequests.status, 'pending')))
    .returning({ id: meetingRequests.id });
  return rows.length === 1;
}

export async function openRequestBetween(
  db: Db,
  fromId: string,
  toId: string,
): Promise<RequestRow | undefined> {
  const { meetingRequests } = db.t;
  const [row] = await db
    .select()
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.fromId, fromId),
        eq(meetingRequests.toId, toId),
        eq(meetingRequests.status, 'pending'),
      ),
    )
    .limit(1);
  return row;
}

/** Whether an accepted request joins the two people, whichever of them sent it. */
export async function acceptedBetween(db: Db, a: string, b: string): Promise<boolean> {
  const { meetingRequests } = db.t;
  const rows = await db
    .select({ id: meetingRequests.id })
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.status, 'accepted'),
        or(
          and(eq(meetingRequests.fromId, a), eq(meetingRequests.toId, b)),
          and(eq(meetingRequests.fromId, b), eq(meetingRequests.toId, a)),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function countSentSince(db: Db, fromId: string, since: number): Promise<number> {
  const { meetingRequests } = db.t;
  const [row] = await db
    .select({ n: countAll })
    .from(meetingRequests)
    .where(and(eq(meetingRequests.fromId, fromId), gt(meetingRequests.createdAt, since)));
  return Number(row?.n ?? 0);
}

export async function requestsOf(
  db: Db,
  participantId: string,
): Promise<{ incoming: RequestRow[]; outgoing: RequestRow[] }> {
  const { meetingRequests } = db.t;
  return {
    incoming: await db
      .select()
      .from(meetingRequests)
      .where(eq(meetingRequests.toId, participantId))
      .orderBy(desc(meetingRequests.createdAt)),
    outgoing: await db
      .select()
      .from(meetingRequests)
      .where(eq(meetingRequests.fromId, participantId))
      .orderBy(desc(meetingRequests.createdAt)),
  };
}

/** The latest request either way between one person and each of some others. */
export async function latestRequestsWith(
  db: Db,
  me: string,
  others: string[],
): Promise<Pick<RequestRow, 'id' | 'fromId' | 'toId' | 'status' | 'expiresAt'>[]> {
  if (!others.length) return [];
  const { meetingRequests: r } = db.t;
  return db
    .select({ id: r.id, fromId: r.fromId, toId: r.toId, status: r.status, expiresAt: r.expiresAt })
    .from(r)
    .where(or(and(eq(r.fromId, me), inArray(r.toId, others)), and(eq(r.toId, me), inArray(r.fromId, others))))
    .orderBy(desc(r.createdAt));
}

export async function hide(db: Db, participantId: string, hiddenId: string, now: number): Promise<void> {
  await db
    .insert(db.t.hiddenParticipants)
    .values({ participantId, hiddenId, createdAt: now })
    .onConflictDoNothing();
}

export async function unhide(db: Db, participantId: string, hiddenId: string): Promise<boolean> {
  const { hiddenParticipants: h } = db.t;
  const rows = await db
    .delete(h)
    .where(and(eq(h.participantId, participantId), eq(h.hiddenId, hiddenId)))
    .returning({ id: h.hiddenId });
  return rows.length > 0;
}

export async function hiddenBy(db: Db, participantId: string): Promise<string[]> {
  const { hiddenParticipants: h } = db.t;
  const rows = await db.select({ id: h.hiddenId }).from(h).where(eq(h.participantId, participantId));
  return rows.map((r) => r.id);
}

/** Who hid this person. */
export async function whoHid(db: Db, participantId: string): Promise<string[]> {
  const { hiddenParticipants: h } = db.t;
  const rows = await db.select({ id: h.participantId }).from(h).where(eq(h.hiddenId, participantId));
  return rows.map((r) => r.id);
}

export async function isHiddenBy(db: Db, ownerId: string, hiddenId: string): Promise<boolean> {
  const { hiddenParticipants: h } = db.t;
  const rows = await db
    .select({ id: h.hiddenId })
    .from(h)
    .where(and(eq(h.participantId, ownerId), eq(h.hiddenId, hiddenId)))
    .limit(1);
  return rows.length > 0;
}
