/**
 * Starts the calendar-answer listener with the app when INBOUND_SMTP_PORT is set, and the IMAP
 * reader when IMAP_URL is, and stops both when the app closes (before the database does).
 * `app.inbound` is the listener, or null; `app.imapPoller` the reader, or null.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type ImapPoller, startImapPoller } from './imap-poller';
import { type InboundSmtp, startInboundSmtp } from './smtp-listener';

declare module 'fastify' {
  interface FastifyInstance {
    inbound: InboundSmtp | null;
    imapPoller: ImapPoller | null;
  }
}

export const inboundMailPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('inbound', null);
    app.decorate('imapPoller', null);
    const { imapUrl } = app.config;
    if (imapUrl) {
      app.addHook('onReady', async () => {
        app.imapPoller = startImapPoller({
          url: imapUrl,
          everyMs: app.config.imapPollMs,
          maxBytes: app.config.inboundMaxBytes,
          calendarMail: app.services.calendarMail,
          log: app.log.child({ component: 'imap' }),
        });
      });
      app.addHook('preClose', async () => {
        await app.imapPoller?.close();
        app.imapPoller = null;
      });
    }
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
