import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clearLoginCookie, requireViewer } from '../plugins/auth';
import { errors } from '../schemas/common';
import { PatchMeBody, PrivateParticipant, privateView } from '../schemas/participant';

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { participants, export: exporter, erasure } = app.services;

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['profile'],
        summary: 'Your own profile, with email and calendar feed URL',
        response: { 200: Type.Object({ participant: PrivateParticipant }), ...errors(401) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return {
        participant: privateView(
          await participants.get(viewer.id),
          await participants.calendarUrl(viewer.id),
        ),
      };
    },
  );

  // The web app asks this on every page load: signed out is an answer, not an error.
  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Whether this browser is signed in, with the own profile when it is',
        response: {
          200: Type.Object({ signedIn: Type.Boolean(), participant: Type.Optional(PrivateParticipant) }),
        },
      },
    },
    async (req) => {
      if (!req.viewer) return { signedIn: false };
      const id = req.viewer.id;
      return {
        signedIn: true,
        participant: privateView(await participants.get(id), await participants.calendarUrl(id)),
      };
    },
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change your profile (any subset of the registration fields but email)',
        body: PatchMeBody,
        response: { 200: Type.Object({ participant: PrivateParticipant }), ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      const rec = await participants.update(viewer.id, req.body);
      return { participant: privateView(rec, await participants.calendarUrl(viewer.id)) };
    },
  );

  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['profile'],
        summary: 'Everything held about you, as a JSON file to download',
        response: { 200: Type.Unknown(), ...errors(401) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      const data = await exporter.of(viewer.id);
      const date = data.exportedAt!.slice(0, 10);
      // A download, never cached: it holds the person's email and mail bodies.
      return reply
        .header('content-disposition', `attachment; filename="twinning-export-${date}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );

  app.delete(
    '/api/me',
    {
      schema: {
        tags: ['profile'],
        summary: 'Erase your account',
        description:
          'Logins, sign-in links and the calendar feed stop at once; sessions still to come are cancelled (the others are mailed the cancellation), a session under way goes on without you; open requests are withdrawn; your profile and what you wrote are deleted. Counts in reports stay, without your name. The address may register again, as a new account.',
        response: { 204: Type.Null(), ...errors(401) },
      },
    },
    async (req, reply) => {
      const viewer = requireViewer(req);
      await erasure.erase(viewer.id);
      // The login is gone: the browser's cookie goes too.
      clearLoginCookie(app, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/calendar-url',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Reset your calendar feed URL; the old one stops working',
        response: { 200: Type.Object({ calendarUrl: Type.String() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      const viewer = requireViewer(req);
      return { calendarUrl: await participants.resetCalendarUrl(viewer.id) };
    },
  );
};
