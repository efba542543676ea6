import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MESSAGE_MAX_LENGTH } from '../../services/requests.service';
import { requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import { requestView } from '../schemas/matching';

const RequestRef = Type.Ref('MeetingRequest');

export const requestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { requests } = app.services;

  app.post(
    '/api/meeting-requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Ask someone for a meeting; they are mailed in their language',
        body: Type.Object(
          {
            to: Type.String({ minLength: 1, maxLength: 64 }),
            // The length rule lives in the service, so that it answers with its own code.
            message: Type.Optional(Type.String({ description: `at most ${MESSAGE_MAX_LENGTH} characters` })),
          },
          { additionalProperties: false },
        ),
        response: { 201: RequestRef, ...errors(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const row = await requests.send(viewer.id, req.body.to, req.body.message);
      return reply.code(201).send(requestView(row));
    },
  );

  app.get(
    '/api/meeting-requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Requests you received and sent, newest first',
        response: {
          200: Type.Object({ incoming: Type.Array(RequestRef), outgoing: Type.Array(RequestRef) }),
          ...errors(401),
        },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const { incoming, outgoing } = await requests.list(viewer.id);
      return { incoming: incoming.map(requestView), outgoing: outgoing.map(requestView) };
    },
  );

  app.get(
    '/api/meeting-requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'One request you sent or received',
        params: IdParams,
        response: { 200: RequestRef, ...errors(401, 404) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return requestView(await requests.get(viewer.id, req.params.id, viewer.role === 'organizer'));
    },
  );

  const action = (name: 'accept' | 'decline' | 'withdraw', summary: string) =>
    app.post(
      `/api/meeting-requests/:id/${name}`,
      {
        schema: {
          tags: ['requests'],
          summary,
          params: IdParams,
          response: { 200: RequestRef, ...errors(401, 403, 404, 409) },
        },
      },
      async (req) => {
        const viewer = requireViewer(req);
        return requestView(await requests[name](viewer.id, req.params.id));
      },
    );
  action('accept', 'Accept a request you received; the sender is mailed');
  action('decline', 'Decline a request you received; the sender is mailed');
  action('withdraw', 'Withdraw a request you sent while it is open');
};
