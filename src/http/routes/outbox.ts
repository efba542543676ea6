/** Organizers' view of the outbox, and retry. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { OutboxRow } from '../../db/outbox.repo';
import { toUtcIso } from '../../domain/time';
import { requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';

const Status = Type.Enum(['pending', 'sending', 'sent', 'failed']);

const Mail = Type.Object({
  id: Type.String(),
  messageId: Type.String(),
  kind: Type.String(),
  to: Type.String(),
  toName: Type.String(),
  subject: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  sessionId: Type.Union([Type.String(), Type.Null()]),
});

function mailView(m: OutboxRow) {
  return {
    id: m.id,
    messageId: m.messageId,
    kind: m.kind,
    to: m.toAddress,
    toName: m.toName,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    nextAttemptAt: m.status === 'pending' ? toUtcIso(m.nextAttemptAt) : null,
    lastError: m.lastError,
    createdAt: toUtcIso(m.createdAt),
    sentAt: m.sentAt === null ? null : toUtcIso(m.sentAt),
    sessionId: m.sessionId,
  };
}

export const outboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'The outbox, newest first, with the count in each state (organizers)',
        querystring: Type.Object({
          status: Type.Optional(Status),
          to: Type.Optional(Type.String({ maxLength: 320 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: {
          200: Type.Object({
            counts: Type.Object({
              pending: Type.Integer(),
              sending: Type.Integer(),
              sent: Type.Integer(),
              failed: Type.Integer(),
            }),
            mails: Type.Array(Mail),
            delivery: Type.Enum(['sent', 'dev-mailbox', 'held'], {
              description:
                'What happens to mail: sent by the configured server; kept unsent and readable in the dev mailbox (no SMTP_URL, a local copy); or kept unsent (no SMTP_URL).',
            }),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const r = await app.services.outbox.list(requireViewer(req), req.query);
      const delivery = app.outbox ? 'sent' : app.config.devTools ? 'dev-mailbox' : 'held';
      return { counts: r.counts, mails: r.mails.map(mailView), delivery } as const;
    },
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Send a failed or waiting mail again now, with the same Message-ID (organizers)',
        params: IdParams,
        response: { 200: Mail, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => mailView(await app.services.outbox.retry(requireViewer(req), req.params.id)),
  );
};
