/**
 * Two people, one in Rome (English) and one in Yantai (Chinese), in two browsers: Rome finds Yantai
 * among the matches and asks for a meeting, Yantai accepts and books a slot, both receive invites,
 * both open the lobby, chat, and Rome starts the call. The lobby opens weeks ahead in this server
 * so that a slot found with the real clock can be started at once.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { hasChromium, shot, watchConsole } from './browser';
import { useStage } from './stage';

describe.skipIf(!hasChromium)('a meeting from match to lobby, in two browsers', () => {
  const stage = useStage({ LOBBY_OPEN_MINUTES: String(30 * 24 * 60) });

  async function person(
    ctx: BrowserContext,
    profile: Record<string, unknown>,
  ): Promise<{ page: Page; id: string; problems: string[] }> {
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    const id = await stage.register(page.request, profile);
    return { page, id, problems };
  }

  it('matches, requests, accepts, books, mails invites, and meets in the lobby', async () => {
    const romeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const yantaiCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 800 },
    });
    const rome = await person(romeCtx, {
      name: 'Chiara Bianchi',
      email: 'chiara.bianchi@lazio-e2e.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
      sectors: ['biotechnology', 'smart-city'],
      offers: ['technology-transfer'],
      seeks: ['research-partnership'],
      locale: 'en',
    });
    const yantai = await person(yantaiCtx, {
      name: '赵明远',
      email: 'wang.lei@ytu-e2e.example',
      organisation: 'Yantai University',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      sectors: ['biotechnology'],
      offers: ['research-partnership'],
      seeks: ['technology-transfer'],
      locale: 'zh',
    });

    // Rome finds Yantai among the matches and asks for a meeting.
    await rome.page.goto(`${stage.server.url}/matches`);
    await rome.page.getByLabel('City', { exact: true }).fill('Yantai');
    await rome.page.getByLabel('City', { exact: true }).press('Enter');
    const card = rome.page.locator('li.match').filter({ hasText: '赵明远' });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Request a meeting' }).click();
    await card.getByLabel('Message (optional)').fill('Shall we talk about the biotech park pilot?');
    await card.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card.textContent()).toContain('Request sent');
    await shot(rome.page, 'matches-en');

    // Yantai accepts, in Chinese, on a phone, and finds a time.
    await yantai.page.goto(`${stage.server.url}/requests`);
    const request = yantai.page.locator('li.card').filter({ hasText: 'Chiara Bianchi' });
    await request.getByRole('button', { name: '接受' }).click();
    await request.getByRole('link', { name: '选择时间' }).click();
    await yantai.page.waitForURL('**/schedule?**');
    const book = yantai.page.getByRole('button', { name: '预约' }).first();
    await book.waitFor();
    await shot(yantai.page, 'slots-zh-phone');
    await book.click();
    await expect.poll(() => saying(yantai.page, 'status').first().textContent()).toContain('预约成功');

    // Both receive an invite with a calendar their client can accept.
    for (const address of ['chiara.bianchi@lazio-e2e.example', 'wang.lei@ytu-e2e.example']) {
      const mail = await stage.smtp.waitFor((m) => m.to.includes(address) && /METHOD:REQUEST/.test(m.raw));
      expect(mail.raw).toMatch(/text\/calendar; ?charset=utf-8; ?method=REQUEST|method=REQUEST/i);
    }

    // Both open the lobby from "My schedule".
    await yantai.page.goto(`${stage.server.url}/schedule`);
    await yantai.page.getByRole('link', { name: '会议大厅' }).first().click();
    await yantai.page.waitForURL('**/lobby');
    await rome.page.goto(`${stage.server.url}/schedule`);
    await rome.page.getByRole('link', { name: 'Lobby' }).first().click();
    await rome.page.waitForURL('**/lobby');

    await expect.poll(() => rome.page.getByText('Starts in').count()).toBe(1);
    const romeLine = rome.page.locator('li.lobby-person').filter({ hasText: '赵明远' });
    await expect.poll(() => romeLine.textContent()).toContain('Yantai University');
    await expect.poll(() => romeLine.textContent()).not.toContain('not here yet');

    // Chat, shown as text even when it looks like HTML.
    await yantai.page.getByPlaceholder('输入消息').fill('<b>您好</b>, Chiara!');
    await yantai.page.getByRole('button', { name: '发送' }).click();
    await expect
      .poll(() => rome.page.locator('.chat-text').last().textContent())
      .toBe('<b>您好</b>, Chiara!');
    await yantai.page.getByRole('button', { name: '举手' }).click();
    await expect.poll(() => romeLine.getByText('hand raised').count()).toBe(1);

    // Rome starts: both get the video link.
    await rome.page.getByRole('button', { name: 'Start the session' }).click();
    const romeJoin = rome.page.getByRole('link', { name: 'Join the video call' });
    await expect.poll(() => romeJoin.getAttribute('href')).toMatch(/^https:\/\/meet\.jit\.si\/Twinning-/);
    await expect.poll(() => yantai.page.getByRole('link', { name: '加入视频会议' }).count()).toBe(1);
    await shot(rome.page, 'lobby-live-en');
    await shot(yantai.page, 'lobby-live-zh-phone');
    expect(await yantai.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    // A reload finds the lobby as it is.
    await yantai.page.reload();
    await expect.poll(() => yantai.page.getByRole('link', { name: '加入视频会议' }).count()).toBe(1);
    await expect
      .poll(() => yantai.page.locator('.chat-text').last().textContent())
      .toBe('<b>您好</b>, Chiara!');

    // Leaving shows: Rome sees Wang marked absent (after the few seconds a reload is given), and
    // present again when he comes back.
    const lobbyUrl = yantai.page.url();
    await yantai.page.goto(`${stage.server.url}/schedule`);
    await expect.poll(() => romeLine.textContent()).toContain('not here yet');
    await yantai.page.goto(lobbyUrl);
    await expect.poll(() => romeLine.textContent()).not.toContain('not here yet');

    await rome.page.getByRole('button', { name: 'End the session' }).click();
    await expect.poll(() => yantai.page.getByText('会议已结束').count()).toBe(1);

    expect(rome.problems).toEqual([]);
    expect(yantai.problems).toEqual([]);
    await romeCtx.close();
    await yantaiCtx.close();
  });
});
