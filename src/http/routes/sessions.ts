import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { toLocalIso, toUtcIso } from '../../domain/time';
import type { SessionView } from '../../services/sessions.service';
import { createWebinarAnnouncer } from '../../services/webinar-announce.service';
import { sendErrorPage, wantsPage } from '../error-page';
import { requireOrganizer, requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import { AttendanceSchema, OutcomesSchema } from './outcomes';

const Iso = Type.String({ description: 'ISO 8601 instant with an offset or Z' });
/** Only https links: the lobby puts this in an href, where a javascript: URL would run. */
const VideoUrl = Type.String({
  format: 'uri',
  pattern: '^https://',
  maxLength: 500,
  description: 'an https link to the video call (a Tencent Meeting or VooV link, for example)',
});

export const SessionSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['meeting', 'webinar']),
  title: Type.String(),
  description: Type.String(),
  start: Type.String(),
  end: Type.String(),
  status: Type.Enum(['confirmed', 'cancelled']),
  sequence: Type.Integer(),
  lobbyUrl: Type.String(),
  icsUrl: Type.String(),
  videoUrl: Type.Optional(
    Type.String({ description: 'the call’s link: only to the session’s hosts and organizers' }),
  ),
  registered: Type.Optional(
    Type.Integer({ description: 'a webinar’s registrants (attendees), however many the reader may see' }),
  ),
  people: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      organisation: Type.String(),
      city: Type.String(),
      timeZone: Type.String(),
      role: Type.Enum(['host', 'attendee']),
      answer: Type.Enum(['NEEDS-ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE']),
      localStart: Type.String({ description: 'the start in this person’s zone, with its offset' }),
      localEnd: Type.String(),
      former: Type.Optional(
        Type.Boolean({
          description: 'true for a person who erased their account: no name, shown as a former participant',
        }),
      ),
    }),
  ),
  attendance: Type.Optional(AttendanceSchema),
  outcomes: Type.Optional(OutcomesSchema),
});

/** The session as GET /api/sessions/:id gives it: also what concerns the reader alone. */
const SessionForReaderSchema = Type.Object({
  ...SessionSchema.properties,
  removedFromLobby: Type.Optional(
    Type.Literal(true, {
      description:
        'present (true) only when a host removed the reader themself from this session’s lobby, ' +
        'which then refuses them until the session ends; never about anyone else',
    }),
  ),
});

/** Who is reading a session: a signed-in person (with their role) or the reader of a mailed link. */
export type SessionReader = { id: string; role?: string };

/**
 * May `reader` see everything of the session (its video link, and all of a webinar's people)?
 * Organizers and the session's hosts may; in a meeting everyone is a host.
 */
function privileged(v: SessionView, reader: SessionReader): boolean {
  // The reader of a mailed link is not signed in: the link may have been forwarded, so it never
  // carries the video link (the lobby gives that once they are let in).
  if (reader.role === undefined) return false;
  if (reader.role === 'organizer') return true;
  return v.people.some((p) => p.participantId === reader.id && p.role === 'host');
}

/**
 * Whose part of the session the reader sees. A webinar's registrants never see one another, not
 * even their names: an attendee sees the hosts and themselves (and how many are registered), as
 * in the lobby and in the invites.
 */
export function visibleTo(v: SessionView, reader: SessionReader): (participantId: string) => boolean {
  if (v.session.kind === 'meeting' || privileged(v, reader)) return () => true;
  const self = reader.id;
  const hosts = new Set(v.people.filter((p) => p.role === 'host').map((p) => p.participantId));
  return (id) => id === self || hosts.has(id);
}

/** The session as `reader` may see it; hosts and organizers also get the video link. */
export function sessionView(v: SessionView, publicUrl: string, reader: SessionReader) {
  const s = v.session;
  const shown = visibleTo(v, reader);
  return {
    ...(privileged(v, reader) ? { videoUrl: v.videoUrl } : {}),
    id: s.id,
    kind: s.kind,
    title: s.title,
    description: s.description,
    start: toUtcIso(s.startAt),
    end: toUtcIso(s.endAt),
    status: s.status,
    sequence: s.sequence,
    lobbyUrl: v.lobbyUrl,
    icsUrl: `${publicUrl}/api/sessions/${s.id}/invite.ics`,
    ...(s.kind === 'webinar' ? { registered: v.people.filter((p) => p.role === 'attendee').length } : {}),
    people: v.people
      .filter((p) => shown(p.participantId))
      .map((p) => ({
        id: p.participantId,
        name: p.participant.name,
        organisation: p.participant.organisation,
        city: p.participant.city,
        timeZone: p.participant.timeZone,
        role: p.role,
        answer: p.partstat,
        localStart: toLocalIso(s.startAt, p.participant.timeZone),
        localEnd: toLocalIso(s.endAt, p.participant.timeZone),
        ...(p.participant.erasedAt !== null ? { former: true } : {}),
      })),
  };
}

/** Attendance and answers after a session, cut to the people the reader may see. */
function afterFor<
  T extends { attendance?: { participantId: string }[]; outcomes?: { participantId: string }[] },
>(v: SessionView, reader: SessionReader, after: T | undefined): T | undefined {
  if (!after) return after;
  const shown = visibleTo(v, reader);
  return {
    ...after,
    ...(after.attendance ? { attendance: after.attendance.filter((a) => shown(a.participantId)) } : {}),
    ...(after.outcomes ? { outcomes: after.outcomes.filter((o) => shown(o.participantId)) } : {}),
  };
}

const MeetingBody = Type.Object(
  {
    kind: Type.Literal('meeting'),
    with: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 7 }),
    start: Iso,
    duration: Type.Integer({ description: 'minutes, a multiple of 5, at most 480' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'the agenda, shown on the meeting page and in the invite',
      }),
    ),
    requestId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
const WebinarBody = Type.Object(
  {
    kind: Type.Literal('webinar'),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    hosts: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 }),
    start: Iso,
    duration: Type.Integer(),
    videoUrl: Type.Optional(VideoUrl),
    outsideHours: Type.Optional(
      Type.Boolean({
        description:
          'true: set it even outside a host’s working hours or on their holiday (after the OUTSIDE_WORKING_HOURS warning); hosts must still be free',
      }),
    ),
  },
  { additionalProperties: false },
);

const LinkQuery = Type.Object(
  {
    p: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'with t: the participant of a mailed link' }),
    ),
    t: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'with p: the token of a mailed link' }),
    ),
  },
  { additionalProperties: false },
);

const { videoUrl: _hostsOnly, ...sessionFields } = SessionSchema.properties;
const InvitationSchema = Type.Object({
  ...sessionFields,
  you: Type.String({ description: 'the participant the link was mailed to' }),
});

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions } = app.services;
  const view = (v: SessionView, reader: SessionReader) => sessionView(v, app.config.publicUrl, reader);

  app.get(
    '/api/slots',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Times inside everyone’s working hours, off holidays and bookings, best first',
        querystring: Type.Object({
          with: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 7 }),
          from: Type.Optional(Iso),
          to: Type.Optional(Iso),
          duration: Type.Optional(Type.String({ description: 'minutes; default 30' })),
        }),
        response: {
          200: Type.Object({
            slots: Type.Array(
              Type.Object({
                start: Type.String(),
                end: Type.String(),
                score: Type.Number(),
                local: Type.Record(Type.String(), Type.String()),
                comfort: Type.Record(Type.String(), Type.Number()),
              }),
            ),
            reason: Type.Optional(Type.Object({ code: Type.String(), text: Type.String() })),
            people: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                city: Type.String(),
                timeZone: Type.String(),
                free: Type.Array(Type.Object({ start: Type.String(), end: Type.String() }), {
                  description: 'free working time in the range (working hours minus holidays and bookings)',
                }),
                holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
              }),
            ),
            suggestions: Type.Array(
              Type.Object({
                start: Type.String(),
                end: Type.String(),
                outsideHours: Type.Literal(true),
                outside: Type.Record(Type.String(), Type.Integer()),
                local: Type.Record(Type.String(), Type.String()),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const r = await sessions.slots(viewer.id, req.query.with, req.query);
      const local = (ms: number) =>
        Object.fromEntries(r.people.map((p) => [p.id, toLocalIso(ms, p.timeZone)]));
      return {
        slots: r.slots.map((s) => ({
          start: toUtcIso(s.start),
          end: toUtcIso(s.end),
          score: s.score,
          local: local(s.start),
          comfort: s.comfort,
        })),
        ...(r.reason ? { reason: { code: r.reason, text: REASONS[r.reason][viewer.locale] } } : {}),
        people: r.people.map((p) => ({
          id: p.id,
          name: p.name,
          city: p.city,
          timeZone: p.timeZone,
          free: (r.free.get(p.id) ?? []).map((i) => ({ start: toUtcIso(i.start), end: toUtcIso(i.end) })),
          holidays: r.holidays.get(p.id) ?? [],
        })),
        suggestions: r.suggestions.map((s) => ({
          start: toUtcIso(s.start),
          end: toUtcIso(s.end),
          outsideHours: true as const,
          outside: s.outside,
          local: local(s.start),
        })),
      };
    },
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Book a meeting, or (organizers) create a webinar; invites are mailed',
        body: Type.Union([MeetingBody, WebinarBody]),
        response: { 201: SessionSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const b = req.body;
      const v =
        b.kind === 'meeting'
          ? await sessions.bookMeeting(viewer, b)
          : await sessions.createWebinar(b, requireOrganizer(req).id);
      return reply.code(201).send(view(v, viewer));
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'A session with its people and their local times',
        params: IdParams,
        response: { 200: SessionForReaderSchema, ...errors(401, 404) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const v = await sessions.get(viewer, req.params.id);
      const after = await app.services.outcomes.afterMeeting(
        [v.session.id],
        viewer.id,
        viewer.role === 'organizer',
      );
      const removed = await app.services.lobby.removedFromLobby(v.session.id, viewer.id);
      return {
        ...view(v, viewer),
        ...afterFor(v, viewer, after.get(v.session.id)),
        ...(removed ? { removedFromLobby: true as const } : {}),
      };
    },
  );

  app.patch(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Reschedule, rename or set the video link: same id, sequence + 1, updated invites',
        params: IdParams,
        body: Type.Object(
          {
            start: Type.Optional(Iso),
            duration: Type.Optional(Type.Integer()),
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            videoUrl: Type.Optional(
              Type.Union([VideoUrl, Type.Null()], {
                description: 'the call’s link; null goes back to the room made from VIDEO_URL_TEMPLATE',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return view(await sessions.reschedule(viewer, req.params.id, req.body), viewer);
    },
  );

  app.post(
    '/api/sessions/:id/rsvp',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Accept or decline an invite: signed in, or with the participant and token of a mailed link',
        params: IdParams,
        body: Type.Object(
          {
            answer: Type.Enum(['accept', 'decline', 'tentative']),
            participantId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema, ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => {
      const { answer, participantId, token } = req.body;
      const viewer = participantId && token ? { id: participantId } : requireViewer(req);
      const who = participantId && token ? { participantId, token } : { viewerId: viewer.id };
      return view(await sessions.respond(req.params.id, who, answer), viewer);
    },
  );

  app.post(
    '/api/sessions/:id/cancel',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Cancel; cancellation invites are mailed',
        params: IdParams,
        response: { 200: SessionSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return view(await sessions.cancel(viewer, req.params.id), viewer);
    },
  );

  app.post(
    '/api/sessions/:id/register',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Register for a webinar; an invite is mailed',
        params: IdParams,
        response: { 200: SessionSchema, 201: SessionSchema, ...errors(401, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const r = await sessions.register(viewer.id, req.params.id);
      return reply.code(r.created ? 201 : 200).send(view(r.view, viewer));
    },
  );

  app.get(
    '/api/sessions/:id/slots',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Webinar times that the largest share of registrants can attend inside their working hours',
        params: IdParams,
        querystring: Type.Object({ from: Type.Optional(Iso), to: Type.Optional(Iso) }),
        response: {
          200: Type.Object({
            slots: Type.Array(
              Type.Object({
                start: Type.String(),
                end: Type.String(),
                coverage: Type.Number(),
                available: Type.Array(Type.String()),
                byCity: Type.Record(
                  Type.String(),
                  Type.Object({ available: Type.Integer(), total: Type.Integer() }),
                ),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    async (req) => {
      const slots = await sessions.webinarSlots(requireViewer(req), req.params.id, req.query);
      return { slots: slots.map((s) => ({ ...s, start: toUtcIso(s.start), end: toUtcIso(s.end) })) };
    },
  );

  app.get(
    '/api/sessions/:id/invite.ics',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'The session as an iCalendar file: signed in, or with the participant and token of a mailed link',
        params: IdParams,
        querystring: LinkQuery,
      },
    },
    async (req, reply) => {
      const { p, t } = req.query;
      try {
        const ics = await sessions.inviteIcs(
          p && t ? { participantId: p, token: t } : requireViewer(req),
          req.params.id,
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="twinning-${req.params.id.slice(0, 8)}.ics"`)
          .send(ics);
      } catch (err) {
        // Opened from a mail on a phone: a browser gets a page that says what went wrong, not JSON.
        if (err instanceof DomainError && wantsPage(req.headers.accept))
          return sendErrorPage(reply, err, app.config.publicUrl);
        throw err;
      }
    },
  );

  const announcer = createWebinarAnnouncer(app.services.ctx);
  app.get(
    '/api/sessions/:id/announcement',
    {
      schema: {
        tags: ['scheduling'],
        summary:
          'Organizers: how many people an announcement of this webinar would reach (confirmed, visible, the webinar inside their working hours, not in it, not told yet)',
        params: IdParams,
        response: { 200: Type.Object({ recipients: Type.Integer() }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requireOrganizer(req);
      return await announcer.preview(req.params.id);
    },
  );

  app.post(
    '/api/sessions/:id/announcement',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Organizers: mail the webinar to the people it suits, each once, in their language and time',
        params: IdParams,
        response: { 200: Type.Object({ sent: Type.Integer() }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requireOrganizer(req);
      return await announcer.announce(req.params.id);
    },
  );

  app.get(
    '/api/sessions/:id/invitation',
    {
      schema: {
        tags: ['scheduling'],
        summary:
          'A mailed invite as its link shows it, without a login: what, when in each person’s time, with whom',
        params: IdParams,
        querystring: Type.Object(
          {
            p: Type.String({
              minLength: 1,
              maxLength: 64,
              description: 'the participant of the mailed link',
            }),
            t: Type.String({ minLength: 1, maxLength: 200, description: 'the token of the mailed link' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: InvitationSchema, ...errors(400, 404) },
      },
    },
    async (req) => {
      const { p, t } = req.query;
      const v = await sessions.invitation(req.params.id, p, t);
      return {
        ...view(v, { id: p }),
        you: p,
        icsUrl: `${app.config.publicUrl}/api/sessions/${v.session.id}/invite.ics?p=${encodeURIComponent(p)}&t=${encodeURIComponent(t)}`,
      };
    },
  );

  app.get(
    '/api/webinars',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Webinars ahead, soonest first, with their hosts, registrations and your part in each',
        response: {
          200: Type.Object({
            webinars: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                description: Type.String(),
                start: Type.String(),
                end: Type.String(),
                live: Type.Boolean(),
                registrants: Type.Integer(),
                you: Type.Union([Type.Enum(['host', 'attendee']), Type.Null()]),
                lobbyUrl: Type.String(),
                hosts: Type.Array(
                  Type.Object({
                    id: Type.String(),
                    name: Type.String(),
                    organisation: Type.String(),
                    city: Type.String(),
                    timeZone: Type.String(),
                  }),
                ),
              }),
            ),
          }),
          ...errors(401),
        },
      },
    },
    async (req) => ({
      webinars: (await sessions.webinars(requireViewer(req).id)).map((w) => ({
        id: w.session.id,
        title: w.session.title,
        description: w.session.description,
        start: toUtcIso(w.session.startAt),
        end: toUtcIso(w.session.endAt),
        live: w.session.liveAt !== null && w.session.endedAt === null,
        registrants: w.registrants,
        you: w.myRole,
        lobbyUrl: w.lobbyUrl,
        hosts: w.hosts.map((h) => ({
          id: h.id,
          name: h.name,
          organisation: h.organisation,
          city: h.city,
          timeZone: h.timeZone,
        })),
      })),
    }),
  );

  app.get(
    '/api/me/sessions',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Your sessions, soonest first',
        description:
          'Refusals: INVALID_INSTANT (from or to is not an ISO 8601 instant with an offset, from the year 2000 to 2099), INVALID_RANGE (to is not after from).',
        querystring: Type.Object({
          from: Type.Optional(
            Type.String({
              description: 'only sessions that end after this instant; default: a day before now',
              examples: ['2027-05-11T00:00:00Z'],
            }),
          ),
          to: Type.Optional(
            Type.String({ description: 'only sessions that start before this instant; default: no end' }),
          ),
        }),
        response: { 200: Type.Object({ sessions: Type.Array(SessionSchema) }), ...errors(400, 401) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const mine = await sessions.mine(viewer.id, req.query);
      const after = await app.services.outcomes.afterMeeting(
        mine.map((v) => v.session.id),
        viewer.id,
        false,
      );
      return {
        sessions: mine.map((v) => ({ ...view(v, viewer), ...afterFor(v, viewer, after.get(v.session.id)) })),
      };
    },
  );

  app.get(
    '/calendar/:file',
    {
      schema: {
        tags: ['calendar'],
        summary: 'A participant’s live calendar feed (secret URL)',
        params: Type.Object({ file: Type.String({ maxLength: 200 }) }),
      },
    },
    async (req, reply) => {
      const token = req.params.file.replace(/\.ics$/, '');
      const person =
        token.length >= 20 ? await app.services.participants.findByCalendarToken(token) : undefined;
      if (!person)
        throw new DomainError('NOT_FOUND', 'No calendar at this address (it may have been reset).');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(await sessions.feed(person.id, person.name));
    },
  );
};

const REASONS = {
  NO_COMMON_WORKING_HOURS: {
    en: 'No common working hour in this range: your working days do not overlap. The closest times outside working hours are listed.',
    zh: '在此时间范围内没有共同的工作时间。下面列出了工作时间之外最接近的时段。',
  },
  HOLIDAYS: {
    en: 'Public holidays take up every common working hour in this range. Try later dates.',
    zh: '此时间范围内的共同工作时间恰逢公共假日，请选择其他日期。',
  },
  ALL_BUSY: {
    en: 'Every common working hour in this range is already booked.',
    zh: '此时间范围内的共同工作时间已被预订。',
  },
  TOO_SHORT: {
    en: 'The common working time in this range is shorter than the meeting.',
    zh: '此时间范围内的共同工作时间短于会议时长。',
  },
} as const;
