import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { INTERESTS, SECTORS } from '../../domain/taxonomy';

const Term = Type.Object({ id: Type.String(), label: Type.Object({ en: Type.String(), zh: Type.String() }) });

export const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/taxonomy',
    {
      schema: {
        tags: ['profile'],
        summary: 'Sectors and interests with English and Chinese labels',
        response: { 200: Type.Object({ sectors: Type.Array(Term), interests: Type.Array(Term) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { sectors: [...SECTORS], interests: [...INTERESTS] };
    },
  );
};
