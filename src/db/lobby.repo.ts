/** Lobby attendance, chat and live status: plain queries, no decisions. */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { lobbyAttendance, lobbyChat, sessions } from './schema';

export type AttendanceRow = typeof lobbyAttendance.$inferSelect;
export type ChatRow = typeof lobbyChat.$inferSelect;

export function insertStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  admitted: boolean,
): void {
  db.insert(lobbyAttendance)
    .values({ sessionId, participantId, joinedAt: at, admittedAt: admitted ? at : null })
    .run();
}

const openStay = (sessionId: string, participantId: string) =>
  and(
    eq(lobbyAttendance.sessionId, sessionId),
    eq(lobbyAttendance.participantId, participantId),
    isNull(lobbyAttendance.leftAt),
  );

export function markAdmitted(db: Db, sessionId: string, participantId: string, at: number): void {
  db.update(lobbyAttendance).set({ admittedAt: at }).where(openStay(sessionId, participantId)).run();
}

export function endStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  removed: boolean,
): void {
  db.update(lobbyAttendance)
    .set({ leftAt: at, ...(removed ? { removedAt: at } : {}) })
    .where(openStay(sessionId, participantId))
    .run();
}

/** Stays left open by a process that stopped without closing them end when it starts again. */
export function endOpenStays(db: Db, at: number): number {
  return db.update(lobbyAttendance).set({ leftAt: at }).where(isNull(lobbyAttendance.leftAt)).run().changes;
}

export function insertChat(db: Db, row: ChatRow): void {
  db.insert(lobbyChat).values(row).run();
}

export function recentChat(db: Db, sessionId: string, limit: number): ChatRow[] {
  return db
    .select()
    .from(lobbyChat)
    .where(eq(lobbyChat.sessionId, sessionId))
    .orderBy(desc(lobbyChat.at), desc(lobbyChat.id))
    .limit(limit)
    .all()
    .reverse();
}

/** People let in (or removed) at some point of this session's lobby. */
export function idsWith(db: Db, sessionId: string, column: 'admittedAt' | 'removedAt'): string[] {
  return db
    .selectDistinct({ id: lobbyAttendance.participantId })
    .from(lobbyAttendance)
    .where(and(eq(lobbyAttendance.sessionId, sessionId), isNotNull(lobbyAttendance[column])))
    .all()
    .map((r) => r.id);
}

export function wasRemoved(db: Db, sessionId: string, participantId: string): boolean {
  return !!db
    .select({ id: lobbyAttendance.id })
    .from(lobbyAttendance)
    .where(
      and(
        eq(lobbyAttendance.sessionId, sessionId),
        eq(lobbyAttendance.participantId, participantId),
        isNotNull(lobbyAttendance.removedAt),
      ),
    )
    .get();
}

export function setLive(db: Db, sessionId: string, field: 'liveAt' | 'endedAt', at: number): void {
  db.update(sessions)
    .set({ [field]: at })
    .where(eq(sessions.id, sessionId))
    .run();
}

export function staysOf(db: Db, sessionId: string): AttendanceRow[] {
  return db
    .select()
    .from(lobbyAttendance)
    .where(eq(lobbyAttendance.sessionId, sessionId))
    .orderBy(lobbyAttendance.joinedAt, lobbyAttendance.id)
    .all();
}
