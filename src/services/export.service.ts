/**
 * Everything held about one person, for them to take away (the GDPR's and PIPL's right of access).
 * Other people appear only by their public fields, never by their address: the export is the
 * caller's data, and another person's contact details are not.
 */
import * as repo from '../db/export.repo';
import * as participantsRepo from '../db/participants.repo';
import { DomainError } from '../domain/errors';
import type { ServiceContext } from './context';
import { toWorkingHoursInput } from './participants.service';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** How someone else appears in a person's export: what any signed-in person may see of them. */
function other(p: participantsRepo.ParticipantRecord | undefined, id: string) {
  return p
    ? { id: p.id, name: p.name, organisation: p.organisation, city: p.city, country: p.country }
    : { id, name: null, organisation: null, city: null, country: null };
}

export function createExportService(ctx: ServiceContext) {
  const { db } = ctx;

  return {
    async of(id: string) {
      const me = await participantsRepo.loadParticipant(db, id);
      if (!me) throw new DomainError('PARTICIPANT_NOT_FOUND');
      const [requests, sessions, chat, stays, events, mails, logins, hidden] = await Promise.all([
        repo.requestsInvolving(db, id),
        repo.sessionsOf(db, id),
        repo.chatLinesBy(db, id),
        repo.staysOf(db, id),
        repo.eventsJoinedBy(db, id),
        repo.mailsTo(db, id, me.email),
        repo.loginsOf(db, id),
        repo.hiddenBy(db, id),
      ]);
      const people = await repo.othersIn(
        db,
        sessions.map((s) => s.session.id),
        id,
      );
      const others = new Map(
        (
          await participantsRepo.loadParticipants(db, [
            ...new Set([
              ...requests.flatMap((r) => [r.fromId, r.toId]),
              ...people.map((p) => p.participantId),
              ...hidden.map((h) => h.hiddenId),
            ]),
          ])
        ).map((p) => [p.id, p]),
      );
      return {
        exportedAt: iso(ctx.clock()),
        profile: {
          id: me.id,
          name: me.name,
          email: me.email,
          organisation: me.organisation,
          city: me.city,
          country: me.country,
          side: me.side,
          timeZone: me.timeZone,
          languages: me.languages,
          sectors: me.sectors,
          offers: me.offers,
          seeks: me.seeks,
          bio: me.bio,
          bioTranslation: me.bioTranslation,
          bioTranslationLanguage: me.bioTranslationLanguage,
          workingHours: toWorkingHoursInput(me),
          locale: me.locale,
          role: me.role,
          visible: me.visible,
          confirmed: me.confirmedAt !== null,
          confirmedAt: iso(me.confirmedAt),
          createdAt: iso(me.createdAt),
          updatedAt: iso(me.updatedAt),
        },
        meetingRequests: {
          sent: requests
            .filter((r) => r.fromId === id)
            .map((r) => ({
              id: r.id,
              to: other(others.get(r.toId), r.toId),
              message: r.message,
              status: r.status,
              createdAt: iso(r.createdAt),
              respondedAt: iso(r.respondedAt),
              expiresAt: iso(r.expiresAt),
            })),
          received: requests
            .filter((r) => r.toId === id)
            .map((r) => ({
              id: r.id,
              from: other(others.get(r.fromId), r.fromId),
              message: r.message,
              status: r.status,
              createdAt: iso(r.createdAt),
              respondedAt: iso(r.respondedAt),
              expiresAt: iso(r.expiresAt),
            })),
        },
        hiddenPeople: hidden.map((h) => ({
          ...other(others.get(h.hiddenId), h.hiddenId),
          hiddenAt: iso(h.createdAt),
        })),
        logins: logins.map((l) => ({
          createdAt: iso(l.createdAt),
          expiresAt: iso(l.expiresAt),
          userAgent: l.userAgent,
        })),
        sessions: sessions.map(({ session: s, role, partstat, active }) => ({
          id: s.id,
          kind: s.kind,
          title: s.title,
          description: s.description,
          start: iso(s.startAt),
          end: iso(s.endAt),
          status: s.status,
          role,
          answer: partstat,
          // False when the person was taken off the session (an organizer's change).
          stillIn: active,
          bookedByYou: s.createdBy === id,
          others: people
            .filter((p) => p.sessionId === s.id)
            .map((p) => ({ ...other(others.get(p.participantId), p.participantId), role: p.role })),
          createdAt: iso(s.createdAt),
        })),
        lobbyChat: chat.map((c) => ({ id: c.id, sessionId: c.sessionId, text: c.text, at: iso(c.at) })),
        lobbyAttendance: stays.map((a) => ({
          sessionId: a.sessionId,
          joinedAt: iso(a.joinedAt),
          admittedAt: iso(a.admittedAt),
          leftAt: iso(a.leftAt),
          removedAt: iso(a.removedAt),
        })),
        events: events.map((e) => ({
          id: e.eventId,
          name: e.name,
          joinedAt: iso(e.joinedAt),
          unavailableSlots: e.unavailable,
        })),
        mails: mails.map((m) => ({
          kind: m.kind,
          to: m.toAddress,
          subject: m.subject,
          text: m.text,
          status: m.status,
          sessionId: m.sessionId,
          createdAt: iso(m.createdAt),
          sentAt: iso(m.sentAt),
        })),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
