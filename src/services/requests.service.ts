/** Meeting requests: send, answer, withdraw, expire; each change mails the other person. */
import { randomUUID } from 'node:crypto';
import * as participantsRepo from '../db/participants.repo';
import * as requestMeetings from '../db/request-meetings.repo';
import * as repo from '../db/requests.repo';
import { DomainError } from '../domain/errors';
import { DAY_MS, localDate } from '../domain/time';
import { requestAnsweredMail, requestReceivedMail } from '../mail/templates/requests';
import { type ServiceContext, write } from './context';
import { mustHaveDailyAllowance } from './daily-limit';
import { isShownTo, mustBeConfirmed } from './participants.service';

export const MESSAGE_MAX_LENGTH = 1000;

export type RequestRow = repo.RequestRow;

export function createRequestsService(ctx: ServiceContext, onChange: () => Promise<void> = async () => {}) {
  const { db, config } = ctx;
  const person = async (id: string) => {
    const rec = await participantsRepo.loadParticipant(db, id);
    if (!rec) throw new DomainError('PARTICIPANT_NOT_FOUND');
    return rec;
  };

  /** A change in one transaction; whoever shows request states hears of it after the commit. */
  async function changing<T>(fn: () => Promise<T>): Promise<T> {
    const result = await write(ctx, fn);
    await onChange();
    return result;
  }

  function answer(viewerId: string, id: string, accepted: boolean): Promise<RequestRow> {
    return changing(async () => {
      const now = ctx.clock();
      await repo.expireDue(db, now);
      const req = await repo.findRequest(db, id);
      if (!req) throw new DomainError('REQUEST_NOT_FOUND');
      if (req.toId !== viewerId) {
        // The sender learns it is not theirs to answer; a stranger learns nothing.
        throw new DomainError(req.fromId === viewerId ? 'NOT_REQUEST_RECIPIENT' : 'REQUEST_NOT_FOUND');
      }
      if (!(await repo.setStatus(db, id, accepted ? 'accepted' : 'declined', now))) {
        throw new DomainError('REQUEST_NOT_PENDING');
      }
      const from = await person(req.fromId);
      const by = await person(req.toId);
      const link = accepted
        ? `${config.publicUrl}/schedule?with=${by.id}&request=${req.id}`
        : `${config.publicUrl}/matches`;
      await ctx.queueMail({
        kind: accepted ? 'request-accepted' : 'request-declined',
        to: { name: from.name, address: from.email },
        participantId: from.id,
        ...requestAnsweredMail({ to: from, by, accepted, link }),
      });
      return (await repo.findRequest(db, id))!;
    });
  }

  return {
    send(viewerId: string, toId: string, message = ''): Promise<RequestRow> {
      const text = message.trim();
      if (text.length > MESSAGE_MAX_LENGTH) {
        throw new DomainError('MESSAGE_TOO_LONG', `A message has at most ${MESSAGE_MAX_LENGTH} characters.`);
      }
      if (toId === viewerId) throw new DomainError('CANNOT_REQUEST_SELF');
      return changing(async () => {
        const now = ctx.clock();
        await repo.expireDue(db, now);
        const from = await person(viewerId);
        mustBeConfirmed(from);
        // Hidden people are out of everyone's reach, so they reach nobody either: a request would
        // show them to its recipient, who could then not book with them.
        if (!from.visible) throw new DomainError('SENDER_HIDDEN');
        const to = await participantsRepo.loadParticipant(db, toId);
        if (!to || !isShownTo(to, from)) throw new DomainError('PARTICIPANT_NOT_FOUND');
        if (await repo.isHiddenBy(db, toId, viewerId)) throw new DomainError('RECIPIENT_UNAVAILABLE');
        const connected = await requestMeetings.acceptedRequestBetween(db, viewerId, toId);
        if (connected) {
          // The accepted request is where a meeting is booked from: point there, not to a new one.
          throw new DomainError('ALREADY_CONNECTED', undefined, [
            { field: 'request', code: 'ALREADY_CONNECTED', message: connected.id },
          ]);
        }
        if (await repo.openRequestBetween(db, viewerId, toId)) throw new DomainError('REQUEST_ALREADY_OPEN');
        if (await repo.openRequestBetween(db, toId, viewerId))
          throw new DomainError('REQUEST_FROM_THEM_OPEN');
        await mustHaveDailyAllowance(ctx, viewerId);
        const id = randomUUID();
        const expiresAt = now + config.requestExpiryDays * DAY_MS;
        await repo.insertRequest(db, {
          id,
          fromId: viewerId,
          toId,
          message: text,
          status: 'pending',
          createdAt: now,
          expiresAt,
        });
        await ctx.queueMail({
          kind: 'request-received',
          to: { name: to.name, address: to.email },
          participantId: to.id,
          ...requestReceivedMail({
            to,
            from,
            message: text,
            link: `${config.publicUrl}/requests`,
            expiresOn: localDate(expiresAt, to.timeZone),
          }),
        });
        return (await repo.findRequest(db, id))!;
      });
    },

    accept: (viewerId: string, id: string) => answer(viewerId, id, true),
    decline: (viewerId: string, id: string) => answer(viewerId, id, false),

    withdraw(viewerId: string, id: string): Promise<RequestRow> {
      return changing(async () => {
        const now = ctx.clock();
        await repo.expireDue(db, now);
        const req = await repo.findRequest(db, id);
        if (!req) throw new DomainError('REQUEST_NOT_FOUND');
        if (req.fromId !== viewerId) {
          throw new DomainError(req.toId === viewerId ? 'NOT_REQUEST_SENDER' : 'REQUEST_NOT_FOUND');
        }
        if (!(await repo.setStatus(db, id, 'withdrawn', now))) throw new DomainError('REQUEST_NOT_PENDING');
        return (await repo.findRequest(db, id))!;
      });
    },

    /** Both lists, newest first, with the other person of each. */
    async list(viewerId: string) {
      // One statement: atomic without a transaction.
      if ((await repo.expireDue(db, ctx.clock())) > 0) await onChange();
      const { incoming, outgoing } = await repo.requestsOf(db, viewerId);
      const others = await participantsRepo.loadParticipants(db, [
        ...new Set([...incoming.map((r) => r.fromId), ...outgoing.map((r) => r.toId)]),
      ]);
      const byId = new Map(others.map((p) => [p.id, p]));
      const meetings = await requestMeetings.confirmedMeetingsOf(db, [
        ...incoming.filter((r) => r.status === 'accepted').map((r) => r.id),
        ...outgoing.filter((r) => r.status === 'accepted').map((r) => r.id),
      ]);
      const meeting = (r: RequestRow) => ({ meeting: meetings.get(r.id) ?? null });
      return {
        incoming: incoming
          .filter((r) => byId.has(r.fromId))
          .map((r) => ({ ...r, other: byId.get(r.fromId)!, ...meeting(r) })),
        outgoing: outgoing
          .filter((r) => byId.has(r.toId))
          .map((r) => ({ ...r, other: byId.get(r.toId)!, ...meeting(r) })),
      };
    },

    async get(
      viewerId: string,
      id: string,
      organizer = false,
    ): Promise<RequestRow & { meeting: requestMeetings.RequestMeeting | null }> {
      const req = await repo.findRequest(db, id);
      if (!req || (!organizer && req.fromId !== viewerId && req.toId !== viewerId)) {
        throw new DomainError('REQUEST_NOT_FOUND');
      }
      return { ...req, meeting: (await requestMeetings.confirmedMeetingsOf(db, [id])).get(id) ?? null };
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
