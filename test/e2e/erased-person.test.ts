/**
 * What the others see after someone erases their account: Li Na, who was in the demo's meeting
 * going on now, deletes her account on her phone in Chinese; Lucía, who hosts the meeting with
 * her, no longer finds her expected in the lobby, and finds her as "a former participant" of
 * Kunming in its attendance log.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

async function clean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
}

describe.skipIf(!hasChromium)('after an account is erased', () => {
  const stage = useStage();
  let lucia: BrowserContext;
  let meeting: string;

  it('the person erases their account after a visit to a lobby', async () => {
    const ctx = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    const { sessions } = (await (await page.request.get(`${stage.server.url}/api/me/sessions`)).json()) as {
      sessions: { id: string; title: string }[];
    };
    meeting = sessions.find((s) => s.title === 'Granada–Kunming biotech forum: preparation')!.id;
    const { participant } = (await (await page.request.get(`${stage.server.url}/api/me`)).json()) as {
      participant: { email: string };
    };

    await page.goto(`${stage.server.url}/sessions/${meeting}/lobby`);
    await expect.poll(() => page.locator('.lobby-status').textContent()).toBe('正在进行');
    await page.goto(`${stage.server.url}/profile`);
    await page.getByRole('button', { name: '删除我的账户…' }).click();
    await page.getByLabel(/请输入您的电子邮箱/).fill(participant.email);
    await page.getByRole('button', { name: '永久删除我的账户' }).click();
    await page.waitForURL('**/?deleted=1');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('the host no longer finds her expected in the lobby', async () => {
    lucia = await stage.signInAs(/Lucía/, { locale: 'en-GB', timezoneId: 'Europe/Madrid', viewport: LAPTOP });
    const page = await lucia.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/sessions/${meeting}/lobby`);
    await expect.poll(() => page.locator('li.lobby-person').count()).toBe(2);
    expect((await page.locator('li.lobby-person').allTextContents()).join(' / ')).not.toMatch(
      /former participant|Kunming/,
    );
    await clean(page);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the host finds her as a former participant of Kunming in the attendance log, times in Granada', async () => {
    const page = await lucia.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/sessions/${meeting}`);
    const log = page.locator('section[aria-labelledby=attendance-title]');
    const row = log.locator('tbody tr').filter({ hasText: 'Kunming' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').first().textContent()).toBe('a former participant Kunming');
    // The clock times in the log are hers, and it says so.
    expect(await log.locator('p.help').textContent()).toBe('Times are your time, in Granada.');
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^\d\d:\d\d$/);
    await clean(page);
    await shot(page, 'attendance-former-participant-en');
    expect(problems).toEqual([]);
    await lucia.close();
  }, 120_000);
});
