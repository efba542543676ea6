import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireViewer, setLoginCookie } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import { PrivateParticipant, privateView, publicView, RegisterBody } from '../schemas/participant';

export const participantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/participants',
    {
      config: {
        rateLimit: { max: app.config.rateLimits.loginPerAddress, timeWindow: app.config.rateLimits.windowMs },
      },
      schema: {
        tags: ['profile'],
        summary: 'Register, and be signed in',
        description:
          'Refusals: MISSING_FIELD, UNKNOWN_FIELD, INVALID_TYPE, INVALID_EMAIL, INVALID_NAME, INVALID_TIME_ZONE, INVALID_COUNTRY, INVALID_LANGUAGE, UNKNOWN_SECTOR, UNKNOWN_INTEREST, INVALID_WORKING_HOURS, EMAIL_TAKEN, BODY_TOO_LARGE.',
        body: RegisterBody,
        response: {
          201: Type.Object({ participant: PrivateParticipant }),
          ...errors(400, 409, 413, 422, 429),
        },
      },
    },
    async (req, reply) => {
      const rec = app.services.participants.register(req.body);
      const sid = app.services.auth.startLogin(rec.id, req.headers['user-agent']);
      setLoginCookie(app, reply, sid);
      return reply
        .code(201)
        .send({ participant: privateView(rec, app.services.participants.calendarUrl(rec.id)) });
    },
  );

  app.get(
    '/api/participants/:id',
    {
      schema: {
        tags: ['profile'],
        summary: 'A participant’s public profile (no email)',
        params: IdParams,
        response: { 200: Type.Object({ participant: Type.Ref('PublicParticipant') }), ...errors(401, 404) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return { participant: publicView(app.services.participants.visibleTo(viewer, req.params.id)) };
    },
  );
};
