/** Meeting requests and hidden people: plain queries, no decisions. */
import { and, desc, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { hiddenParticipants, meetingRequests } from './schema';

export type RequestRow = typeof meetingRequests.$inferSelect;
export type RequestStatus = RequestRow['status'];

export function insertRequest(db: Db, row: typeof meetingRequests.$inferInsert): void {
  db.insert(meetingRequests).values(row).run();
}

export function findRequest(db: Db, id: string): RequestRow | undefined {
  return db.select().from(meetingRequests).where(eq(meetingRequests.id, id)).get();
}

/** Marks every pending request whose time is up as expired; returns how many. */
export function expireDue(db: Db, now: number): number {
  return db
    .update(meetingRequests)
    .set({ status: 'expired', respondedAt: sql`${meetingRequests.expiresAt}` })
    .where(and(eq(meetingRequests.status, 'pending'), lte(meetingRequests.expiresAt, now)))
    .run().changes;
}

export function setStatus(db: Db, id: string, status: RequestStatus, now: number): boolean {
  return (
    db
      .update(meetingRequests)
      .set({ status, respondedAt: now })
      .where(and(eq(meetingRequests.id, id), eq(meetingRequests.status, 'pending')))
      .run().changes === 1
  );
}

export function openRequestBetween(db: Db, fromId: string, toId: string): RequestRow | undefined {
  return db
    .select()
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.fromId, fromId),
        eq(meetingRequests.toId, toId),
        eq(meetingRequests.status, 'pending'),
      ),
    )
    .get();
}

/** Whether an accepted request joins the two people, whichever of them sent it. */
export function acceptedBetween(db: Db, a: string, b: string): boolean {
  return (
    db
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
      .get() !== undefined
  );
}

export function countSentSince(db: Db, fromId: string, since: number): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(meetingRequests)
    .where(and(eq(meetingRequests.fromId, fromId), gt(meetingRequests.createdAt, since)))
    .get()!.n;
}

export function requestsOf(
  db: Db,
  participantId: string,
): { incoming: RequestRow[]; outgoing: RequestRow[] } {
  return {
    incoming: db
      .select()
      .from(meetingRequests)
      .where(eq(meetingRequests.toId, participantId))
      .orderBy(desc(meetingRequests.createdAt))
      .all(),
    outgoing: db
      .select()
      .from(meetingRequests)
      .where(eq(meetingRequests.fromId, participantId))
      .orderBy(desc(meetingRequests.createdAt))
      .all(),
  };
}

/**
 * The latest request either way between one person and each of some others. Prepared once, with
 * the ids as one JSON parameter: the match list asks this on every page view.
 */
export function latestRequestsWith(
  db: Db,
  me: string,
  others: string[],
): Pick<RequestRow, 'id' | 'fromId' | 'toId' | 'status' | 'expiresAt'>[] {
  if (!others.length) return [];
  const stmt = prepared(db, 'requests.latestWith', () =>
    db.$client.prepare<
      { me: string; others: string },
      Pick<RequestRow, 'id' | 'fromId' | 'toId' | 'status' | 'expiresAt'>
    >(
      `SELECT id, from_id AS fromId, to_id AS toId, status, expires_at AS expiresAt FROM meeting_requests
       WHERE (from_id = @me AND to_id IN (SELECT value FROM json_each(@others)))
          OR (to_id = @me AND from_id IN (SELECT value FROM json_each(@others)))
       ORDER BY created_at DESC`,
    ),
  );
  return stmt.all({ me, others: JSON.stringify(others) });
}

export function hide(db: Db, participantId: string, hiddenId: string, now: number): void {
  db.insert(hiddenParticipants)
    .values({ participantId, hiddenId, createdAt: now })
    .onConflictDoNothing()
    .run();
}

export function unhide(db: Db, participantId: string, hiddenId: string): boolean {
  return (
    db
      .delete(hiddenParticipants)
      .where(
        and(eq(hiddenParticipants.participantId, participantId), eq(hiddenParticipants.hiddenId, hiddenId)),
      )
      .run().changes > 0
  );
}

export function hiddenBy(db: Db, participantId: string): string[] {
  const stmt = prepared(db, 'hidden.by', () =>
    db.$client
      .prepare<[string], string>('SELECT hidden_id FROM hidden_participants WHERE participant_id = ?')
      .pluck(),
  );
  return stmt.all(participantId);
}

/** Who hid this person. */
export function whoHid(db: Db, participantId: string): string[] {
  const stmt = prepared(db, 'hidden.who', () =>
    db.$client
      .prepare<[string], string>('SELECT participant_id FROM hidden_participants WHERE hidden_id = ?')
      .pluck(),
  );
  return stmt.all(participantId);
}

export function isHiddenBy(db: Db, ownerId: string, hiddenId: string): boolean {
  return !!prepared(db, 'hidden.isHiddenBy', () =>
    db
      .select({ id: hiddenParticipants.hiddenId })
      .from(hiddenParticipants)
      .where(
        and(
          eq(hiddenParticipants.participantId, sql.placeholder('ownerId')),
          eq(hiddenParticipants.hiddenId, sql.placeholder('hiddenId')),
        ),
      )
      .prepare(),
  ).get({ ownerId, hiddenId });
}
