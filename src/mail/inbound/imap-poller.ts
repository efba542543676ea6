/**
 * For an operator with a mailbox but no inbound port: every IMAP_POLL_SECONDS the product reads
 * the unseen messages of IMAP_URL's mailbox (imapflow), hands their calendars to the calendar
 * mail service as the SMTP listener does, and marks each \Seen once handled. A message whose
 * handling failed (the database away) stays unseen and is read again next time; one read twice
 * (two instances polling) is recorded once, by its Message-ID.
 */
import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow } from 'imapflow';
import type { CalendarMailService } from '../../services/calendar-mail.service';
import { calendarsIn } from './mime';

export interface ImapPoller {
  /** Reads the mailbox now; resolves with the number of messages handled. */
  pollNow(): Promise<number>;
  close(): Promise<void>;
}

export function imapSettings(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port) || (u.protocol === 'imaps:' ? 993 : 143),
    secure: u.protocol === 'imaps:',
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export function startImapPoller(opts: {
  url: string;
  everyMs: number;
  maxBytes: number;
  calendarMail: CalendarMailService;
  log: FastifyBaseLogger;
}): ImapPoller {
  const { calendarMail, log } = opts;
  const settings = imapSettings(opts.url);
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  async function poll(): Promise<number> {
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.auth,
      logger: false,
    });
    client.on('error', (err) => log.warn({ err }, 'imap: connection'));
    await client.connect();
    let handled = 0;
    try {
      const lock = await client.getMailboxLock(settings.mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of uids) {
          if (closed) break;
          // The size first: a message over the limit is never downloaded.
          const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
          const msg =
            meta && (meta.size ?? 0) <= opts.maxBytes
              ? await client.fetchOne(String(uid), { source: true }, { uid: true })
              : null;
          const source = msg ? msg.source : undefined;
          if (source) {
            const mail = await calendarsIn(source);
            const recipients: string[] = [];
            for (const to of mail.to) if (await calendarMail.accepts(to)) recipients.push(to);
            const outcomes = recipients.length
              ? await calendarMail.receive({ ...mail, recipients })
              : [{ result: 'ignored', reason: 'not addressed to a reply address of ours' }];
            for (const o of outcomes) {
              log.info(
                { ...o, from: mail.from, messageId: mail.messageId },
                `inbound calendar mail: ${o.result}`,
              );
            }
          } else {
            log.info({ uid, size: meta ? meta.size : null }, 'imap: message over the size limit, skipped');
          }
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          handled++;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return handled;
  }

  const pollNow = (): Promise<number> => {
    running ??= poll().finally(() => {
      running = null;
    });
    return running;
  };
  const schedule = (delayMs: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      pollNow()
        .catch((err) => log.error({ err }, 'imap: polling failed; trying again later'))
        .finally(() => schedule(opts.everyMs));
    }, delayMs);
    timer.unref();
  };
  schedule(0);
  return {
    pollNow,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
