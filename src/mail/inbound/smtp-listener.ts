/**
 * The product's own mail server, for calendar answers only: it takes mail for the reply addresses
 * it gave out (any other recipient gets 550: it relays nothing), refuses a message over the size
 * limit with 552, reads the MIME with mailparser, and hands every calendar in it to the calendar
 * mail service. No input stops it: a message it cannot read is logged and dropped with a 250, so
 * that the sending server does not bounce it back to a person who did nothing wrong.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { CalendarMailService } from '../../services/calendar-mail.service';
import { calendarsIn } from './mime';

export interface InboundSmtp {
  readonly port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startInboundSmtp(opts: {
  host: string;
  port: number;
  maxBytes: number;
  calendarMail: CalendarMailService;
  log: FastifyBaseLogger;
}): Promise<InboundSmtp> {
  const { calendarMail, log } = opts;
  const server = new SMTPServer({
    name: 'twinning',
    banner: 'calendar answers only',
    // Nobody signs in: the reply addresses are the only way in, and they are checked at RCPT.
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: opts.maxBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    // At shutdown, a sender still connected is cut after this; its server tries again later.
    closeTimeout: 3_000,
    logger: false,
    async onRcptTo(address, _session, cb) {
      try {
        if (await calendarMail.accepts(address.address)) return cb();
        log.info({ rcpt: address.address }, 'inbound mail: recipient refused (not a reply address of ours)');
        cb(smtpError(550, '5.1.1 No such mailbox here; this server relays nothing'));
      } catch (err) {
        log.error({ err }, 'inbound mail: recipient check failed');
        cb(smtpError(451, '4.3.0 Try again later'));
      }
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes <= opts.maxBytes) chunks.push(c);
      });
      stream.on('error', (err) => log.warn({ err }, 'inbound mail: stream'));
      stream.on('end', () => {
        // smtp-server counts the bytes and flags the stream; the whole message is read either way.
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded || bytes > opts.maxBytes) {
          log.info({ bytes }, 'inbound mail: over the size limit');
          return cb(smtpError(552, `5.3.4 Message too big: at most ${opts.maxBytes} bytes`));
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        calendarsIn(Buffer.concat(chunks))
          .then(async (mail) => {
            // The envelope says where it was delivered; the headers could name anyone.
            const outcomes = await calendarMail.receive({ ...mail, recipients });
            for (const o of outcomes) {
              log.info(
                { ...o, from: mail.from, messageId: mail.messageId },
                `inbound calendar mail: ${o.result}`,
              );
            }
            cb();
          })
          .catch((err) => {
            // The database or the code failed, not the message: the sending server tries again.
            log.error({ err }, 'inbound mail: handling failed');
            cb(smtpError(451, '4.3.0 Try again later'));
          });
      });
    },
  });
  server.on('error', (err) => log.warn({ err }, 'inbound mail: connection'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
