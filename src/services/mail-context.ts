/**
 * What the mails around a meeting share: each recipient's contact and the others of their
 * session, loaded in a few queries for many sessions at once.
 */
import * as repo from '../db/after-meeting.repo';
import type { Db } from '../db/client';

export type Contact = Awaited<ReturnType<typeof repo.contactsOf>>[number];
export type SessionRecord = Awaited<ReturnType<typeof repo.sessionsWithPeople>>['sessions'][number];

export interface MailContext {
  session(id: string): SessionRecord | undefined;
  contact(id: string): Contact | undefined;
  /**
   * Whom a recipient meets: everyone else at a meeting; the hosts at a webinar (an attendee is
   * not told of the other attendees, nor a host of them all).
   */
  othersOf(sessionId: string, participantId: string): Contact[];
}

export async function loadMailContext(
  db: Db,
  sessionIds: string[],
  recipientIds: string[],
): Promise<MailContext> {
  const { sessions, people } = await repo.sessionsWithPeople(db, sessionIds);
  const bySession = new Map<string, typeof people>();
  for (const p of people) {
    const list = bySession.get(p.sessionId) ?? [];
    list.push(p);
    bySession.set(p.sessionId, list);
  }
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const needed = people.filter((p) => sessionById.get(p.sessionId)?.kind === 'meeting' || p.role === 'host');
  const contacts = new Map(
    (await repo.contactsOf(db, [...recipientIds, ...needed.map((p) => p.participantId)])).map((c) => [
      c.id,
      c,
    ]),
  );
  return {
    session: (id) => sessionById.get(id),
    contact: (id) => contacts.get(id),
    othersOf(sessionId, participantId) {
      const s = sessionById.get(sessionId);
      return (bySession.get(sessionId) ?? [])
        .filter((p) => p.participantId !== participantId && (s?.kind === 'meeting' || p.role === 'host'))
        .flatMap((p) => contacts.get(p.participantId) ?? []);
    },
  };
}
