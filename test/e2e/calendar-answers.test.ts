/**
 * Answers from people's own calendar apps, on the session page: the real server receives, on its
 * INBOUND_SMTP_PORT, a REPLY (Accept) and a COUNTER (another time) written as Outlook writes
 * them; the hosts see the answer and the proposed time in each one's own time, in English on a
 * laptop and in Chinese on a phone, and move the meeting there with one press.
 */

import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/server-process';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

const inboundPort = await freePort();

describe.skipIf(!hasChromium)('calendar answers by mail, on the session page', () => {
  // No demo seed: the two people here are all it needs, and the server starts sooner.
  const stage = useStage({
    INBOUND_SMTP_PORT: String(inboundPort),
    MAIL_FROM: 'Twinning <no-reply@e2e.example>',
    SEED_DEMO: '0',
  });

  async function axe(page: Page): Promise<string[]> {
    return axeViolations(page, { all: true });
  }

  it('shows a mailed Accept and a proposed time, and moves the meeting to it', async () => {
    const romeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const yantaiCtx: BrowserContext = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 800 },
    });
    const romeId = await stage.register(romeCtx.request, {
      name: 'Chiara Bianchi',
      email: 'chiara@lazio-imip.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
      locale: 'en',
    });
    const yantaiId = await stage.register(yantaiCtx.request, {
      name: '王磊',
      email: 'wang@ytu-imip.example',
      organisation: 'Yantai University',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      locale: 'zh',
    });
    const origin = { origin: stage.server.url };
    const asked = await romeCtx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: yantaiId },
      headers: origin,
    });
    await yantaiCtx.request.post(
      `${stage.server.url}/api/meeting-requests/${(await asked.json()).id}/accept`,
      {
        headers: origin,
      },
    );
    const slots = (
      await (await romeCtx.request.get(`${stage.server.url}/api/slots?with=${yantaiId}&duration=30`)).json()
    ).slots as { start: string; end: string }[];
    const booked = await romeCtx.request.post(`${stage.server.url}/api/sessions`, {
      data: { kind: 'meeting', with: [yantaiId], start: slots[0]!.start, duration: 30 },
      headers: origin,
    });
    expect(booked.status()).toBe(201);
    const session = await booked.json();
    const other = slots.find((s) => s.start.slice(0, 10) !== slots[0]!.start.slice(0, 10)) ?? slots[1]!;

    // Yantai's invite names her own reply address as ORGANIZER.
    const invite = await stage.smtp.waitFor(
      (m) => m.to.includes('wang@ytu-imip.example') && /METHOD:REQUEST/.test(m.raw),
    );
    const ics = invite.parsed.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8');
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    const replyTo = /^ORGANIZER[^:]*:mailto:(\S+)\r?$/im.exec(unfolded)![1]!;
    const uid = /^UID:(\S+)\r?$/m.exec(unfolded)![1]!;
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const calendar = (method: string, partstat: string, start: string, end: string) =>
      [
        'BEGIN:VCALENDAR',
        'PRODID:Microsoft Exchange Server 2010',
        'VERSION:2.0',
        `METHOD:${method}`,
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'SEQUENCE:0',
        `DTSTAMP:${utc(new Date().toISOString())}`,
        `DTSTART:${utc(start)}`,
        `DTEND:${utc(end)}`,
        `ORGANIZER;CN=Twinning:mailto:${replyTo}`,
        `ATTENDEE;CN=王磊;PARTSTAT=${partstat}:mailto:wang@ytu-imip.example`,
        ...(method === 'COUNTER' ? ['COMMENT:下午更方便。'] : []),
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, ignoreTLS: true });
    const mail = (subject: string, cal: string, method: string) =>
      client.sendMail({
        from: '王磊 <wang@ytu-imip.example>',
        to: replyTo,
        subject,
        text: '',
        alternatives: [{ contentType: `text/calendar; charset=utf-8; method=${method}`, content: cal }],
      });
    await mail('Accepted', calendar('REPLY', 'ACCEPTED', session.start, session.end), 'REPLY');
    await mail('New time proposed', calendar('COUNTER', 'NEEDS-ACTION', other.start, other.end), 'COUNTER');
    client.close();

    // Rome, in English on a laptop: Yantai is attending, and proposes another time.
    const page = await romeCtx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/sessions/${session.id}`);
    const box = page.locator('section[aria-labelledby="proposals-title"]');
    await box.waitFor();
    expect(await page.locator('table.people-times').textContent()).toContain('attending');
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('王磊 (Yantai) proposes');
    expect(text).toContain('Chiara Bianchi, Rome');
    expect(text).toContain('下午更方便。');
    expect(await unnamedControls(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'session-proposal-en');

    // Yantai, in Chinese on a phone, sees it too (both are hosts of a meeting).
    const phone = await yantaiCtx.newPage();
    await phone.goto(`${stage.server.url}/sessions/${session.id}`);
    const zhBox = phone.locator('section[aria-labelledby="proposals-title"]');
    await zhBox.waitFor();
    expect(await zhBox.textContent()).toContain('建议的其他时间');
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
    expect(await axe(phone)).toEqual([]);
    await shot(phone, 'session-proposal-zh-phone');

    // Rome accepts: the meeting moves, with a new sequence, and the box is gone.
    await box.getByRole('button', { name: 'Accept this time' }).click();
    await expect.poll(() => saying(page, 'status').textContent()).toContain('Moved');
    await expect.poll(() => box.count()).toBe(0);
    const moved = await (await romeCtx.request.get(`${stage.server.url}/api/sessions/${session.id}`)).json();
    expect(moved).toMatchObject({ start: other.start, sequence: 1 });
    expect(moved.people.find((p: { id: string }) => p.id === romeId)).toBeTruthy();
    expect(problems).toEqual([]);
    await romeCtx.close();
    await yantaiCtx.close();
  }, 240_000);
});
