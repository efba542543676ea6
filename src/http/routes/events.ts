/** Matchmaking events: settings, people, meetings, the scheduler, publishing, agendas and CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EVENT_LIMITS } from '../../domain/event';
import { formatClockMinutes, localClock } from '../../domain/time';
import { csvTable } from '../../services/csv';
import type { EventRow } from '../../services/events.service';
import { MAX_WEIGHT } from '../../services/events.service';
import { sendCsv } from '../csv-reply';
import { csvBody, requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';

const CSV_LIMIT_BYTES = 2 * 1024 * 1024;

const Window = Type.Object(
  { start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) },
  { additionalProperties: false },
);
const settingsFields = {
  name: Type.String({ maxLength: EVENT_LIMITS.name + 50 }),
  description: Type.String({ maxLength: EVENT_LIMITS.description + 1 }),
  timeZone: Type.String({
    maxLength: 64,
    description: 'the reference zone of the windows, e.g. Europe/Rome',
  }),
  days: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 60, description: 'ISO dates' }),
  windows: Type.Array(Window, { maxItems: 12, description: 'daily windows, HH:mm in the reference zone' }),
  slotMinutes: Type.Integer(),
  breakMinutes: Type.Integer(),
  parallelLimit: Type.Union([Type.Integer(), Type.Null()], {
    description: 'rooms or interpreters; null: no limit',
  }),
  joinPolicy: Type.Union([Type.Literal('open'), Type.Literal('invited')]),
  bookedPairs: Type.Union([Type.Literal('skip'), Type.Literal('include')], {
    description:
      'accepted requests whose two people already share a meeting outside the event: skipped (default) or placed again',
  }),
};
const EventParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const PersonParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  participantId: Type.String({ minLength: 1, maxLength: 64 }),
});
const MeetingParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  meetingId: Type.String({ minLength: 1, maxLength: 64 }),
});

export function eventView(e: EventRow) {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    timeZone: e.timeZone,
    days: e.days,
    windows: e.windows,
    slotMinutes: e.slotMinutes,
    breakMinutes: e.breakMinutes,
    parallelLimit: e.parallelLimit,
    joinPolicy: e.joinPolicy,
    bookedPairs: e.bookedPairs,
    scheduledAt: e.scheduledAt === null ? null : new Date(e.scheduledAt).toISOString(),
    publishedAt: e.publishedAt === null ? null : new Date(e.publishedAt).toISOString(),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { events } = app.services;

  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Create a matchmaking event (organizers)',
        body: Type.Object(
          {
            ...settingsFields,
            description: Type.Optional(settingsFields.description),
            breakMinutes: Type.Optional(settingsFields.breakMinutes),
            parallelLimit: Type.Optional(settingsFields.parallelLimit),
            joinPolicy: Type.Optional(settingsFields.joinPolicy),
            bookedPairs: Type.Optional(settingsFields.bookedPairs),
          },
          { additionalProperties: false },
        ),
        response: errors(400, 401, 403, 422),
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const b = req.body;
      const e = await events.create(viewer, {
        ...b,
        description: b.description ?? '',
        breakMinutes: b.breakMinutes ?? 0,
        parallelLimit: b.parallelLimit ?? null,
        joinPolicy: b.joinPolicy ?? 'open',
        bookedPairs: b.bookedPairs ?? 'skip',
      });
      return reply.code(201).send(eventView(e));
    },
  );

  app.get('/api/events', { schema: { tags: ['events'], summary: 'Events you may see' } }, async (req) => {
    const viewer = requireViewer(req);
    return (await events.list(viewer)).map((x) => ({
      ...eventView(x.event),
      joined: x.joined,
      slots: x.slots,
      start: x.start === null ? null : iso(x.start),
    }));
  });

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One event: slots, windows in every city, your place in it',
        params: EventParams,
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const v = await events.get(viewer, req.params.id);
      return {
        ...v,
        event: eventView(v.event),
        slots: v.slots.map((s) => ({ ...s, start: iso(s.start), end: iso(s.end) })),
        windows: v.windows.map((w) => ({ ...w, start: iso(w.start), end: iso(w.end) })),
      };
    },
  );

  app.patch(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Change an event (organizers); the slots stay fixed once meetings are placed',
        params: EventParams,
        body: Type.Partial(Type.Object(settingsFields, { additionalProperties: false })),
      },
    },
    async (req) => eventView(await events.update(requireViewer(req), req.params.id, req.body)),
  );

  app.post(
    '/api/events/:id/join',
    { schema: { tags: ['events'], summary: 'Join an open event', params: EventParams } },
    async (req, reply) => {
      await events.join(requireViewer(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/events/:id/join',
    { schema: { tags: ['events'], summary: 'Leave an event', params: EventParams } },
    async (req, reply) => {
      await events.leave(requireViewer(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/events/:id/participants',
    {
      schema: {
        tags: ['events'],
        summary: 'Add registered people to an event (organizers)',
        params: EventParams,
        body: Type.Object(
          { ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 5000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => ({ added: await events.addPeople(requireViewer(req), req.params.id, req.body.ids) }),
  );

  app.post(
    '/api/events/:id/participants.csv',
    {
      schema: {
        tags: ['events'],
        summary:
          'Import people from CSV (organizers): header with email, name, organisation, city, country, time_zone…',
        params: EventParams,
        consumes: ['text/csv'],
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return await events.importPeople(viewer, req.params.id, csvBody(req.body));
    },
  );

  app.delete(
    '/api/events/:id/participants/:participantId',
    {
      schema: {
        tags: ['events'],
        summary: 'Remove someone from an event (organizers)',
        params: PersonParams,
      },
    },
    async (req, reply) => {
      await events.leave(requireViewer(req), req.params.id, req.params.participantId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/events/:id/unavailable',
    {
      schema: {
        tags: ['events'],
        summary: 'The slots you cannot make (replaces the list)',
        params: EventParams,
        body: Type.Object(
          { slots: Type.Array(Type.String({ maxLength: 32 }), { maxItems: EVENT_LIMITS.slotsTotal }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => ({
      slots: await events.setUnavailable(requireViewer(req), req.params.id, req.body.slots),
    }),
  );

  app.post(
    '/api/events/:id/meetings',
    {
      schema: {
        tags: ['events'],
        summary: 'Add a meeting the scheduler must try first ("must meet"), or with a weight (organizers)',
        params: EventParams,
        body: Type.Object(
          {
            participants: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 8 }),
            weight: Type.Optional(Type.Integer({ description: `1 to ${MAX_WEIGHT}` })),
            mustMeet: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const m = await events.addMeeting(requireViewer(req), req.params.id, req.body);
      return reply.code(201).send(m);
    },
  );

  app.patch(
    '/api/events/:id/meetings/:meetingId',
    {
      schema: {
        tags: ['events'],
        summary: 'Weight, must-meet, lock, or move a meeting to a slot (moving locks it) (organizers)',
        params: MeetingParams,
        body: Type.Object(
          {
            weight: Type.Optional(Type.Integer()),
            mustMeet: Type.Optional(Type.Boolean()),
            locked: Type.Optional(Type.Boolean()),
            slot: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) =>
      await events.updateMeeting(requireViewer(req), req.params.id, req.params.meetingId, req.body),
  );

  app.delete(
    '/api/events/:id/meetings/:meetingId',
    {
      schema: {
        tags: ['events'],
        summary: 'Remove a meeting; a published one is cancelled with mails',
        params: MeetingParams,
      },
    },
    async (req, reply) => {
      await events.deleteMeeting(requireViewer(req), req.params.id, req.params.meetingId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/events/:id/schedule',
    {
      schema: {
        tags: ['events'],
        summary: 'Run the scheduler: accepted requests between participants are added; locked meetings stay',
        description:
          'The search runs beside the server for up to 2 s. 409 SCHEDULE_RUNNING while a run of the same ' +
          'event is under way; 409 EVENT_CHANGED_DURING_RUN (nothing stored) when the event changed ' +
          'meanwhile; 503 SCHEDULER_UNAVAILABLE (nothing stored) when the run could not finish.',
        params: EventParams,
        querystring: Type.Object({ seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })) }),
      },
    },
    async (req) => await events.run(requireViewer(req), req.params.id, req.query),
  );

  app.delete(
    '/api/events/:id/schedule',
    {
      schema: { tags: ['events'], summary: 'Clear every placement (before publishing)', params: EventParams },
    },
    async (req, reply) => {
      await events.clearSchedule(requireViewer(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/events/:id/publish',
    {
      schema: {
        tags: ['events'],
        summary:
          'Every placed meeting becomes a session with invites; moved ones are updated, dropped ones cancelled',
        params: EventParams,
      },
    },
    async (req) => await events.publish(requireViewer(req), req.params.id),
  );

  app.get(
    '/api/events/:id/agenda',
    {
      schema: {
        tags: ['events'],
        summary: 'Your meetings in the event with the gaps between them (organizers: ?participant=)',
        params: EventParams,
        querystring: Type.Object({ participant: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const a = await events.agenda(viewer, req.params.id, req.query.participant);
      return {
        participantId: a.person.id,
        timeZone: a.timeZone,
        entries: a.entries.map((e) => ({
          ...e.item,
          start: iso(e.start),
          end: iso(e.end),
          gapBefore: e.gapBefore,
        })),
      };
    },
  );

  app.get(
    '/api/events/:id/agenda.csv',
    {
      schema: {
        tags: ['events'],
        summary:
          'The agenda as CSV: every placed meeting (organizers) or yours, in UTC and each side’s time; `status` says whether its invitations have it there (`published`), elsewhere (`moved`, at `published_start_utc`) or not yet (`draft`)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const rows = await events.agendaRows(viewer, req.params.id);
      const local = (ms: number, zone: string) => {
        const c = localClock(ms, zone);
        return `${c.date} ${formatClockMinutes(c.minutes)}`;
      };
      const csv = csvTable(
        [
          'start_utc',
          'end_utc',
          'slot',
          'a_name',
          'a_organisation',
          'a_city',
          'a_local_start',
          'b_name',
          'b_organisation',
          'b_city',
          'b_local_start',
          'session_id',
          // A spreadsheet of the agenda is read as final: say which rows are not, yet.
          'status',
          'published_start_utc',
        ],
        rows.map((r) => [
          iso(r.start),
          iso(r.end),
          r.slot,
          r.a.name,
          r.a.organisation,
          r.a.city,
          local(r.start, r.a.timeZone),
          r.b.name,
          r.b.organisation,
          r.b.city,
          local(r.start, r.b.timeZone),
          r.sessionId ?? '',
          r.publishedStart === null ? 'draft' : r.publishedStart === r.start ? 'published' : 'moved',
          r.publishedStart === null ? '' : iso(r.publishedStart),
        ]),
      );
      return sendCsv(reply, `agenda-${req.params.id}`, csv);
    },
  );
};
