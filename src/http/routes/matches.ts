import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { requireOrganizer, requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import { MatchesQuery, MatchSchema, matchView } from '../schemas/matching';
import { publicView } from '../schemas/participant';

/** Sends an already serialized JSON body as it is. */
function sendRaw(reply: FastifyReply, body: string) {
  return reply.type('application/json; charset=utf-8').send(body);
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 20;
  if (!/^\d{1,3}$/.test(raw)) throw new DomainError('INVALID_LIMIT');
  const n = Number(raw);
  if (n < 1 || n > 100) throw new DomainError('INVALID_LIMIT');
  return n;
}

/** Rendered match lists kept while nothing they show has changed; the oldest go first. */
const RENDERED_MAX = 2000;

export const matchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { matching } = app.services;
  const rendered = new Map<string, { generation: number; validUntil: number; body: string }>();
  const MatchesResponse = Type.Object({ matches: Type.Array(MatchSchema) });
  // matchView builds exactly the documented shape, so plain JSON is the same body.
  const serialize = (value: unknown) => JSON.stringify(value);

  app.get(
    '/api/matches',
    {
      schema: {
        tags: ['matching'],
        summary: 'Your best counterparts, best first, each with a score from 0 to 1 and its reasons',
        querystring: Type.Object({
          ...MatchesQuery.properties,
          lang: Type.Optional(
            Type.Enum(['en', 'zh'], { description: 'language of the reasons; default your own' }),
          ),
        }),
        response: { 200: MatchesResponse, ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const { limit, lang, ...filters } = req.query;
      const n = parseLimit(limit);
      const locale = lang ?? viewer.locale;
      const key = `${viewer.id}|${n}|${locale}|${filters.sector ?? ''}|${filters.interest ?? ''}|${filters.city ?? ''}|${filters.country ?? ''}|${filters.language ?? ''}`;
      const now = app.services.clock();
      const cached = rendered.get(key);
      if (cached && cached.generation === matching.generation() && now < cached.validUntil) {
        return sendRaw(reply, cached.body);
      }
      const result = await matching.matchesFor(viewer.id, n, filters);
      const body = serialize({ matches: result.matches.map((m) => matchView(m, locale)) });
      rendered.delete(key);
      rendered.set(key, { generation: result.generation, validUntil: result.validUntil, body });
      if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
      return sendRaw(reply, body);
    },
  );

  app.get(
    '/api/matches/hidden',
    {
      schema: {
        tags: ['matching'],
        summary: 'The people you hid',
        response: { 200: Type.Object({ hidden: Type.Array(Type.Ref('PublicParticipant')) }), ...errors(401) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return { hidden: (await matching.hidden(viewer.id)).map(publicView) };
    },
  );

  app.post(
    '/api/matches/hidden',
    {
      schema: {
        tags: ['matching'],
        summary: 'Hide someone: they leave your matches and cannot send you requests',
        body: Type.Object(
          { participantId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      await matching.hide(viewer.id, req.body.participantId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/matches/hidden/:id',
    {
      schema: {
        tags: ['matching'],
        summary: 'Show someone again',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      await matching.unhide(viewer.id, req.params.id);
      return reply.code(204).send(null);
    },
  );

  const MatchingSettings = Type.Object(
    { sameSide: Type.Boolean({ description: 'also match people of the same side (EU–EU, China–China)' }) },
    { additionalProperties: false },
  );

  app.get(
    '/api/admin/settings/matching',
    {
      schema: {
        tags: ['admin'],
        summary: 'Matching settings',
        response: { 200: MatchingSettings, ...errors(401, 403) },
      },
    },
    async (req) => {
      requireOrganizer(req);
      return { sameSide: await matching.sameSideAllowed() };
    },
  );

  app.put(
    '/api/admin/settings/matching',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change the matching settings (organizers)',
        body: MatchingSettings,
        response: { 200: MatchingSettings, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      requireOrganizer(req);
      await matching.setSameSideAllowed(req.body.sameSide);
      return { sameSide: await matching.sameSideAllowed() };
    },
  );
};
