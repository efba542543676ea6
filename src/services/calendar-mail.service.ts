/**
 * What calendar clients mail back to an invite's ORGANIZER (RFC 5546 iTIP over RFC 6047 iMIP):
 * a REPLY becomes the person's answer, exactly as the mailed Accept link records it; a COUNTER
 * (another time proposed) waits on the session page for a host to accept (a reschedule) or
 * decline. An answer is believed only through the reply address given to that person for that
 * session, from that person, about that session's UID, not older than the session's SEQUENCE.
 * Whatever fails a check changes nothing and is told back as a reason, for the log.
 */
import { randomUUID } from 'node:crypto';
import * as mailRepo from '../db/calendar-mail.repo';
import * as participantsRepo from '../db/participants.repo';
import * as sessionsRepo from '../db/sessions.repo';
import { DomainError } from '../domain/errors';
import { MINUTE_MS, toUtcIso } from '../domain/time';
import { ItipError, type ItipMessage, parseItip } from '../mail/inbound/itip';
import { type ServiceContext, write } from './context';
import { createReplyAddresses } from './reply-addresses';
import { sha256 } from './secrets';
import type { SessionsService, SessionView } from './sessions.service';

/** A received message, as the listener (SMTP or IMAP) hands it over. */
export interface InboundCalendarMail {
  /** The envelope recipients (SMTP) or the To/Cc addresses (IMAP) that are ours. */
  recipients: string[];
  /** The header From address. */
  from: string;
  messageId: string | null;
  /** Each text/calendar part or .ics attachment, as text. */
  calendars: string[];
}

export type Outcome =
  | { result: 'recorded'; sessionId: string; participantId: string; answer: string }
  | { result: 'proposed'; sessionId: string; participantId: string; proposalId: string }
  | { result: 'duplicate' | 'ignored' | 'refused'; reason: string; sessionId?: string };

const ANSWERS = { ACCEPTED: 'accept', TENTATIVE: 'tentative', DECLINED: 'decline' } as const;

export function createCalendarMailService(ctx: ServiceContext, deps: { sessions: SessionsService }) {
  const { db } = ctx;
  const addresses = createReplyAddresses(db, ctx.config);

  /** The person of the session this address of ours was given to, or null. */
  async function ownerOf(address: string): Promise<{ sessionId: string; participantId: string } | null> {
    const parsed = addresses.parse(address);
    if (!parsed) return null;
    const people = await sessionsRepo.peopleOf(db, parsed.sessionId);
    const participantId = await addresses.ownerOf(
      parsed,
      people.map((p) => p.participantId),
    );
    return participantId ? { sessionId: parsed.sessionId, participantId } : null;
  }

  async function handle(
    recipient: string,
    mail: InboundCalendarMail,
    calendar: string,
    itip: ItipMessage,
  ): Promise<Outcome> {
    const owner = await ownerOf(recipient);
    if (!owner) return { result: 'refused', reason: 'not a reply address of ours' };
    const { sessionId, participantId } = owner;
    const session = await sessionsRepo.findSession(db, sessionId);
    const person = await participantsRepo.loadParticipant(db, participantId);
    if (!session || !person) return { result: 'refused', reason: 'no such session or person', sessionId };
    const email = person.email.toLowerCase();
    if (itip.uid !== session.uid) return { result: 'refused', reason: 'unknown UID', sessionId };
    if (itip.sequence < session.sequence) {
      return {
        result: 'refused',
        reason: `SEQUENCE ${itip.sequence} older than the session's ${session.sequence}`,
        sessionId,
      };
    }
    if (mail.from.toLowerCase() !== email) {
      return { result: 'refused', reason: 'sender is not the attendee the address was given to', sessionId };
    }
    const attendee = itip.attendees.find((a) => a.email === email);
    if (!attendee || itip.attendees.length !== 1) {
      return { result: 'refused', reason: 'the answer is not (only) the addressee’s own', sessionId };
    }

    if (itip.method === 'COUNTER') {
      if (session.status === 'cancelled' || session.endAt <= ctx.clock()) {
        return { result: 'ignored', reason: 'COUNTER for a cancelled or past session', sessionId };
      }
      if (itip.start === null || itip.end === null || itip.end <= itip.start) {
        return { result: 'ignored', reason: 'COUNTER without a start and end instant', sessionId };
      }
      if (itip.start === session.startAt && itip.end === session.endAt) {
        return { result: 'ignored', reason: 'COUNTER proposes the time already set', sessionId };
      }
      const start = itip.start;
      const end = itip.end;
      return await write(ctx, async () => {
        const open = (await mailRepo.proposalsOf(db, sessionId)).find(
          (p) =>
            p.status === 'open' &&
            p.participantId === participantId &&
            p.startAt === start &&
            p.endAt === end,
        );
        if (open) return { result: 'duplicate', reason: 'this time is already proposed', sessionId };
        const id = randomUUID();
        await mailRepo.insertProposal(db, {
          id,
          sessionId,
          participantId,
          startAt: start,
          endAt: end,
          sequence: session.sequence,
          comment: itip.comment,
          status: 'open',
          createdAt: ctx.clock(),
          decidedAt: null,
        });
        return { result: 'proposed', sessionId, participantId, proposalId: id } as const;
      });
    }

    if (itip.method !== 'REPLY') return { result: 'ignored', reason: `METHOD:${itip.method}`, sessionId };
    const answer = ANSWERS[attendee.partstat as keyof typeof ANSWERS];
    if (!answer) return { result: 'ignored', reason: `PARTSTAT ${attendee.partstat}`, sessionId };
    const messageKey = sha256(`${mail.messageId ?? sha256(calendar)}\n${sessionId}\n${participantId}`);
    const stampedAt = itip.stampedAt ?? ctx.clock();
    try {
      return await write(ctx, async () => {
        if (await mailRepo.findReply(db, messageKey))
          return { result: 'duplicate', reason: 'message already recorded', sessionId } as const;
        const latest = await mailRepo.latestReply(db, sessionId, participantId);
        if (latest && latest.stampedAt > stampedAt) {
          return {
            result: 'ignored',
            reason: 'an answer made later was already recorded',
            sessionId,
          } as const;
        }
        await mailRepo.insertReply(db, {
          messageKey,
          sessionId,
          participantId,
          partstat: attendee.partstat,
          stampedAt,
          receivedAt: ctx.clock(),
        });
        await deps.sessions.respond(sessionId, { viewerId: participantId }, answer);
        return { result: 'recorded', sessionId, participantId, answer: attendee.partstat } as const;
      });
    } catch (err) {
      if (err instanceof DomainError) return { result: 'refused', reason: err.code, sessionId };
      throw err;
    }
  }

  return {
    /** Whether mail for this address is ours to take: one we gave out, for a session that exists. */
    async accepts(address: string): Promise<boolean> {
      return (await ownerOf(address)) !== null;
    },

    /** Handles every calendar in a message for each of its recipients; one outcome each. */
    async receive(mail: InboundCalendarMail): Promise<Outcome[]> {
      const outcomes: Outcome[] = [];
      // A client puts the same calendar in the body and as an attachment: read each text once.
      const calendars = [...new Set(mail.calendars.map((c) => c.trim()))];
      if (!calendars.length) return [{ result: 'ignored', reason: 'no calendar in the message' }];
      for (const calendar of calendars) {
        let itip: ItipMessage;
        try {
          itip = parseItip(calendar);
        } catch (err) {
          if (!(err instanceof ItipError)) throw err;
          outcomes.push({ result: 'ignored', reason: err.message });
          continue;
        }
        for (const recipient of mail.recipients) outcomes.push(await handle(recipient, mail, calendar, itip));
      }
      return outcomes;
    },

    /** Proposals for a session, for its hosts and organizers. */
    async proposals(viewer: { id: string; role: string }, sessionId: string) {
      const v = await hostView(viewer, sessionId);
      return { view: v, proposals: await mailRepo.proposalsOf(db, sessionId) };
    },

    /** Accepting a proposed time is a reschedule to it: same UID, SEQUENCE + 1, updated invites. */
    async accept(viewer: { id: string; role: string }, sessionId: string, proposalId: string) {
      const p = await openProposal(viewer, sessionId, proposalId);
      // The reschedule checks hours, holidays and bookings, and mails everyone; once it is done the
      // proposal is stale anyway (a new SEQUENCE), so marking it is bookkeeping.
      const moved = await deps.sessions.reschedule(
        viewer,
        sessionId,
        { start: toUtcIso(p.startAt), duration: Math.round((p.endAt - p.startAt) / MINUTE_MS) },
        p.participantId,
      );
      await mailRepo.decideProposal(db, p.id, 'accepted', ctx.clock());
      return moved;
    },

    async decline(viewer: { id: string; role: string }, sessionId: string, proposalId: string) {
      const p = await openProposal(viewer, sessionId, proposalId);
      await mailRepo.decideProposal(db, p.id, 'declined', ctx.clock());
    },
  };

  async function hostView(viewer: { id: string; role: string }, sessionId: string): Promise<SessionView> {
    const v = await deps.sessions.get(viewer, sessionId);
    const host =
      viewer.role === 'organizer' || v.people.some((p) => p.participantId === viewer.id && p.role === 'host');
    if (!host) throw new DomainError('NOT_SESSION_HOST');
    return v;
  }

  async function openProposal(viewer: { id: string; role: string }, sessionId: string, proposalId: string) {
    const v = await hostView(viewer, sessionId);
    const p = await mailRepo.findProposal(db, sessionId, proposalId);
    if (!p) throw new DomainError('PROPOSAL_NOT_FOUND');
    if (p.status !== 'open') throw new DomainError('PROPOSAL_DECIDED');
    if (p.sequence !== v.session.sequence) throw new DomainError('PROPOSAL_STALE');
    return p;
  }
}

export type CalendarMailService = ReturnType<typeof createCalendarMailService>;
