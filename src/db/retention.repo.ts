/** The deletions of the retention job: each takes a cutoff instant and removes what is older. */
import { and, eq, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from './client';

/** Chat lines said before the cutoff; returns how many went. */
export async function deleteChatBefore(db: Db, cutoff: number): Promise<number> {
  const c = db.t.lobbyChat;
  const rows = await db.delete(c).where(lt(c.at, cutoff)).returning({ id: c.id });
  return rows.length;
}

/**
 * Bodies (text, HTML, calendar) of mails sent, or given up on, before the cutoff. The row stays:
 * to whom, what kind, when, and its Message-ID, so that delivery can still be accounted for.
 */
export async function clearMailBodiesBefore(db: Db, cutoff: number): Promise<number> {
  const o = db.t.outbox;
  const rows = await db
    .update(o)
    .set({ text: '', html: '', ical: null })
    .where(
      and(
        or(eq(o.status, 'sent'), eq(o.status, 'failed')),
        lt(sql`coalesce(${o.sentAt}, ${o.createdAt})`, cutoff),
        or(ne(o.text, ''), ne(o.html, ''), isNotNull(o.ical)),
      ),
    )
    .returning({ id: o.id });
  return rows.length;
}

/**
 * Attendance details before the cutoff: each person's comings and goings in one session become a
 * single stay from their first arrival to their last departure (let in when first let in, removed
 * if ever removed). Present or absent, when they came and left, stay for the reports; the minutes
 * in between and the number of visits do not. Returns how many stays were folded away.
 */
export async function foldStaysBefore(db: Db, cutoff: number): Promise<number> {
  const a = db.t.lobbyAttendance;
  const groups = await db
    .select({
      sessionId: a.sessionId,
      participantId: a.participantId,
      joinedAt: sql<number>`min(${a.joinedAt})`,
      admittedAt: sql<number | null>`min(${a.admittedAt})`,
      leftAt: sql<number>`max(${a.leftAt})`,
      removedAt: sql<number | null>`max(${a.removedAt})`,
      n: sql<number>`count(*)`,
    })
    .from(a)
    .groupBy(a.sessionId, a.participantId)
    .having(sql`count(*) > 1 AND count(${a.leftAt}) = count(*) AND max(${a.leftAt}) < ${cutoff}`);
  let folded = 0;
  for (const g of groups) {
    await db.delete(a).where(and(eq(a.sessionId, g.sessionId), eq(a.participantId, g.participantId)));
    await db.insert(a).values({
      sessionId: g.sessionId,
      participantId: g.participantId,
      joinedAt: Number(g.joinedAt),
      admittedAt: g.admittedAt === null ? null : Number(g.admittedAt),
      leftAt: Number(g.leftAt),
      removedAt: g.removedAt === null ? null : Number(g.removedAt),
    });
    folded += Number(g.n) - 1;
  }
  return folded;
}
