/**
 * Starts the calendar-answer listener with the app when INBOUND_SMTP_PORT is set, and stops it
 * when the app closes (before the database does). `app.inbound` is it, or null.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type InboundSmtp, startInboundSmtp } from './smtp-listener';

declare module 'fastify' {
  interface FastifyInstance {
    inbound: InboundSmtp | null;
  }
}

export const inboundMailPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('inbound', null);
    const where = app.config.inboundSmtp;
    if (!where) return;
    app.addHook('onReady', async () => {
      app.inbound = await startInboundSmtp({
        ...where,
        maxBytes: app.config.inboundMaxBytes,
        calendarMail: app.services.calendarMail,
        log: app.log.child({ component: 'inbound-smtp' }),
      });
      app.log.info({ host: where.host, port: app.inbound.port }, 'receiving calendar answers by SMTP');
    });
    app.addHook('preClose', async () => {
      await app.inbound?.close();
      app.inbound = null;
    });
  },
  { name: 'inbound-mail', dependencies: ['services'] },
);
