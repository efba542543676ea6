/**
 * The writes that erase one person, table by table; the erasure service decides their order. The
 * participant row itself stays as a tombstone (id, side, city, country, role, dates) so that the
 * programme's counts and reports keep their numbers; everything that names them or that they wrote
 * is deleted or blanked.
 */
import { and, eq, gt, inArray, isNull, like, lte, ne, notExists, or, sql } from 'drizzle-orm';
import type { Db } from './client';

export async function isErased(db: Db, id: string): Promise<boolean> {
  const { participants: p } = db.t;
  const [row] = await db.select({ erasedAt: p.erasedAt }).from(p).where(eq(p.id, id)).limit(1);
  return row?.erasedAt != null;
}

/** The person's sessions that have not ended yet and are not cancelled, with their part in each. */
export async function openSessionsOf(db: Db, id: string, now: number) {
  const { sessions: s, sessionPeople: sp } = db.t;
  return await db
    .select({
      id: s.id,
      kind: s.kind,
      startAt: s.startAt,
      endAt: s.endAt,
      liveAt: s.liveAt,
      endedAt: s.endedAt,
      role: sp.role,
    })
    .from(sp)
    .innerJoin(s, eq(s.id, sp.sessionId))
    .where(and(eq(sp.participantId, id), eq(s.status, 'confirmed'), gt(s.endAt, now)));
}

/** Hosts of a session other than `id`, still in it. */
export async function otherHosts(db: Db, sessionId: string, id: string): Promise<number> {
  const sp = db.t.sessionPeople;
  const rows = await db
    .select({ id: sp.participantId })
    .from(sp)
    .where(
      and(eq(sp.sessionId, sessionId), eq(sp.role, 'host'), ne(sp.participantId, id), eq(sp.active, true)),
    );
  return rows.length;
}

/** Takes the person off a session that has not happened: its invites and feed no longer list them. */
export async function leaveSession(db: Db, sessionId: string, id: string): Promise<void> {
  const sp = db.t.sessionPeople;
  await db.delete(sp).where(and(eq(sp.sessionId, sessionId), eq(sp.participantId, id)));
}

/** Open requests from or to the person become withdrawn; returns how many. */
export async function withdrawOpenRequests(db: Db, id: string, now: number): Promise<number> {
  const r = db.t.meetingRequests;
  const rows = await db
    .update(r)
    .set({ status: 'withdrawn', respondedAt: now })
    .where(and(eq(r.status, 'pending'), or(eq(r.fromId, id), eq(r.toId, id))))
    .returning({ id: r.id });
  return rows.length;
}

/**
 * Everything of the person's but the tombstone: logins and sign-in links (they stop at once),
 * profile lists, whom they hid and who hid them, their event entries and unplaced event meetings,
 * the text of their requests, notes, chat lines and proposed times, and their calendar answers.
 */
export async function deletePersonalRows(db: Db, id: string, now: number): Promise<void> {
  const t = db.t;
  await db.delete(t.logins).where(eq(t.logins.participantId, id));
  await db.delete(t.signInTokens).where(eq(t.signInTokens.participantId, id));
  await db.delete(t.participantLanguages).where(eq(t.participantLanguages.participantId, id));
  await db.delete(t.participantSectors).where(eq(t.participantSectors.participantId, id));
  await db.delete(t.participantInterests).where(eq(t.participantInterests.participantId, id));
  await db.delete(t.workingHours).where(eq(t.workingHours.participantId, id));
  await db
    .delete(t.hiddenParticipants)
    .where(or(eq(t.hiddenParticipants.participantId, id), eq(t.hiddenParticipants.hiddenId, id)));
  await db.delete(t.eventParticipants).where(eq(t.eventParticipants.participantId, id));
  // Event meetings not yet held leave the schedule; those that became past sessions stay counted.
  const em = t.eventMeetings;
  const held = db
    .select({ id: t.sessions.id })
    .from(t.sessions)
    .where(and(eq(t.sessions.id, em.sessionId), lte(t.sessions.startAt, now)));
  await db.delete(em).where(and(or(eq(em.aId, id), eq(em.bId, id)), notExists(held)));
  // What they wrote: the messages of their requests (the request and its status stay counted).
  await db.update(t.meetingRequests).set({ message: '' }).where(eq(t.meetingRequests.fromId, id));
  // Outcome notes go; the result and stage stay, unsigned, for the impact report.
  await db
    .update(t.sessionOutcomes)
    .set({ note: '', stageNote: '' })
    .where(eq(t.sessionOutcomes.participantId, id));
  // Times they proposed from their calendar, with the comment they wrote, and the record of their
  // calendar answers: neither is counted anywhere.
  await db.delete(t.sessionProposals).where(eq(t.sessionProposals.participantId, id));
  await db.delete(t.calendarReplies).where(eq(t.calendarReplies.participantId, id));
  await deleteChatOf(db, id);
}

export async function deleteChatOf(db: Db, id: string): Promise<void> {
  const c = db.t.lobbyChat;
  await db.delete(c).where(eq(c.participantId, id));
}

/**
 * Mail: what was addressed to them goes (bodies, address, name). Mail to others that named them or
 * their address keeps its row (it was delivered) but loses its body; a not yet sent one is dropped,
 * since it is about something the erasure just undid (a request, a booking).
 */
export async function eraseMail(db: Db, id: string, name: string, email: string): Promise<void> {
  const o = db.t.outbox;
  await db.delete(o).where(or(eq(o.participantId, id), eq(o.toAddress, email)));
  const mentions = or(
    like(o.subject, `%${escapeLike(name)}%`),
    like(o.text, `%${escapeLike(name)}%`),
    like(o.html, `%${escapeLike(name)}%`),
    like(o.text, `%${escapeLike(email)}%`),
    like(o.ical, `%${escapeLike(email)}%`),
  );
  await db.delete(o).where(and(eq(o.status, 'pending'), mentions));
  await db
    .update(o)
    .set({ subject: '', text: '', html: '', ical: null })
    .where(and(ne(o.status, 'pending'), ne(o.status, 'sending'), mentions));
}

/** LIKE's own characters taken literally (both databases' default escape is a backslash). */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The tombstone: no name, address, organisation, bio (nor its translation) or feed secret; out of every list and match.
 * Side, city and country stay, since reports count meetings by city pair.
 */
export async function makeTombstone(db: Db, id: string, now: number): Promise<void> {
  const p = db.t.participants;
  await db
    .update(p)
    .set({
      name: '',
      email: '',
      organisation: '',
      bio: '',
      bioTranslation: '',
      bioTranslationLanguage: null,
      calendarSalt: null,
      calendarTokenHash: null,
      visible: false,
      erasedAt: now,
      version: sql`${p.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(p.id, id), isNull(p.erasedAt)));
}

/** Ids of the given people who were erased: for lists that must show them as former participants. */
export async function erasedAmong(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const p = db.t.participants;
  const rows = await db
    .select({ id: p.id })
    .from(p)
    .where(and(inArray(p.id, ids), sql`${p.erasedAt} IS NOT NULL`));
  return new Set(rows.map((r) => r.id));
}
