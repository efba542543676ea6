/** Calendar answers received by mail, and the other times proposed through them. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import type { calendarReplies, sessionProposals } from './schema';

export type CalendarReplyRow = typeof calendarReplies.$inferSelect;
export type ProposalRow = typeof sessionProposals.$inferSelect;

export async function findReply(db: Db, messageKey: string): Promise<CalendarReplyRow | undefined> {
  const { calendarReplies } = db.t;
  const [row] = await db
    .select()
    .from(calendarReplies)
    .where(eq(calendarReplies.messageKey, messageKey))
    .limit(1);
  return row;
}

/** The latest answer by mail of one person for one session (by the client's DTSTAMP). */
export async function latestReply(
  db: Db,
  sessionId: string,
  participantId: string,
): Promise<CalendarReplyRow | undefined> {
  const { calendarReplies } = db.t;
  const [row] = await db
    .select()
    .from(calendarReplies)
    .where(and(eq(calendarReplies.sessionId, sessionId), eq(calendarReplies.participantId, participantId)))
    .orderBy(desc(calendarReplies.stampedAt))
    .limit(1);
  return row;
}

export async function insertReply(db: Db, row: CalendarReplyRow): Promise<void> {
  const { calendarReplies } = db.t;
  await db.insert(calendarReplies).values(row).onConflictDoNothing();
}

export async function insertProposal(db: Db, row: ProposalRow): Promise<void> {
  const { sessionProposals } = db.t;
  await db.insert(sessionProposals).values(row);
}

export async function proposalsOf(db: Db, sessionId: string): Promise<ProposalRow[]> {
  const { sessionProposals } = db.t;
  return await db
    .select()
    .from(sessionProposals)
    .where(eq(sessionProposals.sessionId, sessionId))
    .orderBy(asc(sessionProposals.createdAt));
}

export async function findProposal(db: Db, sessionId: string, id: string): Promise<ProposalRow | undefined> {
  const { sessionProposals } = db.t;
  const [row] = await db
    .select()
    .from(sessionProposals)
    .where(and(eq(sessionProposals.sessionId, sessionId), eq(sessionProposals.id, id)))
    .limit(1);
  return row;
}

export async function decideProposal(
  db: Db,
  id: string,
  status: 'accepted' | 'declined',
  now: number,
): Promise<void> {
  const { sessionProposals } = db.t;
  await db.update(sessionProposals).set({ status, decidedAt: now }).where(eq(sessionProposals.id, id));
}
