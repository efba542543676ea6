/**
 * Book, reschedule and cancel a Rome–Yantai meeting across Europe's move to summer time (28 March
 * 2027), with the mail server refusing the first attempt (421): each mail arrives once, parsed with
 * mailparser and its calendar with ical.js, with the right method, UID, SEQUENCE, status,
 * attendees and instant; the feed follows.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, connect, makeTestApp, register, type TestApp, testClock, yantaiPerson } from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await t?.close();
  await smtp.close();
});

const event = (m: ReceivedMail) => {
  const part = m.parsed.attachments.find((a) => a.filename === 'invite.ics')!;
  const comp = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const ev = comp.getFirstSubcomponent('vevent')!;
  return {
    method: comp.getFirstPropertyValue('method'),
    uid: ev.getFirstPropertyValue('uid'),
    sequence: ev.getFirstPropertyValue('sequence'),
    status: ev.getFirstPropertyValue('status'),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    attendees: ev.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase()),
  };
};

it('keeps one calendar entry through a reschedule across the clock change and a cancellation', async () => {
  // Wednesday 24 March 2027: Rome is still on CET (UTC+1).
  t = await makeTestApp({ clock: testClock('2027-03-24T06:00:00Z'), mailSender: createSmtpSender(smtp.url) });
  const rome = await register(t.app, { name: 'Giulia Conti', email: 'giulia.dst@lazio.example' });
  const yantai = await register(t.app, yantaiPerson('wang.dst@ytu.example'));
  await connect(t.app, rome, yantai);
  // Every mail so far (confirmations, the request and its answer) is delivered before the refusal.
  await smtp.waitFor(
    (m) => m.to.includes('giulia.dst@lazio.example') && /accepted/.test(m.parsed.subject ?? ''),
  );

  // The first delivery attempt is refused with 421; the invite still arrives, once.
  smtp.refuseNext(1, 421, 'service not available, try again');
  // Friday 26 March, 09:00 UTC = 10:00 in Rome (CET) = 17:00 in Yantai.
  const booked = await as(
    t.app,
    rome.sid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [yantai.participant.id], start: '2027-03-26T09:00:00Z', duration: 30 },
  });
  expect(booked.statusCode).toBe(201);
  const id = booked.json().id as string;
  const firstMail = (address: string) =>
    smtp.waitFor((m) => m.to.includes(address) && /METHOD:REQUEST/.test(m.raw) && /SEQUENCE:0/.test(m.raw));
  // The refused one waits 30 s (on the test's clock) and is then sent again, with the same Message-ID.
  await smtp.waitFor((m) => /METHOD:REQUEST/.test(m.raw));
  await new Promise((r) => setTimeout(r, 200));
  t.clock.advance(60_000);
  t.app.outbox!.kick();
  for (const address of ['giulia.dst@lazio.example', 'wang.dst@ytu.example']) {
    const m = event(await firstMail(address));
    expect(m).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      status: 'CONFIRMED',
      start: '2027-03-26T09:00:00.000Z',
    });
    expect(m.attendees.sort()).toEqual(['mailto:giulia.dst@lazio.example', 'mailto:wang.dst@ytu.example']);
  }

  // Tuesday 30 March, after the change: 10:00 in Rome is now 08:00 UTC (CEST), 16:00 in Yantai.
  const moved = await as(
    t.app,
    yantai.sid,
  )({ method: 'PATCH', url: `/api/sessions/${id}`, payload: { start: '2027-03-30T08:00:00Z' } });
  expect(moved.statusCode).toBe(200);
  const update = await smtp.waitFor(
    (m) => m.to.includes('giulia.dst@lazio.example') && /SEQUENCE:1/.test(m.raw),
  );
  const u = event(update);
  const first = event(await firstMail('giulia.dst@lazio.example'));
  expect(u).toMatchObject({
    method: 'REQUEST',
    sequence: 1,
    uid: first.uid,
    start: '2027-03-30T08:00:00.000Z',
  });
  expect(update.parsed.text).toContain('10:00–10:30 (Rome)');
  expect(update.parsed.text).toContain('16:00–16:30 (Yantai)');

  // The calendar travels twice, as clients expect: the text/calendar alternative with its method,
  // and one invite.ics attachment; each content line, the last too, ends with CRLF.
  expect(update.raw.match(/^Content-Type: text\/calendar/gim) ?? []).toHaveLength(1);
  expect(update.raw.match(/^Content-Type: application\/ics/gim) ?? []).toHaveLength(1);
  const ics = update.parsed.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8');
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  // Accept, Decline and the calendar file are links in the HTML part, not bare addresses.
  const html = String(update.parsed.html);
  for (const label of ['Accept', 'Decline', 'Calendar file', '接受', '拒绝', '日历文件'])
    expect(html).toMatch(new RegExp(`<a href="[^"]+"[^>]*>${label}</a>`));
  expect(update.parsed.text).toMatch(/接受：http/);

  const cancelled = await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` });
  expect(cancelled.statusCode).toBe(200);
  const cancel = await smtp.waitFor(
    (m) => m.to.includes('wang.dst@ytu.example') && /METHOD:CANCEL/.test(m.raw),
  );
  expect(cancel.raw).toMatch(/method=CANCEL/i);
  expect(event(cancel)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 2, uid: first.uid });

  // Each mail once: one per person per change, despite the refused attempt.
  const mine = smtp.received.filter(
    (m) => m.to.includes('wang.dst@ytu.example') && /BEGIN:VCALENDAR/.test(m.raw),
  );
  expect(mine.map((m) => event(m).sequence)).toEqual([0, 1, 2]);

  // The feed keeps the entry, marked cancelled, at the new instant.
  const me = (await as(t.app, yantai.sid)({ method: 'GET', url: '/api/me' })).json().participant;
  const feed = await t.app.inject({ method: 'GET', url: new URL(me.calendarUrl).pathname });
  const comp = new ICAL.Component(ICAL.parse(feed.body));
  const ev = comp.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === first.uid)!;
  expect(comp.getFirstPropertyValue('method')).toBe('PUBLISH');
  expect(ev.getFirstPropertyValue('status')).toBe('CANCELLED');
  expect((ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(
    '2027-03-30T08:00:00.000Z',
  );
});
