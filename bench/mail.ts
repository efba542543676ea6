/**
 * Calendar text per second for a session (against ical-generator building a bare event), and
 * 1,000 invites drained from the outbox to a local SMTP server (against the same mails handed
 * straight to a pooled nodemailer transport, with no outbox, in the same run).
 */
import type { AddressInfo } from 'node:net';
import ical from 'ical-generator';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { type CalendarSession, sessionInvite } from '../src/calendar/ical';
import { createTestDb } from '../src/db/client';
import { OutboxWorker, queueMail } from '../src/mail/outbox';
import { sessionMail } from '../src/mail/templates/session';
import { createSmtpSender } from '../src/mail/transport';
import type { Row } from './run';

const INVITES = 1000;
const organizer = { name: 'Twinning', email: 'no-reply@twinning.example' };

function session(i: number): CalendarSession {
  const start = Date.parse('2027-05-10T08:15:00Z') + i * 30 * 60_000;
  return {
    uid: `s${i}@twinning.example`,
    title: 'Lazio Innova · Yantai University',
    description: '',
    startAt: start,
    endAt: start + 30 * 60_000,
    status: 'confirmed',
    sequence: 0,
    updatedAt: start - 86_400_000,
    organizer,
    lobbyUrl: `https://twinning.example/sessions/s${i}/lobby`,
    people: [
      { name: 'Giulia Conti', email: 'giulia@lazio.example', role: 'host', partstat: 'NEEDS-ACTION' },
      { name: '王磊', email: 'wang@ytu.example', role: 'host', partstat: 'NEEDS-ACTION' },
    ],
  };
}

function rate(n: number, f: (i: number) => unknown): number {
  for (let i = 0; i < 200; i++) f(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return n / ((performance.now() - t0) / 1000);
}

async function smtpServer(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function inviteMail(i: number) {
  const s = session(i);
  const to = { name: '王磊', locale: 'zh' as const, timeZone: 'Asia/Shanghai', city: 'Yantai' };
  return {
    ical: sessionInvite(s),
    ...sessionMail({
      to,
      change: 'new',
      title: s.title,
      startAt: s.startAt,
      endAt: s.endAt,
      others: [{ name: 'Giulia Conti', organisation: 'Lazio Innova', city: 'Rome', timeZone: 'Europe/Rome' }],
      lobbyUrl: s.lobbyUrl,
      icsUrl: `https://twinning.example/api/sessions/s${i}/invite.ics`,
    }),
  };
}

export async function benchMail(): Promise<Row[]> {
  const ours = rate(5000, (i) => sessionInvite(session(i)));
  const bare = rate(5000, (i) => {
    const cal = ical();
    const s = session(i);
    cal.createEvent({ start: new Date(s.startAt), end: new Date(s.endAt), summary: s.title });
    return cal.toString();
  });

  // Ours: queued in the outbox, drained by the worker.
  const smtp = await smtpServer();
  const db = createTestDb();
  const now = Date.now();
  await db.db.write(async () => {
    for (let i = 0; i < INVITES; i++) {
      await queueMail(
        db.db,
        { kind: 'session-new', to: { name: '王磊', address: `p${i}@ytu.example` }, ...inviteMail(i) },
        now,
        'twinning.example',
      );
    }
  });
  const worker = new OutboxWorker({
    db: db.db,
    sender: createSmtpSender(smtp.url),
    from: 'Twinning <no-reply@twinning.example>',
    clock: Date.now,
    retrySeconds: 30,
    pollMs: 50,
    log: { warn: () => {}, error: () => {} },
  });
  let t0 = performance.now();
  worker.start();
  for (;;) {
    const left = db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'").get() as {
      n: number;
    };
    if (left.n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const drainSec = (performance.now() - t0) / 1000;
  await worker.stop();
  db.close();

  // Baseline: the same mails straight to nodemailer's pool, 20 at a time.
  const transport = nodemailer.createTransport({
    url: smtp.url,
    pool: true,
    maxConnections: 3,
    maxMessages: 200,
  });
  const mails = Array.from({ length: INVITES }, (_, i) => inviteMail(i));
  t0 = performance.now();
  for (let i = 0; i < mails.length; i += 20) {
    await Promise.all(
      mails.slice(i, i + 20).map((m, k) =>
        transport.sendMail({
          from: 'Twinning <no-reply@twinning.example>',
          to: `q${i + k}@ytu.example`,
          subject: m.subject,
          text: m.text,
          html: m.html,
          icalEvent: { method: m.ical.method, content: m.ical.content },
        }),
      ),
    );
  }
  const bareSec = (performance.now() - t0) / 1000;
  transport.close();
  const delivered = smtp.count();
  await smtp.close();

  return [
    {
      benchmark: 'invite calendar text (one session, 2 attendees)',
      figure: `${Math.round(ours)} /s`,
      baseline: `bare ical-generator event ${Math.round(bare)} /s`,
      ratio: (ours / bare).toFixed(2),
      note: 'target ≥ 2,000/s',
    },
    {
      benchmark: `${INVITES} invites drained from the outbox to local SMTP`,
      figure: `${drainSec.toFixed(1)} s`,
      baseline: `straight to nodemailer ${bareSec.toFixed(1)} s`,
      ratio: (drainSec / bareSec).toFixed(2),
      note: `${delivered} delivered in all; target ≤ 30 s`,
    },
  ];
}
