/**
 * Every calendar object the product makes passes libical's RFC 5546 restriction check for its
 * METHOD: a meeting's invite, its update and its cancellation (mailed), a webinar's invite, the
 * invite.ics download and the feed (a PUBLISH, which carries no ATTENDEE). Skipped, saying why,
 * where no C compiler or libical-dev is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, connect, makeTestApp, register, type TestApp, testClock, yantaiPerson } from '../helpers/app';
import { libicalCheck, whyNoLibical } from '../helpers/libical';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

if (whyNoLibical) console.warn(`libical conformance tests skipped: ${whyNoLibical}`);

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await makeTestApp({
    clock: testClock('2027-05-10T06:00:00Z'),
    mailSender: createSmtpSender(smtp.url),
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const calendarsOf = (m: ReceivedMail) => {
  const parts = m.parsed.attachments.filter((a) => /calendar/i.test(a.contentType));
  expect(parts.length).toBeGreaterThan(0);
  return parts.map((a) => a.content.toString('utf8'));
};

describe.skipIf(!libicalCheck)('libical’s RFC 5546 restriction check', () => {
  const check = (what: string, ics: string, method: string) => {
    expect(ics, what).toMatch(new RegExp(`^METHOD:${method}\\r?$`, 'm'));
    expect(libicalCheck!(ics), what).toEqual([]);
  };

  it('passes every invite, update, cancellation, download and feed', async () => {
    const stamp = Math.random().toString(36).slice(2, 8);
    const rome = await register(t.app, {
      name: 'Giulia "G" Conti; Lazio',
      email: `giulia.${stamp}@lazio.example`,
    });
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
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id;
    const mailTo = (email: string, method: string) =>
      smtp.waitFor((m) => m.to.includes(email) && new RegExp(`METHOD:${method}`).test(m.raw));

    for (const ics of calendarsOf(await mailTo(yantai.participant.email, 'REQUEST')))
      check('invite', ics, 'REQUEST');
    // An answer by link: the invite.ics download and the update carry PARTSTAT=ACCEPTED.
    await as(
      t.app,
      yantai.sid,
    )({ method: 'POST', url: `/api/sessions/${id}/rsvp`, payload: { answer: 'accept' } });
    const download = await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${id}/invite.ics` });
    check('invite.ics download', download.body, 'REQUEST');

    const moved = await as(
      t.app,
      rome.sid,
    )({ method: 'PATCH', url: `/api/sessions/${id}`, payload: { start: '2027-05-12T08:00:00Z' } });
    expect(moved.json().sequence).toBe(1);
    const update = await smtp.waitFor(
      (m) => m.to.includes(rome.participant.email) && /SEQUENCE:1\r?$/m.test(m.raw),
    );
    for (const ics of calendarsOf(update)) check('update', ics, 'REQUEST');

    const me = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/me' })).json().participant;
    const feedUrl = new URL(me.calendarUrl).pathname;
    check('feed', (await t.app.inject({ method: 'GET', url: feedUrl })).body, 'PUBLISH');

    await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` });
    for (const ics of calendarsOf(await mailTo(yantai.participant.email, 'CANCEL')))
      check('cancellation', ics, 'CANCEL');
    check(
      'feed with a cancelled session',
      (await t.app.inject({ method: 'GET', url: feedUrl })).body,
      'PUBLISH',
    );

    // A webinar: its invite lists only the recipient.
    const office = await register(t.app, { email: 'organizer@twinning.test' });
    const webinar = await as(
      t.app,
      office.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Smart ports, 智慧港口',
        description: 'Line one\nLine two; with, punctuation',
        hosts: [rome.participant.id],
        start: '2027-05-13T08:00:00Z',
        duration: 60,
      },
    });
    expect(webinar.statusCode).toBe(201);
    await as(t.app, yantai.sid)({ method: 'POST', url: `/api/sessions/${webinar.json().id}/register` });
    const webinarInvite = await smtp.waitFor(
      (m) =>
        m.to.includes(yantai.participant.email) &&
        m.parsed.attachments.some((a) => a.content.toString('utf8').includes('Smart ports')),
    );
    for (const ics of calendarsOf(webinarInvite)) check('webinar invite', ics, 'REQUEST');
    check('feed with a webinar', (await t.app.inject({ method: 'GET', url: feedUrl })).body, 'PUBLISH');
  });

  it('tells a non-conforming object apart: an ATTENDEE in a PUBLISH', () => {
    const bad = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:x@test',
      'DTSTAMP:20270101T000000Z',
      'DTSTART:20270101T080000Z',
      'SUMMARY:x',
      'ORGANIZER:mailto:a@test.example',
      'ATTENDEE:mailto:b@test.example',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(libicalCheck!(bad).join('\n')).toMatch(/ATTENDEE/);
  });
});
