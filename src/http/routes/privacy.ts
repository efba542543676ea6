import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** What the privacy page states from the running configuration rather than from its text. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/privacy',
    {
      schema: {
        tags: ['profile'],
        summary: 'How long this server keeps chat lines, attendance details and sent mail bodies',
        response: {
          200: Type.Object({
            retentionDays: Type.Integer({
              description:
                'RETENTION_DAYS: lobby chat lines, lobby attendance details (each coming and going) and the bodies of sent mails older than this are removed daily',
            }),
          }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { retentionDays: app.config.retentionDays };
    },
  );
};
