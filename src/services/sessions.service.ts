/**
 * Slots, bookings, reschedules, cancellations and webinar registrations. Every booking runs in one
 * immediate transaction that checks everyone's calendar before writing: SQLite lets one writer in
 * at a time, so of two requests racing for the same person and time, exactly one wins.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type CalendarSession, feedCalendar, parseMailbox, sessionInvite } from '../calendar/ical';
import { isErased } from '../db/erasure.repo';
import * as eventsRepo from '../db/events.repo';
import * as participantsRepo from '../db/participants.repo';
import * as requestMeetings from '../db/request-meetings.repo';
import * as requestsRepo from '../db/requests.repo';
import * as repo from '../db/sessions.repo';
import { getOrCreateSetting } from '../db/settings.repo';
import { freeIntervals, insideWorkingHours } from '../domain/availability';
import { DomainError } from '../domain/errors';
import { holidaysBetween } from '../domain/holidays';
import {
  MAX_DURATION_MINUTES,
  MAX_SEARCH_RANGE_DAYS,
  proposeSlots,
  SEARCH_HORIZON_DAYS,
  SLOT_GRID_MINUTES,
  type SlotResult,
  webinarSlots,
} from '../domain/slots';
import { DAY_MS, type Interval, MINUTE_MS, parseInstant } from '../domain/time';
import { type CancelledBy, type SessionChange, sessionMail } from '../mail/templates/session';
import { type ServiceContext, write } from './context';
import { mustHaveDailyAllowance } from './daily-limit';
import { isShownTo, mustBeConfirmed } from './participants.service';
import { createReplyAddresses } from './reply-addresses';
import { hmac, randomToken, sameSecret } from './secrets';

type Person = participantsRepo.ParticipantRecord;
export type SessionRow = repo.SessionRow;
export const MAX_MEETING_PEOPLE = 8;

/**
 * Why a session is cancelled, for its mails: a person of the session (named to the others, "you"
 * to themselves), or, when no one of it did, an organizer or what happened.
 */
export type CancelledFor = { personId: string } | Exclude<CancelledBy, { by: 'person' }>;
/** What an event's cancellation says: the event's meeting removed or rescheduled away, or an erasure. */
export type EventCancellation = Exclude<CancelledBy, { by: 'person' } | { by: 'organizer' }>['by'];

export interface SessionView {
  session: SessionRow;
  people: (repo.SessionPersonRow & { participant: Person })[];
  lobbyUrl: string;
  videoUrl: string;
}

/** The session's own video link, or its random room in the configured template. */
export function videoUrlOf(config: { videoUrlTemplate: string }, s: SessionRow): string {
  return s.videoUrl ?? config.videoUrlTemplate.replaceAll(/\{(room|id)\}/g, s.videoRoom);
}

/** 128 random bits: a room nobody can guess from anything shown in the app. */
export function newVideoRoom(): string {
  return randomBytes(16).toString('hex');
}

export function parseDuration(raw: number | string | undefined, fallback = 30): number {
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n % 5 !== 0 || n > MAX_DURATION_MINUTES)
    throw new DomainError('INVALID_DURATION');
  return n;
}

function instant(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const ms = parseInstant(raw);
  if (ms === null)
    throw new DomainError(
      'INVALID_INSTANT',
      `"${raw}" is not an ISO 8601 instant with an offset from the year 2000 to 2099.`,
    );
  return ms;
}

export function createSessionsService(ctx: ServiceContext) {
  const { db, config } = ctx;
  const organizer = parseMailbox(config.mailFrom);
  const replyAddresses = createReplyAddresses(db, config);
  const lobbyUrl = (id: string) => `${config.publicUrl}/sessions/${id}/lobby`;

  const load = async (ids: string[]): Promise<Person[]> => {
    const people = await participantsRepo.loadParticipants(db, ids);
    if (people.length !== new Set(ids).size) throw new DomainError('PARTICIPANT_NOT_FOUND');
    return people;
  };

  /** A range to search: defaults to the next 14 days, capped in length and in distance. */
  function searchRange(fromRaw?: string, toRaw?: string): { from: number; to: number } {
    const now = ctx.clock();
    let from = instant(fromRaw, now);
    const to = instant(toRaw, Math.max(from, now) + 14 * DAY_MS);
    if (to <= from) throw new DomainError('INVALID_RANGE');
    if (to - from > MAX_SEARCH_RANGE_DAYS * DAY_MS) {
      throw new DomainError('RANGE_TOO_LONG', `One search covers at most ${MAX_SEARCH_RANGE_DAYS} days.`);
    }
    if (to > now + SEARCH_HORIZON_DAYS * DAY_MS) {
      throw new DomainError('RANGE_TOO_FAR', `Search at most ${SEARCH_HORIZON_DAYS} days ahead.`);
    }
    from = Math.max(from, now);
    if (to <= from) throw new DomainError('INVALID_RANGE', 'The range is in the past.');
    return { from, to };
  }

  function checkStart(start: number): void {
    if (start < ctx.clock()) throw new DomainError('START_IN_PAST');
    if (start % (SLOT_GRID_MINUTES * MINUTE_MS) !== 0) throw new DomainError('START_OFF_GRID');
  }

  function checkHours(people: Person[], start: number, end: number): void {
    const outside = people.filter((p) => !insideWorkingHours(p, start, end));
    if (outside.length) {
      throw new DomainError(
        'OUTSIDE_WORKING_HOURS',
        `Outside the working hours (or on a public holiday) of ${outside.map((p) => `${p.name} (${p.city})`).join(', ')}.`,
        outside.map((p) => ({
          field: p.id,
          code: 'OUTSIDE_WORKING_HOURS' as const,
          message: `${p.name}, ${p.city}`,
        })),
      );
    }
  }

  async function checkFree(people: Person[], start: number, end: number, except?: string): Promise<void> {
    const busy = await repo.conflicts(
      db,
      people.map((p) => p.id),
      start,
      end,
      except,
    );
    if (busy.length) {
      const names = [...new Set(busy.map((b) => people.find((p) => p.id === b.participantId)?.name))];
      throw new DomainError('SLOT_TAKEN', `Already booked at that time: ${names.join(', ')}.`);
    }
  }

  /** The session with its people; `known` are people the caller already loaded, not loaded again. */
  async function view(session: SessionRow, known: readonly Person[] = []): Promise<SessionView> {
    const rows = await repo.peopleOf(db, session.id);
    const byId = new Map(known.map((p) => [p.id, p]));
    const missing = rows.map((r) => r.participantId).filter((id) => !byId.has(id));
    if (missing.length)
      for (const p of await participantsRepo.loadParticipants(db, missing)) byId.set(p.id, p);
    return {
      session,
      people: rows
        .filter((r) => byId.has(r.participantId))
        .map((r) => ({ ...r, participant: byId.get(r.participantId)! })),
      lobbyUrl: lobbyUrl(session.id),
      videoUrl: videoUrlOf(config, session),
    };
  }

  /**
   * The calendar object for one recipient. A meeting lists its few people, who know each other; a
   * webinar lists only the recipient, so that registrants never receive one another's addresses
   * (and a room's invites do not grow with its size).
   */
  async function calendarSession(v: SessionView, recipientId: string): Promise<CalendarSession> {
    const listed =
      v.session.kind === 'meeting' ? v.people : v.people.filter((p) => p.participantId === recipientId);
    return {
      uid: v.session.uid,
      title: v.session.title,
      description: v.session.description,
      startAt: v.session.startAt,
      endAt: v.session.endAt,
      status: v.session.status,
      sequence: v.session.sequence,
      updatedAt: v.session.updatedAt,
      lobbyUrl: v.lobbyUrl,
      // Their own reply address, under the sender's name: their client's answer comes back to us.
      organizer: { name: organizer.name, email: await replyAddresses.addressFor(v.session.id, recipientId) },
      people: listed.map((p) => ({
        name: p.participant.name,
        email: p.participant.email,
        role: p.role,
        partstat: p.partstat,
      })),
    };
  }

  /**
   * Queues the invite (or update, or cancellation) for each of `recipients`, in the transaction,
   * and returns the view it was built from, for the answer.
   */
  async function mailInvites(
    session: SessionRow,
    change: SessionChange,
    recipients?: string[],
    why: { previous?: { startAt: number; endAt: number }; cancelledFor?: CancelledFor } = {},
    known: readonly Person[] = [],
  ): Promise<SessionView> {
    const v = await view(session, known);
    const by = why.cancelledFor;
    const canceller =
      by && 'personId' in by ? v.people.find((p) => p.participantId === by.personId) : undefined;
    const cancelledBy = (recipientId: string): CancelledBy | undefined => {
      const c = why.cancelledFor;
      if (!c) return undefined;
      if (!('personId' in c)) return c;
      // Not one of its people: an organizer cancelled it from outside.
      if (!canceller) return { by: 'organizer' };
      const { name, organisation } = canceller.participant;
      return { by: 'person', name, organisation, you: canceller.participantId === recipientId };
    };
    for (const p of v.people) {
      if (recipients && !recipients.includes(p.participantId)) continue;
      const me = p.participant;
      const invite = sessionInvite(await calendarSession(v, me.id));
      const others =
        v.session.kind === 'meeting'
          ? v.people.filter((o) => o.participantId !== me.id).map((o) => o.participant)
          : [];
      const token = await rsvpToken(session.id, me.id);
      const answer = (a: 'accept' | 'decline') =>
        `${config.publicUrl}/sessions/${session.id}/respond?answer=${a}&p=${me.id}&t=${token}`;
      await ctx.queueMail({
        kind: `session-${change}`,
        to: { name: me.name, address: me.email },
        participantId: me.id,
        sessionId: session.id,
        ical: invite,
        ...sessionMail({
          to: me,
          change,
          title: session.title,
          startAt: session.startAt,
          endAt: session.endAt,
          description: session.description,
          ...(why.previous ? { previous: why.previous } : {}),
          ...(change === 'cancelled' ? { cancelledBy: cancelledBy(me.id) } : {}),
          others,
          lobbyUrl: v.lobbyUrl,
          // Signed like the answer links: a phone's mail app opens it without a login.
          icsUrl: `${config.publicUrl}/api/sessions/${session.id}/invite.ics?p=${me.id}&t=${token}`,
          ...(change === 'cancelled' ? {} : { acceptUrl: answer('accept'), declineUrl: answer('decline') }),
        }),
      });
    }
    return v;
  }

  /**
   * The secret in a mail's Accept / Decline links: it lets this person answer for this session
   * only. Derived (HMAC) rather than stored, so there is nothing to leak from the database.
   */
  let rsvpKey: string | undefined;
  async function rsvpToken(sessionId: string, participantId: string): Promise<string> {
    rsvpKey ??= await getOrCreateSetting(db, 'rsvp_key', randomToken);
    return hmac(rsvpKey, `rsvp:${sessionId}:${participantId}`);
  }

  /**
   * The request a meeting is booked from: it must exist, be accepted, and join the booker (or, for
   * an organizer, anyone of the meeting) with one of the others.
   */
  async function checkRequestFor(
    requestId: string,
    viewer: { id: string; role: string },
    others: string[],
  ): Promise<void> {
    const req = await requestsRepo.findRequest(db, requestId);
    const people = req ? [req.fromId, req.toId] : [];
    const mine = viewer.role === 'organizer' || people.includes(viewer.id);
    if (!req || !mine) throw new DomainError('REQUEST_NOT_FOUND');
    const meeting = new Set([viewer.id, ...others]);
    if (!people.every((id) => meeting.has(id))) throw new DomainError('REQUEST_MISMATCH');
    if (req.status !== 'accepted') throw new DomainError('REQUEST_NOT_ACCEPTED');
  }

  /** One request, one meeting: a second booking waits until the first is cancelled. */
  async function mustNotBeBooked(requestId: string): Promise<void> {
    const booked = (await requestMeetings.confirmedMeetingsOf(db, [requestId])).get(requestId);
    if (booked) {
      throw new DomainError('REQUEST_ALREADY_BOOKED', undefined, [
        { field: 'session', code: 'REQUEST_ALREADY_BOOKED', message: booked.sessionId },
      ]);
    }
  }

  async function mustFind(id: string): Promise<SessionRow> {
    const s = await repo.findSession(db, id);
    if (!s) throw new DomainError('SESSION_NOT_FOUND');
    return s;
  }

  /** Its people and organizers may see a session; to others it does not exist. */
  async function visible(
    viewer: { id: string; role: string },
    id: string,
    mustHost = false,
  ): Promise<SessionRow> {
    const s = await mustFind(id);
    if (viewer.role === 'organizer') return s;
    const me = await repo.personIn(db, id, viewer.id);
    if (!me) throw new DomainError('SESSION_NOT_FOUND');
    if (mustHost && me.role !== 'host') throw new DomainError('NOT_SESSION_HOST');
    return s;
  }

  /** A confirmed session at sequence 0, with a calendar UID that will never change. */
  function newSession(
    fields: Pick<SessionRow, 'kind' | 'title' | 'startAt' | 'endAt' | 'createdBy'> &
      Partial<Pick<SessionRow, 'description' | 'videoUrl' | 'requestId' | 'eventId'>>,
  ): SessionRow {
    const id = randomUUID();
    const now = ctx.clock();
    return {
      id,
      description: '',
      videoUrl: null,
      videoRoom: newVideoRoom(),
      requestId: null,
      eventId: null,
      ...fields,
      status: 'confirmed',
      sequence: 0,
      uid: `${id}@${new URL(config.publicUrl).hostname || 'twinning'}`,
      liveAt: null,
      endedAt: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  const hostable = (viewer: { id: string; role: string }, id: string) => visible(viewer, id, true);

  return {
    lobbyUrl,

    /** Proposals for the viewer and others, best first, or why there are none. */
    async slots(
      viewerId: string,
      withIds: string[],
      q: { from?: string; to?: string; duration?: string | number },
    ): Promise<
      SlotResult & {
        people: Person[];
        free: Map<string, Interval[]>;
        holidays: Map<string, { date: string; name: string }[]>;
      }
    > {
      const ids = [...new Set(withIds)];
      if (!ids.length || ids.includes(viewerId))
        throw new DomainError('CANNOT_MEET_SELF', 'Name at least one other person with `with`.');
      if (ids.length + 1 > MAX_MEETING_PEOPLE) throw new DomainError('TOO_MANY_PEOPLE');
      const durationMinutes = parseDuration(q.duration);
      const { from, to } = searchRange(q.from, q.to);
      const people = await load([viewerId, ...ids]);
      const me = people[0]!;
      if (people.slice(1).some((p) => !isShownTo(p, me))) throw new DomainError('PARTICIPANT_NOT_FOUND');
      for (const id of ids) {
        if (
          (await requestsRepo.isHiddenBy(db, id, viewerId)) ||
          (await requestsRepo.isHiddenBy(db, viewerId, id))
        ) {
          throw new DomainError('RECIPIENT_UNAVAILABLE');
        }
      }
      const busy = await repo.busyOf(db, [viewerId, ...ids], from, to);
      return {
        ...proposeSlots({ people, busy, from, to, durationMinutes, limit: 10 }),
        people,
        // What a slot picker draws on one axis: each person's free working time and holidays.
        free: new Map(people.map((p) => [p.id, freeIntervals(p, busy.get(p.id) ?? [], from, to)])),
        holidays: new Map(people.map((p) => [p.id, holidaysBetween(p.country, p.timeZone, from, to)])),
      };
    },

    /**
     * A meeting booked straight into calendars. A participant books only people with whom a
     * request was accepted (either way), and each booking counts against their daily allowance:
     * a booking mails the others an invite with the booker's title, so it must not be a way
     * around asking. Organizers may book anyone.
     */
    async bookMeeting(
      viewer: { id: string; role: string },
      b: {
        with: string[];
        start: string;
        duration: number;
        title?: string;
        /** The agenda: what the meeting is for, shown on its page and in the invite. */
        description?: string;
        requestId?: string;
      },
    ): Promise<SessionView> {
      const viewerId = viewer.id;
      const ids = [...new Set(b.with)];
      if (!ids.length || ids.includes(viewerId)) throw new DomainError('CANNOT_MEET_SELF');
      if (ids.length + 1 > MAX_MEETING_PEOPLE) throw new DomainError('TOO_MANY_PEOPLE');
      const duration = parseDuration(b.duration);
      const start = instant(b.start, Number.NaN);
      checkStart(start);
      const end = start + duration * MINUTE_MS;
      const booked = await write(ctx, async () => {
        const people = await load([viewerId, ...ids]);
        const me = people[0]!;
        mustBeConfirmed(me);
        const organizerBooks = viewer.role === 'organizer';
        for (const other of people.slice(1)) {
          if (!isShownTo(other, viewer)) throw new DomainError('PARTICIPANT_NOT_FOUND');
          if (await requestsRepo.isHiddenBy(db, other.id, viewerId))
            throw new DomainError('RECIPIENT_UNAVAILABLE');
          if (!organizerBooks && !(await requestsRepo.acceptedBetween(db, viewerId, other.id))) {
            throw new DomainError(
              'NOT_CONNECTED',
              `${other.name} has no accepted meeting request with you; send one first.`,
            );
          }
        }
        if (b.requestId !== undefined) {
          await checkRequestFor(b.requestId, viewer, ids);
          await mustNotBeBooked(b.requestId);
        }
        if (!organizerBooks) await mustHaveDailyAllowance(ctx, viewerId);
        checkHours(people, start, end);
        await checkFree(people, start, end);
        const title = b.title?.trim() || `${people.map((p) => p.organisation).join(' · ')}`.slice(0, 200);
        const row = newSession({
          kind: 'meeting',
          title,
          description: b.description?.trim() ?? '',
          startAt: start,
          endAt: end,
          createdBy: me.id,
          requestId: b.requestId ?? null,
        });
        // Whoever books has said yes by booking: their invite starts accepted, the others' open.
        await repo.insertSession(
          db,
          row,
          people.map((p) => ({
            id: p.id,
            role: 'host' as const,
            ...(p.id === me.id ? { partstat: 'ACCEPTED' as const } : {}),
          })),
        );
        return await mailInvites(row, 'new');
      });
      // Matches show the meeting booked from a request.
      if (booked.session.requestId) await ctx.changed('matches', '');
      return booked;
    },

    createWebinar(
      b: {
        title: string;
        description?: string;
        hosts: string[];
        start: string;
        duration: number;
        videoUrl?: string;
        /** The organizer saw the warning and sets it outside a host's working hours anyway. */
        outsideHours?: boolean;
      },
      creator: string,
    ): Promise<SessionView> {
      const duration = parseDuration(b.duration);
      const start = instant(b.start, Number.NaN);
      checkStart(start);
      const end = start + duration * MINUTE_MS;
      return write(ctx, async () => {
        const hosts = await load([...new Set(b.hosts)]);
        if (!b.outsideHours) checkHours(hosts, start, end);
        await checkFree(hosts, start, end);
        const row = newSession({
          kind: 'webinar',
          title: b.title.trim(),
          description: b.description?.trim() ?? '',
          startAt: start,
          endAt: end,
          videoUrl: b.videoUrl ?? null,
          createdBy: creator,
        });
        await repo.insertSession(
          db,
          row,
          hosts.map((h) => ({ id: h.id, role: 'host' as const })),
        );
        return await mailInvites(row, 'new');
      });
    },

    /**
     * Inside the caller's transaction: a placed event meeting becomes a session, or its session
     * moves (same UID, a higher SEQUENCE). Returns the session id, or null when someone has been
     * booked at that time since the scheduler ran. Event windows replace working hours here:
     * the organizer chose them and the scheduler kept everyone awake and off their holidays.
     */
    async placeForEvent(p: {
      eventId: string;
      sessionId: string | null;
      people: string[];
      start: number;
      end: number;
      title: string;
      createdBy: string;
      /**
       * The event's own sessions that this publish has still to move: they do not count as
       * conflicts (the event's placements never overlap for one person), or a meeting moving into
       * a slot another is about to leave would be cancelled.
       */
      eventSessions?: readonly string[];
      /** Its people as the caller already loaded them, to spare loading them again. */
      known?: readonly Person[];
    }): Promise<{ id: string; changed: boolean } | null> {
      const current = p.sessionId ? await repo.findSession(db, p.sessionId) : undefined;
      const live = current && current.status === 'confirmed' ? current : undefined;
      // Already where it belongs: a confirmed session is never double-booked, so nothing to check.
      if (live && live.startAt === p.start && live.endAt === p.end) return { id: live.id, changed: false };
      const everyone = p.known?.length === new Set(p.people).size ? [...p.known] : await load(p.people);
      const ignored = [...(p.eventSessions ?? []), ...(live ? [live.id] : [])];
      if ((await repo.conflicts(db, p.people, p.start, p.end, ignored)).length) return null;
      if (live) {
        await repo.reschedule(db, live.id, {
          startAt: p.start,
          endAt: p.end,
          title: live.title,
          videoUrl: live.videoUrl,
          now: ctx.clock(),
        });
        // The organizer moved it: both are asked again.
        await repo.askAgain(db, live.id, []);
        await mailInvites(
          await mustFind(live.id),
          'changed',
          undefined,
          { previous: { startAt: live.startAt, endAt: live.endAt } },
          everyone,
        );
        return { id: live.id, changed: true };
      }
      const row = newSession({
        kind: 'meeting',
        title: p.title.slice(0, 200),
        startAt: p.start,
        endAt: p.end,
        createdBy: p.createdBy,
        eventId: p.eventId,
      });
      await repo.insertSession(
        db,
        row,
        everyone.map((x) => ({ id: x.id, role: 'host' as const })),
      );
      await mailInvites(row, 'new', undefined, {}, everyone);
      return { id: row.id, changed: false };
    },

    /**
     * Inside the caller's transaction: cancels a session nobody in it cancelled (an event's meeting,
     * or one whose last host erased their account), with the mails saying why.
     */
    async cancelForEvent(sessionId: string, why: EventCancellation): Promise<boolean> {
      const s = await repo.findSession(db, sessionId);
      if (!s || s.status === 'cancelled') return false;
      await repo.cancel(db, sessionId, ctx.clock());
      await mailInvites(await mustFind(sessionId), 'cancelled', undefined, { cancelledFor: { by: why } });
      return true;
    },

    async get(viewer: { id: string; role: string }, id: string): Promise<SessionView> {
      return await view(await visible(viewer, id));
    },

    async reschedule(
      viewer: { id: string; role: string },
      id: string,
      patch: { start?: string; duration?: number; title?: string; videoUrl?: string | null },
      /** Who proposed the new time (a calendar client's counter-proposal), besides the mover. */
      proposedBy?: string,
    ): Promise<SessionView> {
      const v = await write(ctx, async () => {
        const s = await hostable(viewer, id);
        if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
        if (s.endAt <= ctx.clock()) throw new DomainError('SESSION_OVER');
        const start = patch.start === undefined ? s.startAt : instant(patch.start, Number.NaN);
        const duration =
          patch.duration === undefined ? (s.endAt - s.startAt) / MINUTE_MS : parseDuration(patch.duration);
        const end = start + duration * MINUTE_MS;
        const moved = start !== s.startAt || end !== s.endAt;
        if (moved) {
          checkStart(start);
          const rows = await repo.peopleOf(db, id);
          const everyone = await load(rows.map((r) => r.participantId));
          const mustWork =
            s.kind === 'meeting'
              ? everyone
              : everyone.filter((p) => rows.find((r) => r.participantId === p.id)?.role === 'host');
          checkHours(mustWork, start, end);
          await checkFree(everyone, start, end, id);
        }
        const title = patch.title?.trim() || s.title;
        const videoUrl = patch.videoUrl === undefined ? s.videoUrl : patch.videoUrl;
        // Saving what is already there changes nobody's calendar: no new SEQUENCE, no mail.
        if (!moved && title === s.title && videoUrl === s.videoUrl) return await view(s);
        await repo.reschedule(db, id, { startAt: start, endAt: end, title, videoUrl, now: ctx.clock() });
        if (moved) await repo.askAgain(db, id, proposedBy ? [viewer.id, proposedBy] : [viewer.id]);
        const updated = await mustFind(id);
        return await mailInvites(updated, 'changed', undefined, {
          previous: { startAt: s.startAt, endAt: s.endAt },
        });
      });
      await ctx.changed('session', id);
      return v;
    },

    async cancel(viewer: { id: string; role: string }, id: string): Promise<SessionView> {
      const v = await write(ctx, async () => {
        const s = await hostable(viewer, id);
        if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
        await repo.cancel(db, id, ctx.clock());
        // A matchmaking event's meeting cancelled by its people stays cancelled: the organizer
        // sees it set aside, and publishing again does not book it behind their backs.
        if (s.eventId) await eventsRepo.setAsideMeetingOf(db, id);
        const updated = await mustFind(id);
        return await mailInvites(updated, 'cancelled', undefined, { cancelledFor: { personId: viewer.id } });
      });
      await ctx.changed('session', id);
      if (v.session.requestId) await ctx.changed('matches', '');
      return v;
    },

    /** Joins a webinar; true when newly registered. */
    async register(viewerId: string, id: string): Promise<{ view: SessionView; created: boolean }> {
      return write(ctx, async () => {
        const s = await mustFind(id);
        if (s.kind !== 'webinar') {
          // Someone else's meeting does not exist for this person, here as on every other route.
          const theirs = (await repo.peopleOf(db, id)).some((p) => p.participantId === viewerId);
          throw new DomainError(theirs ? 'NOT_A_WEBINAR' : 'SESSION_NOT_FOUND');
        }
        if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
        if (s.endAt <= ctx.clock()) throw new DomainError('SESSION_OVER');
        if ((await repo.peopleOf(db, id)).some((p) => p.participantId === viewerId))
          return { view: await view(s), created: false };
        const me = await load([viewerId]);
        mustBeConfirmed(me[0]!);
        await checkFree(me, s.startAt, s.endAt);
        await repo.addPerson(db, s, viewerId, 'attendee', 'ACCEPTED');
        return { view: await mailInvites(s, 'registered', [viewerId]), created: true };
      });
    },

    async webinarSlots(viewer: { id: string; role: string }, id: string, q: { from?: string; to?: string }) {
      const s = await hostable(viewer, id);
      if (s.kind !== 'webinar') throw new DomainError('NOT_A_WEBINAR');
      const { from, to } = searchRange(q.from, q.to);
      const rows = await repo.peopleOf(db, id);
      const people = await load(rows.map((r) => r.participantId));
      const hosts = people.filter((p) => rows.find((r) => r.participantId === p.id)?.role === 'host');
      const registrants = people.filter(
        (p) => rows.find((r) => r.participantId === p.id)?.role === 'attendee',
      );
      const busy = await repo.busyOf(
        db,
        hosts.map((h) => h.id),
        from,
        to,
        id,
      );
      return await webinarSlots({
        hosts,
        busy,
        registrants,
        from,
        to,
        durationMinutes: (s.endAt - s.startAt) / MINUTE_MS,
        limit: 10,
      });
    },

    /** Webinars ahead that anyone signed in may register for, with hosts and the caller's part. */
    async webinars(viewerId: string) {
      const rows = await repo.upcomingWebinars(db, ctx.clock(), viewerId, 200);
      const hostIds = [...new Set(rows.flatMap((r) => (r.hostIds ? r.hostIds.split(',') : [])))];
      const hosts = new Map((await participantsRepo.loadParticipants(db, hostIds)).map((p) => [p.id, p]));
      return rows.map((r) => ({
        session: r,
        registrants: r.registrants,
        myRole: r.myRole,
        hosts: (r.hostIds ? r.hostIds.split(',') : []).flatMap((id) => hosts.get(id) ?? []),
        lobbyUrl: lobbyUrl(r.id),
      }));
    },

    /** One's sessions that end after `from` (default: a day ago) and start before `to` (if given). */
    async mine(viewerId: string, range: { from?: string; to?: string } = {}): Promise<SessionView[]> {
      const since = instant(range.from, ctx.clock() - DAY_MS);
      const before = range.to ? instant(range.to, 0) : undefined;
      if (before !== undefined && before <= since) throw new DomainError('INVALID_RANGE');
      return Promise.all((await repo.sessionsOf(db, viewerId, since, before)).map((s) => view(s)));
    },

    async inviteIcs(
      who: { id: string; role: string } | { participantId: string; token: string },
      id: string,
    ): Promise<string> {
      if ('token' in who) {
        const v = await this.invitation(id, who.participantId, who.token);
        return sessionInvite(await calendarSession(v, who.participantId)).content;
      }
      return sessionInvite(await calendarSession(await view(await visible(who, id)), who.id)).content;
    },

    /**
     * The session as the holder of a mailed link sees it, without a login: the link's token (the
     * one of its Accept / Decline links) proves it was mailed to this person about this session.
     */
    async invitation(sessionId: string, participantId: string, token: string): Promise<SessionView> {
      if (!sameSecret(token, await rsvpToken(sessionId, participantId)))
        throw new DomainError('INVALID_TOKEN', 'This link is not valid for this session.');
      const s = await mustFind(sessionId);
      if (!(await repo.personIn(db, sessionId, participantId))) throw new DomainError('SESSION_NOT_FOUND');
      return await view(s);
    },

    /**
     * Accept or decline an invite, signed in or with the token of a mailed link. Answering changes
     * no one's calendar but the answer (PARTSTAT) in the session's invite and feed.
     */
    respond(
      sessionId: string,
      who: { viewerId: string } | { participantId: string; token: string },
      answer: 'accept' | 'decline' | 'tentative',
    ): Promise<SessionView> {
      return write(ctx, async () => {
        const s = await repo.findSession(db, sessionId);
        if (!s) throw new DomainError('SESSION_NOT_FOUND');
        const participantId = 'viewerId' in who ? who.viewerId : who.participantId;
        // An erased person's old Accept link (and calendar reply) is unknown: it changes nothing.
        if (await isErased(db, participantId))
          throw new DomainError('INVALID_TOKEN', 'This link is not valid.');
        if ('token' in who && !sameSecret(who.token, await rsvpToken(sessionId, participantId))) {
          throw new DomainError('INVALID_TOKEN', 'This link is not valid for this session.');
        }
        if (!(await repo.personIn(db, sessionId, participantId))) throw new DomainError('SESSION_NOT_FOUND');
        if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
        if (s.endAt <= ctx.clock()) throw new DomainError('SESSION_OVER');
        const partstat = ({ accept: 'ACCEPTED', decline: 'DECLINED', tentative: 'TENTATIVE' } as const)[
          answer
        ];
        await repo.setPartstat(db, sessionId, participantId, partstat);
        return await view(s);
      });
    },

    async feed(participantId: string, name: string): Promise<string> {
      // The last 90 days and everything ahead: old entries stay in subscribers' calendars.
      const sessions = await Promise.all(
        (await repo.sessionsOf(db, participantId, ctx.clock() - 90 * DAY_MS)).map((s) => view(s)),
      );
      return feedCalendar(name, await Promise.all(sessions.map((v) => calendarSession(v, participantId))));
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
