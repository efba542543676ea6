/** Lobby attendance, chat and live status: plain queries, no decisions. */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { lobbyAttendance, lobbyChat, sessions } from './schema';

export type AttendanceRow = typeof lobbyAttendance.$inferSelect;
export type ChatRow = typeof lobbyChat.$inferSelect;

// The writes below run once per arrival, admission, departure and chat line: thousands in a
// large webinar's first minute, so they are prepared once.

export function insertStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  admitted: boolean,
): void {
  prepared(db, 'lobby.insertStay', () =>
    db
      .insert(lobbyAttendance)
      .values({
        sessionId: sql.placeholder('sessionId'),
        participantId: sql.placeholder('participantId'),
        joinedAt: sql.placeholder('at'),
        admittedAt: sql.placeholder('admittedAt'),
      })
      .prepare(),
  ).run({ sessionId, participantId, at, admittedAt: admitted ? at : null });
}

const openStay = and(
  eq(lobbyAttendance.sessionId, sql.placeholder('sessionId')),
  eq(lobbyAttendance.participantId, sql.placeholder('participantId')),
  isNull(lobbyAttendance.leftAt),
);

export function markAdmitted(db: Db, sessionId: string, participantId: string, at: number): void {
  prepared(db, 'lobby.markAdmitted', () =>
    db
      .update(lobbyAttendance)
      .set({ admittedAt: sql`${sql.placeholder('at')}` })
      .where(openStay)
      .prepare(),
  ).run({ sessionId, participantId, at });
}

export function endStay(
  db: Db,
  sessionId: string,
  participantId: string,
  at: number,
  removed: boolean,
): void {
  prepared(db, 'lobby.endStay', () =>
    db
      .update(lobbyAttendance)
      .set({
        leftAt: sql`${sql.placeholder('at')}`,
        removedAt: sql`coalesce(${sql.placeholder('removedAt')}, ${lobbyAttendance.removedAt})`,
      })
      .where(openStay)
      .prepare(),
  ).run({ sessionId, participantId, at, removedAt: removed ? at : null });
}

/** Stays left open by a process that stopped without closing them end when it starts again. */
export function endOpenStays(db: Db, at: number): number {
  return db.update(lobbyAttendance).set({ leftAt: at }).where(isNull(lobbyAttendance.leftAt)).run().changes;
}

export function insertChat(db: Db, row: ChatRow): void {
  prepared(db, 'lobby.insertChat', () =>
    db
      .insert(lobbyChat)
      .values({
        id: sql.placeholder('id'),
        sessionId: sql.placeholder('sessionId'),
        participantId: sql.placeholder('participantId'),
        fromName: sql.placeholder('fromName'),
        text: sql.placeholder('text'),
        at: sql.placeholder('at'),
      })
      .prepare(),
  ).run(row);
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
