/** The SMTP side: a pooled nodemailer transport, and what its failures mean. */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The invite, if any: sent as the text/calendar alternative part and as invite.ics. */
  ical?: { method: string; content: string };
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A refusal that will not change by waiting: the mail is marked failed with the server's words. */
export class PermanentMailError extends Error {}

/**
 * Connections the pool opens at most. A quarter hour's reminders are thousands of mails due within
 * a minute; most relays take this many from one client. Parameters in SMTP_URL's query string win
 * over these (`smtp://relay:587/?maxConnections=10`), so an operator can fit the relay's limit.
 */
export const DEFAULT_SMTP_CONNECTIONS = 6;

export function createSmtpSender(smtpUrl: string, opts: { maxConnections?: number } = {}): MailSender {
  // Pooled connections: an event publishes hundreds of invites at once.
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: opts.maxConnections ?? DEFAULT_SMTP_CONNECTIONS,
    maxMessages: 200,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      let info: { rejected?: unknown[]; rejectedErrors?: Array<{ response?: string; message: string }> };
      try {
        info = await transport.sendMail({
          from: mail.from,
          to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          // icalEvent makes the text/calendar alternative with the right method= parameter (without
          // a method nodemailer would say PUBLISH, which clients import without Accept/Decline),
          // and attaches the same object once as an application/ics invite.ics, as Gmail's own
          // invites do. A second attachment of our own made clients list the invite twice.
          icalEvent: mail.ical
            ? { method: mail.ical.method, content: mail.ical.content, filename: 'invite.ics' }
            : undefined,
        });
      } catch (err) {
        throw classify(err);
      }
      // nodemailer resolves even when the server refused a recipient; there is one recipient here.
      if (info.rejected && info.rejected.length > 0) {
        const why = info.rejectedErrors?.[0];
        const e = Object.assign(new Error(why?.response ?? why?.message ?? 'recipient refused'), {
          responseCode: Number(/^(\d{3})/.exec(why?.response ?? '')?.[1] ?? 550),
        });
        throw classify(e);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** 5xx answers are final; 4xx, refused connections and time-outs are worth another try. */
export function classify(err: unknown): Error {
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
  const text = e.response ?? e.message ?? String(err);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
    return new PermanentMailError(text);
  }
  return err instanceof Error ? err : new Error(text);
}
