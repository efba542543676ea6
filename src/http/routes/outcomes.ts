/**
 * What came of a meeting: each person's answer and the follow-up, signed in or through a mailed
 * one-press link; and the pages those links open, refused with a 400 when the link is not valid.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { toLocalIso, toUtcIso } from '../../domain/time';
import type { AfterMeeting, Answerer, Question } from '../../services/outcomes.service';
import { requireViewer } from '../plugins/auth';
import { sendWebApp } from '../plugins/web';
import { errors, IdParams } from '../schemas/common';

export const AttendanceSchema = Type.Array(
  Type.Object({ participantId: Type.String(), present: Type.Boolean() }),
  { description: 'after the end: present means in the lobby at some moment of the scheduled time' },
);
export const OutcomesSchema = Type.Array(
  Type.Object({
    participantId: Type.String(),
    result: Type.Union([Type.String(), Type.Null()]),
    stage: Type.Union([Type.String(), Type.Null()]),
    note: Type.String({ description: 'the person’s own note: shown to them and to organizers only' }),
  }),
);
const AfterMeetingSchema = Type.Object({ attendance: AttendanceSchema, outcomes: OutcomesSchema });

const LinkFields = {
  participantId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'from a mailed link (`p`), with `token`' }),
  ),
  token: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'from a mailed link (`t`)' }),
  ),
};
const Note = Type.Optional(Type.String({ description: 'at most 2,000 characters' }));

function answerer(req: FastifyRequest, b: { participantId?: string; token?: string }): Answerer {
  return b.participantId && b.token
    ? { participantId: b.participantId, token: b.token }
    : { viewerId: requireViewer(req).id };
}

export const outcomeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { outcomes } = app.services;
  const shape = (a: AfterMeeting) => a;

  app.put(
    '/api/sessions/:id/outcome',
    {
      schema: {
        tags: ['after the meeting'],
        summary: 'What came of a meeting, from one of its people (from its end on)',
        params: IdParams,
        body: Type.Object(
          {
            result: Type.String({
              maxLength: 40,
              description: 'not-held · no-interest · informative · cooperation-possible',
            }),
            note: Note,
            ...LinkFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: AfterMeetingSchema, ...errors(400, 401, 404, 409, 422) },
      },
    },
    async (req) => shape(await outcomes.answerOutcome(req.params.id, answerer(req, req.body), req.body)),
  );

  app.put(
    '/api/sessions/:id/follow-up',
    {
      schema: {
        tags: ['after the meeting'],
        summary: 'Where the cooperation stands months after a meeting, from one of its people',
        params: IdParams,
        body: Type.Object(
          {
            stage: Type.String({
              maxLength: 40,
              description: 'no-contact · in-talks · agreement · mou-signed · pilot-launched',
            }),
            note: Note,
            ...LinkFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: AfterMeetingSchema, ...errors(400, 401, 404, 409, 422) },
      },
    },
    async (req) => shape(await outcomes.answerFollowUp(req.params.id, answerer(req, req.body), req.body)),
  );

  app.get(
    '/api/sessions/:id/question',
    {
      schema: {
        tags: ['after the meeting'],
        summary: 'What an answer page shows: the meeting, whom it was with, the answers so far',
        params: IdParams,
        querystring: Type.Object({
          kind: Type.Enum(['outcome', 'follow-up']),
          ...LinkFields,
        }),
        response: {
          200: Type.Object({
            id: Type.String(),
            title: Type.String(),
            start: Type.String(),
            end: Type.String(),
            over: Type.Boolean(),
            participantId: Type.String(),
            localStart: Type.String(),
            timeZone: Type.String({ description: 'the answering person’s zone' }),
            others: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                organisation: Type.String(),
                city: Type.String(),
              }),
            ),
            result: Type.Union([Type.String(), Type.Null()]),
            note: Type.String(),
            stage: Type.Union([Type.String(), Type.Null()]),
            stageNote: Type.String(),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const q = await outcomes.question(req.params.id, req.query.kind, answerer(req, req.query));
      return {
        id: q.session.id,
        title: q.session.title,
        start: toUtcIso(q.session.startAt),
        end: toUtcIso(q.session.endAt),
        over: q.session.endAt <= app.services.clock(),
        participantId: q.participantId,
        localStart: toLocalIso(q.session.startAt, q.me?.timeZone ?? 'UTC'),
        timeZone: q.me?.timeZone ?? 'UTC',
        others: q.others.map((o) => ({ id: o.id, name: o.name, organisation: o.organisation, city: o.city })),
        result: q.result,
        note: q.note,
        stage: q.stage,
        stageNote: q.stageNote,
      };
    },
  );

  // The pages the mailed links open. Opening one changes nothing (mail scanners open links); a
  // link that was changed or is someone else's gets its page with a 400, which says so.
  for (const kind of ['outcome', 'follow-up'] as Question[]) {
    app.get(
      `/sessions/:id/${kind}`,
      {
        schema: {
          hide: true,
          params: IdParams,
          querystring: Type.Object({
            p: Type.Optional(Type.String({ maxLength: 64 })),
            t: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        },
      },
      async (req, reply) => {
        // The token is in the URL: no referrer may carry it to anything the page loads.
        reply.header('referrer-policy', 'no-referrer');
        const { p, t } = req.query as { p?: string; t?: string };
        if (p || t) {
          const ok = !!p && !!t && (await outcomes.linkIsValid(kind, req.params.id, p, t));
          if (!ok) reply.code(400);
        }
        return sendWebApp(reply);
      },
    );
  }
};
