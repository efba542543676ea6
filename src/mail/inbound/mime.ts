/**
 * The calendars in a received message, whatever shape the client gave it: a text/calendar
 * alternative beside text and HTML (Thunderbird, Gmail), an .ics attachment, or a message that is
 * a base64 text/calendar and nothing else (Outlook). mailparser reads the MIME.
 */
import { simpleParser } from 'mailparser';

export interface ReadMail {
  from: string;
  /** To, Cc, Delivered-To and X-Original-To: where a message read from a mailbox was sent. */
  to: string[];
  messageId: string | null;
  calendars: string[];
}

const MAX_CALENDARS = 5;

export async function calendarsIn(raw: Buffer): Promise<ReadMail> {
  // mailparser keeps text/calendar parts, alternative or attached, among the attachments.
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const calendars = parsed.attachments
    .filter(
      (a) => /^(text|application)\/(calendar|ics)$/i.test(a.contentType) || /\.ics$/i.test(a.filename ?? ''),
    )
    .slice(0, MAX_CALENDARS)
    .map((a) => a.content.toString('utf8'));
  const listed = [parsed.to, parsed.cc]
    .flatMap((a) => (Array.isArray(a) ? a : a ? [a] : []))
    .flatMap((a) => a.value.map((v) => v.address ?? ''));
  const delivered = ['delivered-to', 'x-original-to'].flatMap((h) =>
    parsed.headerLines.filter((l) => l.key === h).map((l) => l.line.slice(l.line.indexOf(':') + 1)),
  );
  return {
    from: parsed.from?.value[0]?.address?.toLowerCase() ?? '',
    to: [
      ...new Set([...listed, ...delivered].map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())),
    ].filter(Boolean),
    messageId: parsed.messageId ?? null,
    calendars,
  };
}
