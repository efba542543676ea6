/**
 * Other times proposed for a session from a calendar client (iTIP COUNTER, received by mail): the
 * hosts see each with everyone's local times, and accept one (a reschedule) or decline it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toLocalIso, toUtcIso } from '../../domain/time';
import { requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import { SessionSchema, sessionView } from './sessions';

const ProposalSchema = Type.Object({
  id: Type.String(),
  status: Type.Enum(['open', 'accepted', 'declined']),
  stale: Type.Boolean({ description: 'the session was changed after this time was proposed' }),
  start: Type.String(),
  end: Type.String(),
  comment: Type.String(),
  createdAt: Type.String(),
  from: Type.Object({ id: Type.String(), name: Type.String(), city: Type.String() }),
  local: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      city: Type.String(),
      timeZone: Type.String(),
      start: Type.String({ description: 'the proposed start in this person’s zone, with its offset' }),
      end: Type.String(),
      currentStart: Type.String({ description: 'the session’s start now, in this person’s zone' }),
    }),
    { description: 'the proposer and the hosts' },
  ),
});

const ProposalParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  proposalId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { calendarMail } = app.services;

  app.get(
    '/api/sessions/:id/proposals',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Other times proposed from calendar clients (COUNTER), oldest first: hosts and organizers',
        params: IdParams,
        response: { 200: Type.Object({ proposals: Type.Array(ProposalSchema) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const { view, proposals } = await calendarMail.proposals(requireViewer(req), req.params.id);
      const s = view.session;
      return {
        proposals: proposals.flatMap((p) => {
          const from = view.people.find((x) => x.participantId === p.participantId);
          if (!from) return [];
          const shown = view.people.filter((x) => x.role === 'host' || x.participantId === p.participantId);
          return [
            {
              id: p.id,
              status: p.status,
              stale: p.sequence !== s.sequence,
              start: toUtcIso(p.startAt),
              end: toUtcIso(p.endAt),
              comment: p.comment,
              createdAt: toUtcIso(p.createdAt),
              from: { id: from.participantId, name: from.participant.name, city: from.participant.city },
              local: shown.map((x) => ({
                id: x.participantId,
                name: x.participant.name,
                city: x.participant.city,
                timeZone: x.participant.timeZone,
                start: toLocalIso(p.startAt, x.participant.timeZone),
                end: toLocalIso(p.endAt, x.participant.timeZone),
                currentStart: toLocalIso(s.startAt, x.participant.timeZone),
              })),
            },
          ];
        }),
      };
    },
  );

  app.post(
    '/api/sessions/:id/proposals/:proposalId/accept',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Move the session to a proposed time: a reschedule (sequence + 1, updated invites)',
        params: ProposalParams,
        response: { 200: SessionSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const v = await calendarMail.accept(viewer, req.params.id, req.params.proposalId);
      return sessionView(v, app.config.publicUrl, viewer);
    },
  );

  app.post(
    '/api/sessions/:id/proposals/:proposalId/decline',
    {
      schema: {
        tags: ['scheduling'],
        summary: 'Decline a proposed time; the session stays as it is',
        params: ProposalParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await calendarMail.decline(requireViewer(req), req.params.id, req.params.proposalId);
      return reply.code(204).send(null);
    },
  );
};
