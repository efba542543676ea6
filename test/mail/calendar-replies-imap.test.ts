/**
 * Calendar answers read from a mailbox over IMAP, for operators without an inbound port: a real
 * dovecot holds the mailbox; answers are appended to it as a mail server delivers them, the
 * product reads the unseen ones, records what it believes and marks each seen.
 */
import ICAL from 'ical.js';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, connect, makeTestApp, register, type TestApp, testClock, yantaiPerson } from '../helpers/app';
import { dovecotBinary, startDovecot, type TestImap } from '../helpers/dovecot';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

if (!dovecotBinary)
  console.warn('IMAP tests skipped: dovecot is not installed (apt-get install dovecot-imapd)');

describe.skipIf(!dovecotBinary)('calendar answers read from a mailbox over IMAP (dovecot)', () => {
  let imap: TestImap;
  let smtp: TestSmtp;
  let t: TestApp;
  let mailbox: ImapFlow;
  beforeAll(async () => {
    imap = await startDovecot();
    smtp = await startSmtp();
    t = await makeTestApp({
      clock: testClock('2027-05-10T06:00:00Z'),
      mailSender: createSmtpSender(smtp.url),
      env: { IMAP_URL: imap.url, IMAP_POLL_SECONDS: '3600' },
    });
    mailbox = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.pass },
      logger: false,
    });
    await mailbox.connect();
  });
  afterAll(async () => {
    await mailbox?.logout();
    await t?.close();
    await smtp?.close();
    await imap?.stop();
  });

  it('records a Gmail Decline found in the mailbox once, ignores a forgery, and marks both seen', async () => {
    await t.app.imapPoller!.pollNow(); // the first read, at start, finds an empty mailbox
    const stamp = Math.random().toString(36).slice(2, 8);
    const rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
    const yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`));
    await connect(t.app, rome, yantai);
    const booked = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'meeting',
        with: [yantai.participant.id],
        start: '2027-05-11T08:00:00Z',
        duration: 30,
      },
    });
    const session = booked.json();
    const invite = await smtp.waitFor(
      (m) => m.to.includes(yantai.participant.email) && /METHOD:REQUEST/.test(m.raw),
    );
    const ev = new ICAL.Component(
      ICAL.parse(
        invite.parsed.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8'),
      ),
    ).getFirstSubcomponent('vevent')!;
    const replyTo = String(ev.getFirstPropertyValue('organizer')).replace(/^mailto:/i, '');
    const calendar = (who: string) =>
      [
        'BEGIN:VCALENDAR',
        'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
        'VERSION:2.0',
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        `UID:${ev.getFirstPropertyValue('uid')}`,
        'SEQUENCE:0',
        'DTSTAMP:20270510T070000Z',
        'DTSTART:20270511T080000Z',
        'DTEND:20270511T083000Z',
        `ORGANIZER;CN=Twinning:mailto:${replyTo}`,
        `ATTENDEE;CN=Wang;PARTSTAT=DECLINED:mailto:${who}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    const message = (from: string, id: string) =>
      [
        `Delivered-To: ${replyTo}`,
        `From: ${from}`,
        `To: Twinning <${replyTo}>`,
        'Subject: Declined',
        `Message-ID: <${id}@mail.gmail.example>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset="UTF-8"',
        '',
        'Declined.',
        '--b1',
        'Content-Type: text/calendar; charset="UTF-8"; method=REPLY',
        '',
        calendar(from),
        '--b1--',
        '',
      ].join('\r\n');
    await mailbox.append('INBOX', message('mallory@attacker.example', 'forged'));
    expect(await t.app.imapPoller!.pollNow()).toBe(1);
    const unanswered = await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${session.id}` });
    // Rome booked it and has accepted; the forgery left Yantai's answer open.
    const answers = Object.fromEntries(
      unanswered.json().people.map((p: { id: string; answer: string }) => [p.id, p.answer]),
    );
    expect(answers).toEqual({ [rome.participant.id]: 'ACCEPTED', [yantai.participant.id]: 'NEEDS-ACTION' });

    await mailbox.append('INBOX', message(yantai.participant.email, 'real'));
    expect(await t.app.imapPoller!.pollNow()).toBe(1);
    expect(await t.app.imapPoller!.pollNow()).toBe(0); // seen now: not read again
    const s = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${session.id}` })).json();
    expect(s.people.find((p: { id: string }) => p.id === yantai.participant.id).answer).toBe('DECLINED');

    const lock = await mailbox.getMailboxLock('INBOX');
    try {
      expect(await mailbox.search({ seen: false }, { uid: true })).toEqual([]);
    } finally {
      lock.release();
    }
  });
});
