/** The attendance report of a session's lobby, for organizers and the session's hosts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendCsv } from '../csv-reply';
import { requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';

export const attendanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sessions/:id/attendance',
    {
      schema: {
        summary: 'Who came to a session’s lobby, when, and for how long (organizers and hosts)',
        tags: ['lobby'],
        params: IdParams,
        response: {
          200: Type.Array(
            Type.Object({
              participantId: Type.String(),
              name: Type.String(),
              organisation: Type.String(),
              city: Type.String(),
              country: Type.String(),
              role: Type.String(),
              firstJoinedAt: Type.String(),
              lastLeftAt: Type.Union([Type.String(), Type.Null()]),
              minutesPresent: Type.Integer(),
              minutesAdmitted: Type.Integer(),
              visits: Type.Integer(),
              present: Type.Boolean(),
              removed: Type.Boolean(),
            }),
          ),
          ...errors(401, 403, 404),
        },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const { id } = req.params as { id: string };
      return (await app.services.lobby.attendance(viewer, id)).map((l) => ({
        participantId: l.participantId,
        name: l.person?.name ?? '',
        organisation: l.person?.organisation ?? '',
        city: l.person?.city ?? '',
        country: l.person?.country ?? '',
        role: l.role,
        firstJoinedAt: new Date(l.firstJoinedAt).toISOString(),
        lastLeftAt: l.lastLeftAt === null ? null : new Date(l.lastLeftAt).toISOString(),
        minutesPresent: l.minutesPresent,
        minutesAdmitted: l.minutesAdmitted,
        visits: l.visits,
        present: l.present,
        removed: l.removed,
      }));
    },
  );

  app.get(
    '/api/sessions/:id/attendance.csv',
    {
      schema: {
        summary: 'The attendance report as CSV (UTC times)',
        tags: ['lobby'],
        params: IdParams,
        response: errors(401, 403, 404),
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const { id } = req.params as { id: string };
      return sendCsv(reply, `attendance-${id}`, await app.services.lobby.attendanceCsv(viewer, id));
    },
  );
};
