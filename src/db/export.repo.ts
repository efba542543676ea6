/** The rows held about one person, for their own export; decides nothing about what to show. */
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Db } from './client';

export async function requestsInvolving(db: Db, id: string) {
  const r = db.t.meetingRequests;
  return await db
    .select()
    .from(r)
    .where(or(eq(r.fromId, id), eq(r.toId, id)))
    .orderBy(asc(r.createdAt), asc(r.id));
}

/** The sessions the person is in, with their own place in each. */
export async function sessionsOf(db: Db, id: string) {
  const { sessions, sessionPeople } = db.t;
  return await db
    .select({
      session: sessions,
      role: sessionPeople.role,
      partstat: sessionPeople.partstat,
      active: sessionPeople.active,
    })
    .from(sessionPeople)
    .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
    .where(eq(sessionPeople.participantId, id))
    .orderBy(asc(sessions.startAt), asc(sessions.id));
}

/** The other people of the given sessions. */
export async function othersIn(db: Db, sessionIds: string[], id: string) {
  if (!sessionIds.length) return [];
  const sp = db.t.sessionPeople;
  return await db
    .select({ sessionId: sp.sessionId, participantId: sp.participantId, role: sp.role, active: sp.active })
    .from(sp)
    .where(and(inArray(sp.sessionId, sessionIds), ne(sp.participantId, id)));
}

export async function chatLinesBy(db: Db, id: string) {
  const c = db.t.lobbyChat;
  return await db
    .select({ id: c.id, sessionId: c.sessionId, text: c.text, at: c.at })
    .from(c)
    .where(eq(c.participantId, id))
    .orderBy(asc(c.at), asc(c.id));
}

export async function staysOf(db: Db, id: string) {
  const a = db.t.lobbyAttendance;
  return await db
    .select({
      sessionId: a.sessionId,
      joinedAt: a.joinedAt,
      admittedAt: a.admittedAt,
      leftAt: a.leftAt,
      removedAt: a.removedAt,
    })
    .from(a)
    .where(eq(a.participantId, id))
    .orderBy(asc(a.joinedAt), asc(a.id));
}

export async function eventsJoinedBy(db: Db, id: string) {
  const { events, eventParticipants } = db.t;
  return await db
    .select({
      eventId: events.id,
      name: events.name,
      unavailable: eventParticipants.unavailable,
      joinedAt: eventParticipants.joinedAt,
    })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .where(eq(eventParticipants.participantId, id))
    .orderBy(asc(eventParticipants.joinedAt), asc(events.id));
}

/** Mails addressed to the person: by their id, or to their address before an id was attached. */
export async function mailsTo(db: Db, id: string, address: string) {
  const o = db.t.outbox;
  return await db
    .select({
      kind: o.kind,
      toAddress: o.toAddress,
      subject: o.subject,
      text: o.text,
      status: o.status,
      createdAt: o.createdAt,
      sentAt: o.sentAt,
      sessionId: o.sessionId,
    })
    .from(o)
    .where(or(eq(o.participantId, id), eq(o.toAddress, address)))
    .orderBy(asc(o.createdAt), asc(o.id));
}

/** The person's logins, without the secret's hash: when they began, until when, from what browser. */
export async function loginsOf(db: Db, id: string) {
  const l = db.t.logins;
  return await db
    .select({ createdAt: l.createdAt, expiresAt: l.expiresAt, userAgent: l.userAgent })
    .from(l)
    .where(eq(l.participantId, id))
    .orderBy(asc(l.createdAt));
}

/** Whom the person chose not to see. */
export async function hiddenBy(db: Db, id: string) {
  const h = db.t.hiddenParticipants;
  return await db
    .select({ hiddenId: h.hiddenId, createdAt: h.createdAt })
    .from(h)
    .where(eq(h.participantId, id))
    .orderBy(asc(h.createdAt));
}
