/**
 * Calendar clients answer by mail (iTIP over iMIP). Replies written the way Thunderbird, Outlook
 * and Gmail write them go over SMTP, through nodemailer, to the product's own listener; the answer
 * shows in the session, the feed and the next invite. Every forgery changes nothing, mail for
 * other addresses is refused (550), mail over the limit too (552), and the listener stays up.
 * A COUNTER (another time) waits for a host, who accepts it (a reschedule) or declines it.
 */
import ICAL from 'ical.js';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, connect, makeTestApp, register, type TestApp, testClock, yantaiPerson } from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
const logs: string[] = [];
let client: Transporter;

type Person = Awaited<ReturnType<typeof register>>;
let rome: Person;
let yantai: Person;
let nice: Person;
let sessionId: string;
let uid: string;
/** The ORGANIZER of each person's invite: their own reply address. */
const replyTo: Record<string, string> = {};

const calendarOf = (m: ReceivedMail) => {
  const part = m.parsed.attachments.find((a) => a.filename === 'invite.ics')!;
  return new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
};
const inviteTo = (email: string, sequence: number) =>
  smtp.waitFor((m) => {
    if (!m.to.includes(email) || !/BEGIN:VCALENDAR/.test(m.raw)) return false;
    return (
      Number(calendarOf(m).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')) === sequence
    );
  });

// Tuesday 11 May 2027, 08:00 UTC: 10:00 in Rome and Nice (CEST), 16:00 in Yantai (CST).
beforeAll(async () => {
  smtp = await startSmtp();
  t = await makeTestApp({
    clock: testClock('2027-05-10T06:00:00Z'),
    mailSender: createSmtpSender(smtp.url),
    env: {
      INBOUND_SMTP_PORT: '0',
      INBOUND_MAX_BYTES: '65536',
      MAIL_FROM: 'Twinning Office <no-reply@twinning.test>',
      LOG_LEVEL: 'info',
    },
    logStream: { write: (line: string) => void logs.push(line) },
  });
  client = nodemailer.createTransport({ host: '127.0.0.1', port: t.app.inbound!.port, ignoreTLS: true });
  const stamp = Math.random().toString(36).slice(2, 8);
  rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`));
  nice = await register(t.app, {
    name: 'Pierre Martin',
    email: `pierre.${stamp}@nice.example`,
    city: 'Nice',
    country: 'FR',
    timeZone: 'Europe/Paris',
  });
  await connect(t.app, rome, yantai);
  await connect(t.app, rome, nice);
  const booked = await as(
    t.app,
    rome.sid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: {
      kind: 'meeting',
      with: [yantai.participant.id, nice.participant.id],
      start: '2027-05-11T08:00:00Z',
      duration: 30,
    },
  });
  expect(booked.statusCode).toBe(201);
  sessionId = booked.json().id;
  for (const p of [rome, yantai, nice]) {
    const cal = calendarOf(await inviteTo(p.participant.email, 0));
    const ev = cal.getFirstSubcomponent('vevent')!;
    uid = String(ev.getFirstPropertyValue('uid'));
    const organizer = ev.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe('Twinning Office');
    replyTo[p.participant.id] = String(organizer.getFirstValue()).replace(/^mailto:/i, '');
  }
}, 90_000); // three people, two requests, a booking and three invites: slow on a busy machine
afterAll(async () => {
  client?.close();
  await t?.close();
  await smtp?.close();
});

const answers = async () => {
  const s = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${sessionId}` })).json();
  return Object.fromEntries((s.people as { id: string; answer: string }[]).map((p) => [p.id, p.answer]));
};
const answerOf = async (p: Person) => (await answers())[p.participant.id];
const send = (o: { from: string; to: string; raw: string }) =>
  client.sendMail({ envelope: { from: o.from, to: [o.to] }, raw: o.raw });
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
let n = 0;
const messageId = () => `<${Date.now()}.${++n}@client.example>`;

/** The VCALENDAR a client answers with; `event` lines go inside the VEVENT. */
function reply(o: {
  prodId: string;
  method?: string;
  uid?: string;
  sequence?: number;
  stamp: string;
  attendee: Person;
  partstat: string;
  organizer: string;
  times?: string[];
  timezone?: string;
  extra?: string[];
}): string {
  return crlf(
    [
      'BEGIN:VCALENDAR',
      `PRODID:${o.prodId}`,
      'VERSION:2.0',
      `METHOD:${o.method ?? 'REPLY'}`,
      ...(o.timezone ? [o.timezone] : []),
      'BEGIN:VEVENT',
      `UID:${o.uid ?? uid}`,
      `SEQUENCE:${o.sequence ?? 0}`,
      `DTSTAMP:${o.stamp}`,
      ...(o.times ?? ['DTSTART:20270511T080000Z', 'DTEND:20270511T083000Z']),
      `ORGANIZER;CN=Twinning Office:mailto:${o.organizer}`,
      `ATTENDEE;CN="${o.attendee.participant.name}";PARTSTAT=${o.partstat}:mailto:${o.attendee.participant.email}`,
      'SUMMARY:Lazio Innova · Yantai University',
      ...(o.extra ?? []),
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\n'),
  );
}

/** Thunderbird: mixed( alternative( text, text/calendar method=REPLY ), application/ics attachment ). */
function thunderbird(from: Person, to: string, calendar: string, id = messageId()): string {
  const b64 = Buffer.from(calendar).toString('base64').replace(/.{76}/g, '$&\r\n');
  return crlf(`Message-ID: ${id}
Date: Mon, 10 May 2027 07:00:00 +0000
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: ${from.participant.name} <${from.participant.email}>
To: Twinning Office <${to}>
Subject: Accepted: Lazio Innova · Yantai University
Content-Type: multipart/mixed; boundary="------------mixed01"

This is a multi-part message in MIME format.
--------------mixed01
Content-Type: multipart/alternative; boundary="------------alt01"

--------------alt01
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

${from.participant.name} has accepted your event invitation.

--------------alt01
Content-Type: text/calendar; method=REPLY; charset=UTF-8
Content-Transfer-Encoding: 8bit

${calendar}
--------------alt01--

--------------mixed01
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

${b64}
--------------mixed01--
`);
}

/** Outlook: the whole message is one base64 text/calendar part with method=REPLY. */
function outlook(from: Person, to: string, calendar: string, id = messageId()): string {
  const b64 = Buffer.from(calendar).toString('base64').replace(/.{76}/g, '$&\r\n');
  return crlf(`From: ${from.participant.name} <${from.participant.email}>
To: Twinning Office <${to}>
Subject: Tentative: Lazio Innova · Yantai University
Thread-Topic: Lazio Innova · Yantai University
Date: Mon, 10 May 2027 07:05:00 +0000
Message-ID: ${id}
Content-Language: it-IT
Content-Type: text/calendar; charset="utf-8"; method=REPLY
Content-Transfer-Encoding: base64
MIME-Version: 1.0

${b64}
`);
}

/** Gmail: mixed( alternative( text, html, text/calendar method=REPLY ), invite.ics base64 ). */
function gmail(from: Person, to: string, calendar: string, id = messageId()): string {
  const b64 = Buffer.from(calendar).toString('base64').replace(/.{76}/g, '$&\r\n');
  return crlf(`MIME-Version: 1.0
Date: Mon, 10 May 2027 07:10:00 +0000
Message-ID: ${id}
Subject: Declined: Lazio Innova · Yantai University
From: ${from.participant.name} <${from.participant.email}>
To: ${to}
Content-Type: multipart/mixed; boundary="000000000000gmailmixed"

--000000000000gmailmixed
Content-Type: multipart/alternative; boundary="000000000000gmailalt"

--000000000000gmailalt
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

${from.participant.name} has declined this invitation.

--000000000000gmailalt
Content-Type: text/html; charset="UTF-8"

<p>${from.participant.name} has declined this invitation.</p>

--000000000000gmailalt
Content-Type: text/calendar; charset="UTF-8"; method=REPLY
Content-Transfer-Encoding: 7bit

${calendar}
--000000000000gmailalt--

--000000000000gmailmixed
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

${b64}
--000000000000gmailmixed--
`);
}

const WINDOWS_ZONE = crlf(`BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE`);

describe('answers from calendar clients, by mail', () => {
  it('records Thunderbird’s Accept, and the other side’s feed and next invite carry it', async () => {
    const to = replyTo[yantai.participant.id]!;
    expect(to).toMatch(/^rsvp\+[0-9a-f]{32}\.[0-9a-f]{24}@twinning\.test$/);
    expect(to.split('@')[0]!.length).toBeLessThanOrEqual(64);
    const cal = reply({
      prodId: '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
      stamp: '20270510T070000Z',
      attendee: yantai,
      partstat: 'ACCEPTED',
      organizer: to,
    });
    const info = await send({ from: yantai.participant.email, to, raw: thunderbird(yantai, to, cal) });
    expect(info.accepted).toEqual([to]);
    expect(await answerOf(yantai)).toBe('ACCEPTED');
    expect(await answerOf(rome)).toBe('ACCEPTED'); // who books a meeting has accepted it

    // Rome's feed lists who answered what (a PUBLISH carries no ATTENDEE).
    const me = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/me' })).json().participant;
    const feed = await t.app.inject({ method: 'GET', url: new URL(me.calendarUrl).pathname });
    const ev = new ICAL.Component(ICAL.parse(feed.body)).getFirstSubcomponent('vevent')!;
    expect(ev.getAllProperties('attendee')).toHaveLength(0);
    expect(String(ev.getFirstPropertyValue('description'))).toContain(
      `${yantai.participant.name}: accepted / 已接受`,
    );
  });

  it('records Outlook’s Tentative, sent as a lone base64 text/calendar with a Windows time zone', async () => {
    const to = replyTo[rome.participant.id]!;
    const cal = reply({
      prodId: 'Microsoft Exchange Server 2010',
      stamp: '20270510T070500Z',
      attendee: rome,
      partstat: 'TENTATIVE',
      organizer: to,
      timezone: WINDOWS_ZONE,
      times: [
        'DTSTART;TZID=W. Europe Standard Time:20270511T100000',
        'DTEND;TZID=W. Europe Standard Time:20270511T103000',
      ],
      extra: ['CLASS:PUBLIC', 'PRIORITY:5', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED'],
    });
    await send({ from: rome.participant.email, to, raw: outlook(rome, to, cal) });
    expect(await answerOf(rome)).toBe('TENTATIVE');
  });

  it('records Gmail’s Decline, once: an older copy delivered again does not undo it', async () => {
    const to = replyTo[yantai.participant.id]!;
    const cal = reply({
      prodId: '-//Google Inc//Google Calendar 70.9054//EN',
      stamp: '20270510T071000Z',
      attendee: yantai,
      partstat: 'DECLINED',
      organizer: to,
      extra: ['TRANSP:OPAQUE', 'STATUS:CONFIRMED'],
    });
    const id = messageId();
    await send({ from: yantai.participant.email, to, raw: gmail(yantai, to, cal, id) });
    expect(await answerOf(yantai)).toBe('DECLINED');
    // The same message again, and Thunderbird's earlier Accept arriving late: nothing changes.
    await send({ from: yantai.participant.email, to, raw: gmail(yantai, to, cal, id) });
    const late = reply({
      prodId: '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
      stamp: '20270510T070100Z',
      attendee: yantai,
      partstat: 'ACCEPTED',
      organizer: to,
    });
    await send({ from: yantai.participant.email, to, raw: thunderbird(yantai, to, late) });
    expect(await answerOf(yantai)).toBe('DECLINED');
    expect(logs.join('')).toContain('message already recorded');
    expect(logs.join('')).toContain('an answer made later was already recorded');
  });

  it('believes an answer only from that attendee, through their own address, for that session', async () => {
    const before = await answers();
    const yantaiAddress = replyTo[yantai.participant.id]!;
    const niceAddress = replyTo[nice.participant.id]!;
    const base = {
      prodId: '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
      stamp: '20270510T080000Z',
      partstat: 'ACCEPTED',
    };
    // Someone else writes as Nice, to Nice's own address: the From is not Nice's.
    const spoof = reply({ ...base, attendee: nice, organizer: niceAddress });
    await send({
      from: 'mallory@attacker.example',
      to: niceAddress,
      raw: thunderbird(
        { participant: { ...nice.participant, email: 'mallory@attacker.example' } } as Person,
        niceAddress,
        spoof,
      ),
    });
    // Nice answers for Yantai through Yantai's address, and for herself through Yantai's address.
    const forYantai = reply({ ...base, attendee: yantai, organizer: yantaiAddress });
    await send({
      from: nice.participant.email,
      to: yantaiAddress,
      raw: thunderbird(nice, yantaiAddress, forYantai),
    });
    const herself = reply({ ...base, attendee: nice, organizer: yantaiAddress });
    await send({
      from: nice.participant.email,
      to: yantaiAddress,
      raw: thunderbird(nice, yantaiAddress, herself),
    });
    // Yantai, from Yantai's own address, but answering as Nice.
    const asNice = reply({ ...base, attendee: nice, organizer: yantaiAddress });
    await send({
      from: yantai.participant.email,
      to: yantaiAddress,
      raw: thunderbird(yantai, yantaiAddress, asNice),
    });
    // Nice, about another event (unknown UID).
    const otherUid = reply({ ...base, attendee: nice, organizer: niceAddress, uid: 'not-ours@example' });
    await send({
      from: nice.participant.email,
      to: niceAddress,
      raw: thunderbird(nice, niceAddress, otherUid),
    });
    // A calendar that does not parse; the listener stays up and answers the next message.
    const broken = 'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nthis is not a property\r\n';
    await send({ from: nice.participant.email, to: niceAddress, raw: outlook(nice, niceAddress, broken) });
    // No calendar at all.
    await send({
      from: nice.participant.email,
      to: niceAddress,
      raw: crlf(`From: ${nice.participant.email}\nTo: ${niceAddress}\nSubject: hello\n\nJust text.\n`),
    });
    expect(await answers()).toEqual(before);
    const log = logs.join('');
    expect(log).toContain('sender is not the attendee the address was given to');
    expect(log).toContain('the answer is not (only) the addressee’s own');
    expect(log).toContain('unknown UID');
    expect(log).toContain('calendar does not parse');
    expect(log).toContain('no calendar in the message');

    // Now Nice answers properly, through the same connection pool: recorded.
    const real = reply({ ...base, attendee: nice, organizer: niceAddress });
    await send({ from: nice.participant.email, to: niceAddress, raw: thunderbird(nice, niceAddress, real) });
    expect(await answerOf(nice)).toBe('ACCEPTED');
  });

  it('refuses mail for any other address (550) and mail over the size limit (552)', async () => {
    const good = replyTo[nice.participant.id]!;
    const cal = reply({
      prodId: 'x',
      stamp: '20270510T090000Z',
      attendee: nice,
      partstat: 'DECLINED',
      organizer: good,
    });
    const refusedRcpt = async (to: string) => {
      const err = await send({ from: nice.participant.email, to, raw: thunderbird(nice, to, cal) }).catch(
        (e: { responseCode?: number }) => e,
      );
      expect((err as { responseCode?: number }).responseCode).toBe(550);
    };
    await refusedRcpt('someone@elsewhere.example'); // no relaying
    await refusedRcpt('postmaster@twinning.test');
    await refusedRcpt(good.replace(/\.[0-9a-f]{24}@/, `.${'0'.repeat(24)}@`)); // a made-up MAC
    await refusedRcpt(good.replace(/\+[0-9a-f]{32}\./, `+${'1'.repeat(32)}.`)); // another session
    await refusedRcpt(good.replace('@twinning.test', '@elsewhere.example'));

    const big = thunderbird(nice, good, cal).replace('has accepted', `has accepted ${'x'.repeat(70_000)}`);
    const err = await send({ from: nice.participant.email, to: good, raw: big }).catch(
      (e: { responseCode?: number }) => e,
    );
    expect((err as { responseCode?: number }).responseCode).toBe(552);
    expect(await answerOf(nice)).toBe('ACCEPTED');
  });

  it('takes a COUNTER to the hosts, who accept it as a reschedule or decline it', async () => {
    const to = replyTo[yantai.participant.id]!;
    // Outlook's "Propose new time": 09:00 CEST on Wednesday = 15:00 in Yantai.
    const counter = reply({
      prodId: 'Microsoft Exchange Server 2010',
      method: 'COUNTER',
      stamp: '20270510T100000Z',
      attendee: yantai,
      partstat: 'NEEDS-ACTION',
      organizer: to,
      timezone: WINDOWS_ZONE,
      times: [
        'DTSTART;TZID=W. Europe Standard Time:20270512T090000',
        'DTEND;TZID=W. Europe Standard Time:20270512T093000',
      ],
      extra: ['COMMENT:Wednesday suits me better.'],
    });
    await send({ from: yantai.participant.email, to, raw: outlook(yantai, to, counter) });
    await send({ from: yantai.participant.email, to, raw: outlook(yantai, to, counter) }); // once only

    const listed = await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${sessionId}/proposals` });
    expect(listed.statusCode).toBe(200);
    const [p, ...more] = listed.json().proposals;
    expect(more).toHaveLength(0);
    expect(p).toMatchObject({
      status: 'open',
      stale: false,
      start: '2027-05-12T07:00:00.000Z',
      end: '2027-05-12T07:30:00.000Z',
      comment: 'Wednesday suits me better.',
      from: { id: yantai.participant.id },
    });
    const local = Object.fromEntries(
      (p.local as { id: string; start: string }[]).map((l) => [l.id, l.start]),
    );
    expect(local[rome.participant.id]).toBe('2027-05-12T09:00:00+02:00');
    expect(local[yantai.participant.id]).toBe('2027-05-12T15:00:00+08:00');

    const accepted = await as(
      t.app,
      nice.sid,
    )({ method: 'POST', url: `/api/sessions/${sessionId}/proposals/${p.id}/accept` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ start: '2027-05-12T07:00:00.000Z', sequence: 1 });
    const again = await as(
      t.app,
      rome.sid,
    )({ method: 'POST', url: `/api/sessions/${sessionId}/proposals/${p.id}/decline` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'PROPOSAL_DECIDED']);

    // The update to Rome asks again (a new time), except of those who chose it: Wang, who
    // proposed it, and Nice, who accepted the proposal. Same reply address.
    const update = calendarOf(await inviteTo(rome.participant.email, 1)).getFirstSubcomponent('vevent')!;
    const partstats = Object.fromEntries(
      update
        .getAllProperties('attendee')
        .map((a) => [String(a.getFirstValue()).replace(/^mailto:/i, ''), a.getParameter('partstat')]),
    );
    expect(partstats[yantai.participant.email]).toBe('ACCEPTED');
    expect(partstats[nice.participant.email]).toBe('ACCEPTED');
    expect(partstats[rome.participant.email]).toBe('NEEDS-ACTION');
    expect(String(update.getFirstPropertyValue('organizer')).replace(/^mailto:/i, '')).toBe(
      replyTo[rome.participant.id],
    );

    // An answer to the old SEQUENCE is refused; one to the new is recorded.
    const stale = reply({
      prodId: 'x',
      stamp: '20270510T110000Z',
      attendee: yantai,
      partstat: 'DECLINED',
      organizer: to,
      sequence: 0,
    });
    await send({ from: yantai.participant.email, to, raw: thunderbird(yantai, to, stale) });
    expect(await answerOf(yantai)).toBe('ACCEPTED');
    expect(logs.join('')).toContain('SEQUENCE 0 older than the session');
    await send({
      from: yantai.participant.email,
      to,
      raw: thunderbird(yantai, to, stale.replace('SEQUENCE:0', 'SEQUENCE:1')),
    });
    expect(await answerOf(yantai)).toBe('DECLINED');

    // Another proposal, declined: the session stays where it is.
    const second = counter
      .replace('SEQUENCE:0', 'SEQUENCE:1')
      .replaceAll('20270512T09', '20270513T09')
      .replace('DTSTAMP:20270510T100000Z', 'DTSTAMP:20270510T120000Z');
    await send({ from: yantai.participant.email, to, raw: outlook(yantai, to, second) });
    const open = (
      await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${sessionId}/proposals` })
    ).json().proposals as { id: string; status: string }[];
    const q = open.find((x) => x.status === 'open')!;
    const declined = await as(
      t.app,
      rome.sid,
    )({ method: 'POST', url: `/api/sessions/${sessionId}/proposals/${q.id}/decline` });
    expect(declined.statusCode).toBe(204);
    const s = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${sessionId}` })).json();
    expect(s).toMatchObject({ start: '2027-05-12T07:00:00.000Z', sequence: 1 });
  });
});
