/** Lobby attendance, chat and live status: plain queries, no decisions. */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from './client';
import type { lobbyAttendance, lobbyChat } from './schema';

export type AttendanceRow = typeof lobbyAttendance.$inferSelect;
export type ChatRow = typeof lobbyChat.$inferSelect;

export async function insertStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  admitted: boolean,
): Promise<void> {
  await db
    .insert(db.t.lobbyAttendance)
    .values({ sessionId, participantId, joinedAt: at, admittedAt: admitted ? at : null });
}

function openStay(db: Db, sessionId: string, participantId: string) {
  const { lobbyAttendance: a } = db.t;
  return and(eq(a.sessionId, sessionId), eq(a.participantId, participantId), isNull(a.leftAt));
}

export async function markAdmitted(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
): Promise<void> {
  await db
    .update(db.t.lobbyAttendance)
    .set({ admittedAt: at })
    .where(openStay(db, sessionId, participantId));
}

export async function endStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  removed: boolean,
): Promise<void> {
  const { lobbyAttendance: a } = db.t;
  await db
    .update(a)
    .set({ leftAt: at, ...(removed ? { removedAt: at } : {}) })
    .where(openStay(db, sessionId, participantId));
}

/** Stays left open by a process that stopped without closing them end when it starts again. */
export async function endOpenStays(db: Db, at: number): Promise<number> {
  const { lobbyAttendance: a } = db.t;
  const rows = await db.update(a).set({ leftAt: at }).where(isNull(a.leftAt)).returning({ id: a.id });
  return rows.length;
}

/** One session's open stays end: a lobby room is being built again, with nobody in it yet. */
export async function endOpenStaysOf(db: Db, sessionId: string, at: number): Promise<number> {
  const { lobbyAttendance: a } = db.t;
  const rows = await db
    .update(a)
    .set({ leftAt: at })
    .where(and(eq(a.sessionId, sessionId), isNull(a.leftAt)))
    .returning({ id: a.id });
  return rows.length;
}

export async function sessionsWithOpenStays(db: Db): Promise<string[]> {
  const { lobbyAttendance: a } = db.t;
  const rows = await db.selectDistinct({ id: a.sessionId }).from(a).where(isNull(a.leftAt));
  return rows.map((r) => r.id);
}

export async function insertChat(db: Db, row: ChatRow): Promise<void> {
  await db.insert(db.t.lobbyChat).values(row);
}

export async function recentChat(db: Db, sessionId: string, limit: number): Promise<ChatRow[]> {
  const { lobbyChat: c } = db.t;
  const rows = await db
    .select()
    .from(c)
    .where(eq(c.sessionId, sessionId))
    .orderBy(desc(c.at), desc(c.id))
    .limit(limit);
  return rows.reverse();
}

/** People let in (or removed) at some point of this session's lobby. */
export async function idsWith(
  db: Db,
  sessionId: string,
  column: 'admittedAt' | 'removedAt',
): Promise<string[]> {
  const { lobbyAttendance: a } = db.t;
  const rows = await db
    .selectDistinct({ id: a.participantId })
    .from(a)
    .where(and(eq(a.sessionId, sessionId), isNotNull(a[column])));
  return rows.map((r) => r.id);
}

export async function wasRemoved(db: Db, sessionId: string, participantId: string): Promise<boolean> {
  const { lobbyAttendance: a } = db.t;
  const rows = await db
    .select({ id: a.id })
    .from(a)
    .where(and(eq(a.sessionId, sessionId), eq(a.participantId, participantId), isNotNull(a.removedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function setLive(
  db: Db,
  sessionId: string,
  field: 'liveAt' | 'endedAt',
  at: number,
): Promise<void> {
  const { sessions } = db.t;
  await db
    .update(sessions)
    .set({ [field]: at })
    .where(eq(sessions.id, sessionId));
}

export async function staysOf(db: Db, sessionId: string): Promise<AttendanceRow[]> {
  const { lobbyAttendance: a } = db.t;
  return db.select().from(a).where(eq(a.sessionId, sessionId)).orderBy(a.joinedAt, a.id);
}
