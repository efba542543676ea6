/** Development conveniences: the mailbox of unsent mail and one-click demo sign-in. Off in production. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { setLoginCookie } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';

const Mail = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  to: Type.String(),
  toName: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.String(),
  hasInvite: Type.Boolean(),
  icalMethod: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const devRoutes: FastifyPluginAsyncTypebox = async (app) => {
  if (!app.config.devTools) return;
  const { dev } = app.services;

  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Recent mail in the outbox (development only)',
        querystring: Type.Object({
          to: Type.Optional(Type.String({ maxLength: 320 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: { 200: Type.Object({ mails: Type.Array(Mail) }) },
      },
    },
    async (req) => ({ mails: await dev.mailbox(req.query.to, req.query.limit ?? 50) }),
  );

  app.get(
    '/api/dev/mailbox/:id/html',
    { schema: { tags: ['development'], summary: 'A mail’s HTML part', params: IdParams } },
    async (req, reply) => {
      const html = await dev.mailHtml(req.params.id);
      if (html === undefined) throw new DomainError('NOT_FOUND', 'No such mail.');
      // The mail is shown as a document of its own that may run nothing.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/api/dev/people',
    {
      schema: {
        tags: ['development'],
        summary: 'People to sign in as in one click (development only)',
        response: {
          200: Type.Object({
            people: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                organisation: Type.String(),
                city: Type.String(),
                role: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ people: await dev.people() }),
  );

  app.post(
    '/api/dev/login-as',
    {
      schema: {
        tags: ['development'],
        summary: 'Sign in as a participant without a mail (development only)',
        body: Type.Object({ participantId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (req, reply) => {
      await app.services.participants.get(req.body.participantId);
      setLoginCookie(
        app,
        reply,
        await app.services.auth.startLogin(req.body.participantId, req.headers['user-agent']),
      );
      return reply.code(204).send(null);
    },
  );
};
