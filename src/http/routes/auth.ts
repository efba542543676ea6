import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { NEXT_MAX_LENGTH } from '../../domain/next-path';
import { normaliseEmail } from '../../domain/profile';
import { clearLoginCookie, requireViewer, setLoginCookie } from '../plugins/auth';
import { errors } from '../schemas/common';

function rateLimited(message: string) {
  return () => ({ statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', message });
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth } = app.services;
  const limits = app.config.rateLimits;
  const perAddress = {
    max: limits.loginPerAddress,
    timeWindow: limits.windowMs,
    errorResponseBuilder: rateLimited('Too many sign-in attempts from your network; wait a few minutes.'),
  };

  // Counted per email as well as per address, so nobody can fill someone's mailbox with links.
  const emailLimiter = app.createRateLimit({
    max: limits.loginPerEmail,
    timeWindow: limits.windowMs,
    keyGenerator: (req) => `email:${normaliseEmail(String((req.body as { email?: unknown })?.email ?? ''))}`,
  });
  const perEmail = async (req: FastifyRequest, reply: FastifyReply) => {
    const result = await emailLimiter(req);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', result.ttlInSeconds);
      throw new DomainError(
        'RATE_LIMITED',
        'Too many sign-in links asked for this email; wait a few minutes.',
      );
    }
  };

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: perAddress },
      preHandler: perEmail,
      schema: {
        tags: ['sign-in'],
        summary: 'Mail a single-use sign-in link (answers 202 whether or not the email is registered)',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 320 }),
            next: Type.Optional(
              Type.String({
                maxLength: NEXT_MAX_LENGTH,
                description:
                  'a path on this site to open after signing in (e.g. /requests); anything else is ignored',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({ status: Type.Literal('sent-if-registered') }),
          ...errors(400, 422, 429),
        },
      },
    },
    async (req, reply) => {
      await auth.requestSignIn(req.body.email, req.body.next);
      return reply.code(202).send({ status: 'sent-if-registered' as const });
    },
  );

  app.post(
    '/api/auth/verify',
    {
      config: { rateLimit: perAddress },
      schema: {
        tags: ['sign-in'],
        summary: 'Use a sign-in token: answers 204 with a new sid cookie',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 429) },
      },
    },
    async (req, reply) => {
      const { sid } = await auth.verify(req.body.token, req.headers['user-agent']);
      setLoginCookie(app, reply, sid);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign out: the login is deleted on the server',
        response: { 204: Type.Null(), ...errors(401) },
      },
    },
    async (req, reply) => {
      await auth.logout(requireViewer(req));
      clearLoginCookie(app, reply);
      return reply.code(204).send(null);
    },
  );
};
