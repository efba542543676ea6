import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../domain/profile';
import { INTERESTS, SECTORS } from '../../domain/taxonomy';
import { readConcepts } from '../../domain/thesaurus';
import { errors } from '../schemas/common';

const Term = Type.Object({ id: Type.String(), label: Type.Object({ en: Type.String(), zh: Type.String() }) });

const Suggestion = Type.Object({
  sectors: Type.Array(Type.String(), { description: 'sector ids the text speaks of, in taxonomy order' }),
  interests: Type.Array(Type.String(), { description: 'interest ids the text speaks of, in taxonomy order' }),
  mentions: Type.Array(
    Type.Object({
      kind: Type.Enum(['sector', 'interest']),
      id: Type.String(),
      phrase: Type.String({ description: 'the words that said it, as written' }),
    }),
  ),
});

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

  // Open to everyone, like the taxonomy: the registration form asks before anyone is signed in.
  // Nothing is stored and the reading is local (the thesaurus), so the text goes nowhere.
  app.post(
    '/api/taxonomy/suggest',
    {
      schema: {
        tags: ['profile'],
        summary:
          'The sectors and interests a description speaks of, in English, Spanish, Italian, French or Chinese',
        body: Type.Object(
          { text: Type.String({ maxLength: LIMITS.bio, description: 'a bio, as typed' }) },
          { additionalProperties: false },
        ),
        response: { 200: Suggestion, ...errors(400) },
      },
    },
    async (req) => readConcepts(req.body.text),
  );
};
