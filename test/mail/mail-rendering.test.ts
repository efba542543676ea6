/**
 * Every kind of mail as its reader's mail app shows it: sent through the product to the loopback
 * SMTP server, then each HTML part rendered in Chromium at a phone's width, in light and in dark
 * (mail apps darken mails), with images off. Nothing may scroll sideways, axe finds nothing, the
 * document says its language and title, and the text part carries every link of the HTML part.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { axeViolations } from '../e2e/axe';
import { hasChromium, launch, SHOTS, sidewaysOverflow } from '../e2e/browser';
import {
  as,
  bookMeeting,
  makeTestApp,
  register,
  type TestApp,
  testClock,
  yantaiPerson,
} from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
let browser: Browser;
/** Set MAIL_SHOTS=1 to keep a screenshot of every mail at 375 and 800 px, light and dark. */
const keepShots = process.env.MAIL_SHOTS === '1';

beforeAll(async () => {
  smtp = await startSmtp();
  if (hasChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

const html = (m: ReceivedMail) => (m.parsed.html || '') as string;
const text = (m: ReceivedMail) => m.parsed.text ?? '';

/** Drives the product through one of each mail, in both readers' languages; returns them by name. */
async function sendEveryMail(): Promise<Map<string, ReceivedMail>> {
  t = await makeTestApp({
    env: { AFTER_MEETING_POLL_MS: '60000' },
    clock: testClock('2027-05-10T06:00:00Z'),
    mailSender: createSmtpSender(smtp.url),
  });
  const api = (sid: string) => as(t.app, sid);
  const stamp = Math.random().toString(36).slice(2, 8);
  const rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  const yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`, { locale: 'zh' }));
  const nice = await register(t.app, {
    name: 'Pierre Martin',
    email: `pierre.${stamp}@nice.example`,
    city: 'Nice',
    country: 'FR',
    timeZone: 'Europe/Paris',
  });
  const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
  for (const p of [rome, yantai]) {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: p.participant.email } });
  }
  const imported = await api(org.sid)({
    method: 'POST',
    url: '/api/admin/participants.csv',
    headers: { 'content-type': 'text/csv' },
    payload: [
      'email,name,organisation,city,country,time_zone,languages',
      `claire.${stamp}@nice.example,Claire Dubois,Nice Côte d'Azur Metropolis,Nice,FR,Europe/Paris,fr; en`,
      `li.${stamp}@km.example,李娜,康美昆明健康城,Kunming,CN,Asia/Shanghai,zh`,
    ].join('\n'),
  });
  expect(imported.statusCode, imported.body).toBe(200);

  // Requests: one with a message, accepted; one declined.
  const req = await api(rome.sid)({
    method: 'POST',
    url: '/api/meeting-requests',
    payload: { to: yantai.participant.id, message: 'We test vineyard sensors; shall we compare notes?' },
  });
  expect(req.statusCode, req.body).toBe(201);
  await api(yantai.sid)({ method: 'POST', url: `/api/meeting-requests/${req.json().id}/accept` });
  const req2 = await api(yantai.sid)({
    method: 'POST',
    url: '/api/meeting-requests',
    payload: { to: nice.participant.id },
  });
  await api(nice.sid)({ method: 'POST', url: `/api/meeting-requests/${req2.json().id}/decline` });

  // A meeting booked, moved and later held; another booked and cancelled.
  const booked = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-11T08:00:00Z');
  expect(booked.statusCode, booked.body).toBe(201);
  const meeting = booked.json().id as string;
  await api(rome.sid)({
    method: 'PATCH',
    url: `/api/sessions/${meeting}`,
    payload: { start: '2027-05-12T08:30:00Z' },
  });
  const other = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-13T08:00:00Z');
  await api(rome.sid)({ method: 'POST', url: `/api/sessions/${other.json().id}/cancel` });

  // A webinar, announced, with a registration.
  const webinar = await api(org.sid)({
    method: 'POST',
    url: '/api/sessions',
    payload: {
      kind: 'webinar',
      title: 'Healthy streets: sensors, data and citizens',
      description:
        'How two cities measure air and noise.\nSlides: https://example.org/s?id=HealthyStreetsSlidesAndRecordingsOfSessionOneFinalVersion2027',
      hosts: [rome.participant.id],
      start: '2027-05-14T08:00:00Z',
      duration: 60,
    },
  });
  expect(webinar.statusCode, webinar.body).toBe(201);
  const wid = webinar.json().id as string;
  await api(org.sid)({ method: 'POST', url: `/api/sessions/${wid}/announcement` });
  await api(yantai.sid)({ method: 'POST', url: `/api/sessions/${wid}/register` });

  // Reminders the day before and just before; the question after; the follow-up 90 days on.
  for (const at of ['2027-05-11T08:31:00Z', '2027-05-12T08:16:00Z', '2027-05-12T09:01:00Z']) {
    t.clock.set(at);
    await t.app.afterMeeting.runOnce();
  }
  await api(rome.sid)({
    method: 'PUT',
    url: `/api/sessions/${meeting}/outcome`,
    payload: { result: 'cooperation-possible' },
  });
  t.clock.set('2027-08-10T09:01:00Z');
  await t.app.afterMeeting.runOnce();

  const wanted: [string, string, RegExp][] = [
    ['confirm-en', rome.participant.email, /^Confirm your address/],
    ['confirm-zh', yantai.participant.email, /^请确认/],
    ['sign-in-en', rome.participant.email, /^Your Twinning sign-in link/],
    ['sign-in-zh', yantai.participant.email, /^Twinning 登录链接/],
    ['welcome-en', `claire.${stamp}@nice.example`, /^Welcome to Twinning/],
    ['welcome-zh', `li.${stamp}@km.example`, /^欢迎使用/],
    ['request-zh', yantai.participant.email, /希望与您会面/],
    ['accepted-en', rome.participant.email, /accepted your meeting request/],
    ['declined-zh', yantai.participant.email, /拒绝了您的会面请求/],
    ['invite-en', rome.participant.email, /^Invitation:/],
    ['invite-zh', yantai.participant.email, /^邀请：/],
    ['update-zh', yantai.participant.email, /^已更新：/],
    ['cancelled-en', rome.participant.email, /^Cancelled:/],
    ['registered-zh', yantai.participant.email, /^已报名：/],
    ['announce-en', nice.participant.email, /^Webinar:/],
    ['announce-zh', yantai.participant.email, /^网络研讨会：/],
    ['reminder-en', rome.participant.email, /^Reminder:/],
    ['reminder-zh', yantai.participant.email, /^提醒：/],
    ['outcome-zh', yantai.participant.email, /^会议成果如何/],
    ['outcome-en', rome.participant.email, /^What came of your meeting/],
    ['follow-up-en', rome.participant.email, /^Where does the cooperation stand/],
  ];
  const mails = new Map<string, ReceivedMail>();
  for (const [name, to, subject] of wanted) {
    mails.set(
      name,
      await smtp.waitFor((m) => m.to.includes(to) && subject.test(m.parsed.subject ?? ''), 10_000),
    );
  }
  return mails;
}

/**
 * axe takes most of a second a mail: it runs on one of each shape of the shared layout (buttons,
 * answer links, footnote, a description) in each language; every mail gets the other checks.
 */
const AXE_ON = ['invite-en', 'invite-zh', 'outcome-zh', 'sign-in-en', 'registered-zh', 'request-zh'];

describe.skipIf(!hasChromium)('every mail as its reader sees it', () => {
  it(
    'fits a phone, reads in light and dark, and says in text what it says in HTML',
    async () => {
      const mails = await sendEveryMail();
      const problems: string[] = [];
      const widths = keepShots ? [375, 800] : [375];
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const width of widths) {
          const context = await browser.newContext({
            viewport: { width, height: 800 },
            colorScheme,
            javaScriptEnabled: true,
          });
          // Images off, as most mail apps start; nothing else is fetched either.
          await context.route('**/*', (route) => route.abort());
          const page = await context.newPage();
          for (const [name, mail] of mails) {
            await page.setContent(html(mail));
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) problems.push(`${name} ${width}px ${colorScheme}: ${overflow}px sideways`);
            if (colorScheme === 'dark') {
              // A mail app in dark mode that honours the mail's own scheme must not show a white sheet.
              const sheet = await page.evaluate<string>(
                `[document.body, ...document.body.children].map((e) => getComputedStyle(e).backgroundColor).join(' ')`,
              );
              if (/rgb\((2[0-9]{2}), (2[0-9]{2}), (2[0-9]{2})\)/.test(sheet))
                problems.push(`${name}: white in dark (${sheet})`);
            }
            if (width === 375 && (keepShots || AXE_ON.includes(name))) {
              for (const v of await axeViolations(page)) problems.push(`${name} ${colorScheme}: ${v}`);
            }
            if (keepShots) {
              fs.mkdirSync(SHOTS, { recursive: true });
              await page.screenshot({
                path: path.join(SHOTS, `mail-${name}-${width}-${colorScheme}.png`),
                fullPage: true,
              });
            }
          }
          await context.close();
        }
      }
      for (const [name, mail] of mails) {
        if (keepShots) fs.writeFileSync(path.join(SHOTS, `mail-${name}.eml`), mail.raw);
        const h = html(mail);
        const lang = name.endsWith('-zh') ? 'zh-CN' : 'en';
        if (!new RegExp(`<html lang="${lang}" dir="ltr"`).test(h))
          problems.push(`${name}: no lang/dir on <html>`);
        if (!/<title>[^<]+<\/title>/.test(h)) problems.push(`${name}: no title`);
        const body = text(mail);
        if (/<[a-z/][^>]*>|&(amp|lt|gt|quot|#\d+);/i.test(body))
          problems.push(`${name}: HTML in the text part`);
        const links = [...h.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
        for (const link of new Set(links)) {
          if (!body.includes(link)) problems.push(`${name}: text part lacks ${link}`);
        }
        // Chinese takes full-width punctuation: no ASCII comma, colon or bracket right after a Chinese character.
        const parts = body.split('\n----------------------------------------\n');
        const chinese = name.endsWith('-zh') ? parts[0]! : parts[1]!;
        for (const m of chinese.matchAll(/[\u4e00-\u9fff][,:;?!()]/g))
          problems.push(`${name}: half-width “${m[0]}”`);
        for (const line of body.split('\n')) {
          if (line.length > 998) problems.push(`${name}: a text line of ${line.length} characters`);
        }
      }
      // Dates and times as the reader says them, named by their city rather than a zone's code.
      const request = text(mails.get('request-zh')!);
      expect(request).toContain('此请求有效期至2027年5月24日。');
      expect(request).toContain('It stays open until 24 May 2027.');
      const announced = text(mails.get('announce-zh')!);
      expect(announced).toContain('2027年5月14日周五 16:00–17:00（您的时间，烟台）');
      expect(announced).toContain('Fri, 14 May 2027, 16:00–17:00 (your time, Yantai)');
      // The day-before reminder says "tomorrow at this time" in Chinese too, not "after 1 day".
      expect(text(mails.get('reminder-zh')!)).toMatch(/”将于明天此时开始。/);
      expect(problems).toEqual([]);
    },
    keepShots ? 300_000 : 60_000,
  );
});
