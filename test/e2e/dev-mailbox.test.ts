/**
 * The demo's mailbox, where mail waits when no mail server is set: read in the reader's language,
 * with the sender's status in words and the calendar attachment named.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, watchConsole } from './browser';
import { useStage } from './stage';

describe.skipIf(!hasChromium)('the development mailbox', () => {
  const stage = useStage({ SMTP_URL: '' });

  it('reads in Chinese: a full-width colon, the status in words, the invite named', async () => {
    const ctx = await stage.signInAs(/李娜/, { locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const origin = { origin: stage.server.url };
    const listed = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: { id: string; name: string }[];
    };
    const people = listed.people;
    const luca = people.find((p) => /Luca/.test(p.name))!;
    const lucaCtx = await stage.signInAs(/Luca/);
    const request = await ctx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: luca.id },
      headers: origin,
    });
    const { id } = (await request.json()) as { id: string };
    expect(
      (
        await lucaCtx.request.post(`${stage.server.url}/api/meeting-requests/${id}/accept`, {
          headers: origin,
        })
      ).status(),
    ).toBe(200);
    const slots = (
      await (await ctx.request.get(`${stage.server.url}/api/slots?with=${luca.id}&duration=30`)).json()
    ).slots as { start: string }[];
    const booked = await ctx.request.post(`${stage.server.url}/api/sessions`, {
      data: { kind: 'meeting', with: [luca.id], start: slots[0]!.start, duration: 30, requestId: id },
      headers: origin,
    });
    expect(booked.status()).toBe(201);

    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/dev/mailbox`);
    const invite = page.locator('.mail-head', { hasText: '邀请' }).first();
    await invite.waitFor();
    const line = (await invite.locator('.muted').textContent())!;
    expect(line).toMatch(/^收件人：/);
    expect(line).toMatch(/ · (等待中|已发送|发送中) · invite\.ics$/);
    expect(line).not.toMatch(/pending|sent/);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await ctx.close();
    await lucaCtx.close();
  }, 120_000);
});
