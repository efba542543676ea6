/**
 * The questions after a meeting, read from the loopback SMTP server: they give the meeting's time
 * as the session mails do, in the reader's zone and named by their city, not by "GMT+8".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  register,
  type TestApp,
  testClock,
  yantaiPerson,
} from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

const mailTo = (address: string, subject: RegExp) =>
  smtp.waitFor((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''));
const text = (m: ReceivedMail) => m.parsed.text ?? '';
const html = (m: ReceivedMail) => (m.parsed.html || '') as string;

/** Moves the clock and runs one pass of the after-meeting job, as its timer would. */
async function at(iso: string) {
  t.clock.set(iso);
  await t.app.afterMeeting.runOnce();
}

describe('the questions after a meeting', () => {
  it('give the time in the reader’s zone with their city, in both languages', async () => {
    // Monday 10 May 2027: Rome is on CEST (UTC+2), Yantai on CST (UTC+8).
    t = await makeTestApp({
      env: { AFTER_MEETING_POLL_MS: '60000' },
      clock: testClock('2027-05-10T06:00:00Z'),
      mailSender: createSmtpSender(smtp.url),
    });
    const stamp = Math.random().toString(36).slice(2, 8);
    const rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
    const yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`, { locale: 'zh' }));
    await connect(t.app, rome, yantai);
    // Tuesday 11 May, 08:00 UTC: 10:00 in Rome, 16:00 in Yantai.
    const booked = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-11T08:00:00Z');
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    await at('2027-05-11T08:31:00Z');

    const en = await mailTo(rome.participant.email, /^What came of your meeting/);
    expect(text(en)).toContain('on Tue, 11 May 2027, 10:00–10:30 (Rome) with ');
    expect(html(en)).toContain('on Tue, 11 May 2027, 10:00–10:30 (Rome) with ');
    expect(text(en)).toContain('会议时间：2027年5月11日周二 10:00–10:30（罗马）。');
    expect(text(en)).not.toContain('CEST');

    const zh = await mailTo(yantai.participant.email, /^会议成果如何/);
    expect(text(zh)).toContain('会议时间：2027年5月11日周二 16:00–16:30（烟台）。');
    expect(html(zh)).toContain('会议时间：2027年5月11日周二 16:00–16:30（烟台）。');
    expect(text(zh)).toContain('on Tue, 11 May 2027, 16:00–16:30 (Yantai) with ');
    expect(text(zh)).not.toContain('GMT+8');

    // Rome saw a possibility of cooperation: 90 days later she is asked where it stands.
    const answered = await as(
      t.app,
      rome.sid,
    )({ method: 'PUT', url: `/api/sessions/${id}/outcome`, payload: { result: 'cooperation-possible' } });
    expect(answered.statusCode, answered.body).toBe(200);
    await at('2027-08-09T08:31:00Z');
    const followUp = await mailTo(rome.participant.email, /^Where does the cooperation stand/);
    expect(text(followUp)).toContain('90 days ago, on Tue, 11 May 2027, 10:00–10:30 (Rome), you met ');
    expect(text(followUp)).toContain('90天前，2027年5月11日周二 10:00–10:30（罗马），您与');
    expect(text(followUp)).not.toContain('CEST');
  });
});
