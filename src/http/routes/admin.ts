/** Organizers' overview of the whole programme: counts, participants, requests and sessions, as JSON and CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toUtcIso } from '../../domain/time';
import type { ParticipantSummary, RequestSummary, SessionSummary } from '../../services/admin.service';
import { sendCsv } from '../csv-reply';
import { csvBody, requireViewer } from '../plugins/auth';
import { errors } from '../schemas/common';

const CSV_LIMIT_BYTES = 2 * 1024 * 1024;

const RequestStatus = Type.Enum(['pending', 'accepted', 'declined', 'withdrawn', 'expired']);
const SessionKind = Type.Enum(['meeting', 'webinar']);
const SessionStatus = Type.Enum(['confirmed', 'cancelled']);
const Limit = Type.Integer({ minimum: 1, maximum: 5000, default: 500 });

const PersonRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  organisation: Type.String(),
  city: Type.String(),
  country: Type.String(),
  timeZone: Type.String(),
});
const Nullable = <T extends ReturnType<typeof Type.Object>>(t: T) => Type.Union([t, Type.Null()]);

const ParticipantRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  organisation: Type.String(),
  city: Type.String(),
  country: Type.String(),
  timeZone: Type.String(),
  role: Type.Enum(['participant', 'organizer']),
  languages: Type.Array(Type.String()),
  sectors: Type.Array(Type.String()),
  registeredAt: Type.String(),
  requestsSent: Type.Integer(),
  requestsReceived: Type.Integer(),
  requestsAccepted: Type.Integer(),
  upcomingSessions: Type.Integer(),
});

const RequestRow = Type.Object({
  id: Type.String(),
  status: RequestStatus,
  message: Type.String(),
  createdAt: Type.String(),
  respondedAt: Type.Union([Type.String(), Type.Null()]),
  from: Nullable(PersonRef),
  to: Nullable(PersonRef),
});

const SessionRow = Type.Object({
  id: Type.String(),
  kind: SessionKind,
  status: SessionStatus,
  title: Type.String(),
  start: Type.String(),
  end: Type.String(),
  people: Type.Integer(),
  hosts: Type.Array(PersonRef),
  eventId: Type.Union([Type.String(), Type.Null()]),
  live: Type.Boolean(),
});

const personRef = (
  p:
    | { id: string; name: string; organisation: string; city: string; country: string; timeZone: string }
    | undefined,
) =>
  p
    ? {
        id: p.id,
        name: p.name,
        organisation: p.organisation,
        city: p.city,
        country: p.country,
        timeZone: p.timeZone,
      }
    : null;

const participantRow = ({ person: p, ...n }: ParticipantSummary) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  organisation: p.organisation,
  city: p.city,
  country: p.country,
  timeZone: p.timeZone,
  role: p.role,
  languages: p.languages,
  sectors: p.sectors,
  registeredAt: toUtcIso(p.createdAt),
  ...n,
});

const requestRow = ({ request: r, from, to }: RequestSummary) => ({
  id: r.id,
  status: r.status,
  message: r.message,
  createdAt: toUtcIso(r.createdAt),
  respondedAt: r.respondedAt === null ? null : toUtcIso(r.respondedAt),
  from: personRef(from),
  to: personRef(to),
});

const sessionRow = ({ session: s, people, hosts }: SessionSummary) => ({
  id: s.id,
  kind: s.kind,
  status: s.status,
  title: s.title,
  start: toUtcIso(s.startAt),
  end: toUtcIso(s.endAt),
  people,
  hosts: hosts.map((h) => personRef(h)!),
  eventId: s.eventId,
  live: s.liveAt !== null && s.endedAt === null,
});

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { admin } = app.services;

  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/admin/overview',
    {
      schema: {
        tags: ['admin'],
        summary: 'Counts across the programme: people by role and country, requests, sessions ahead, mail',
        response: {
          200: Type.Object({
            participants: Type.Object({
              total: Type.Integer(),
              participant: Type.Integer(),
              organizer: Type.Integer(),
              byCountry: Type.Record(Type.String(), Type.Integer()),
            }),
            requests: Type.Record(Type.String(), Type.Integer()),
            upcomingSessions: Type.Object({ meeting: Type.Integer(), webinar: Type.Integer() }),
            events: Type.Integer(),
            outbox: Type.Record(Type.String(), Type.Integer()),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (req) => await admin.overview(requireViewer(req)),
  );

  const ParticipantsQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), limit: Limit });
  app.get(
    '/api/admin/participants',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Every participant with email, role and activity; `q` searches name, email, organisation, city',
        querystring: ParticipantsQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), participants: Type.Array(ParticipantRow) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const r = await admin.participants(requireViewer(req), req.query);
      return { total: r.total, participants: r.people.map(participantRow) };
    },
  );

  app.get(
    '/api/admin/participants.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'The participants as CSV, in the columns the import reads',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) =>
      sendCsv(reply, 'participants', await admin.participantsCsv(requireViewer(req), req.query)),
  );

  app.post(
    '/api/admin/participants.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'Register people from CSV (email, name, organisation, city, country, time_zone, languages…)',
        consumes: ['text/csv'],
        response: {
          200: Type.Object({ registered: Type.Integer(), already: Type.Integer() }),
          ...errors(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (req) => await admin.importParticipants(requireViewer(req), csvBody(req.body)),
  );

  app.get(
    '/api/admin/requests',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every meeting request, newest first',
        querystring: Type.Object({ status: Type.Optional(RequestStatus), limit: Limit }),
        response: {
          200: Type.Object({ total: Type.Integer(), requests: Type.Array(RequestRow) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const r = await admin.requests(requireViewer(req), req.query);
      return { total: r.total, requests: r.requests.map(requestRow) };
    },
  );

  app.get(
    '/api/admin/requests.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every meeting request as CSV',
        querystring: Type.Object({ status: Type.Optional(RequestStatus) }),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => sendCsv(reply, 'requests', await admin.requestsCsv(requireViewer(req), req.query)),
  );

  const SessionsQuery = {
    kind: Type.Optional(SessionKind),
    status: Type.Optional(SessionStatus),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO instant; default: a day ago' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO instant' })),
  };
  app.get(
    '/api/admin/sessions',
    {
      schema: {
        tags: ['admin'],
        summary: 'Meetings and webinars ending after `from`, soonest first, with their hosts and size',
        querystring: Type.Object({ ...SessionsQuery, limit: Limit }),
        response: {
          200: Type.Object({ total: Type.Integer(), sessions: Type.Array(SessionRow) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const r = await admin.sessions(requireViewer(req), req.query);
      return { total: r.total, sessions: r.sessions.map(sessionRow) };
    },
  );

  app.get(
    '/api/admin/sessions.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'The same sessions as CSV (UTC times)',
        querystring: Type.Object(SessionsQuery),
        response: errors(400, 401, 403),
      },
    },
    async (req, reply) => sendCsv(reply, 'sessions', await admin.sessionsCsv(requireViewer(req), req.query)),
  );
};
