/**
 * The profile page as the demo's people use their data rights on it: reading and correcting what
 * is held about them and the calendar feed. Chinese on a phone, English on a laptop; axe-checked.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { focused, hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

/** The profile's fact under a heading (a `dt`), as read. */
function fact(page: Page, term: string): Promise<string | null> {
  return page.locator(`dt:text-is("${term}") + dd`).textContent();
}

async function clean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
}

describe.skipIf(!hasChromium)('my profile and my data', () => {
  const stage = useStage();

  it('reads in Chinese with Chinese punctuation, and in English with English', async () => {
    const zh = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await zh.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/profile`);
    await expect.poll(() => fact(page, '行业领域')).toBe('生物医药、养老与康养、健康城市与公共卫生');
    expect(await fact(page, '城市')).toBe('昆明（中国） · Asia/Shanghai');
    expect(await fact(page, '可提供')).toBe('投资、试点项目');
    await clean(page);
    await shot(page, 'profile-zh-phone');
    expect(problems).toEqual([]);
    await zh.close();

    const en = await stage.signInAs(/Lucía/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
      viewport: LAPTOP,
    });
    const enPage = await en.newPage();
    await enPage.goto(`${stage.server.url}/profile`);
    await expect
      .poll(() => fact(enPage, 'Sectors'))
      .toBe('Biomedicine, Biotechnology, Healthy city and public health');
    expect(await fact(enPage, 'City')).toBe('Granada (Spain) · Europe/Madrid');
    await clean(enPage);
    await en.close();
  }, 120_000);

  it('keeps the focus with the person correcting their profile: into the form and back', async () => {
    const ctx = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/profile`);
    await page.getByRole('button', { name: '编辑资料' }).click();
    await expect.poll(() => focused(page)).toBe('H1 编辑资料');
    await clean(page);
    await page.getByLabel('机构', { exact: true }).fill('Kangmei Kunming Health City 康美昆明健康城（呈贡）');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => saying(page, 'status').textContent()).toBe('已保存。');
    // The focus moves once the page has drawn its new state, a frame after the message.
    await expect.poll(() => focused(page)).toBe('BUTTON 编辑资料');
    expect(await fact(page, '机构')).toBe('Kangmei Kunming Health City 康美昆明健康城（呈贡）');

    await page.getByRole('button', { name: '编辑资料' }).click();
    await expect.poll(() => focused(page)).toBe('H1 编辑资料');
    await page.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => focused(page)).toBe('BUTTON 编辑资料');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('says, beside the calendar feed, that a new link replaced the old one', async () => {
    const ctx = await stage.signInAs(/Lucía/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
      viewport: LAPTOP,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/profile`);
    const feed = page.locator('section[aria-labelledby=feed-title]');
    const link = feed.locator('.feed code');
    const old = (await link.textContent())!;
    expect((await ctx.request.get(old)).status()).toBe(200);
    await feed.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => feed.getByRole('button', { name: 'Copied' }).count()).toBe(1);

    page.once('dialog', (d) => void d.accept());
    await feed.getByRole('button', { name: 'Make a new link' }).click();
    await expect.poll(() => link.textContent()).not.toBe(old);
    expect(await saying(feed, 'status').textContent()).toBe(
      'This is your new link; the old one no longer works. Subscribe again with it wherever you used the old one.',
    );
    // "Copied" was said of the old link.
    expect(await feed.getByRole('button', { name: 'Copy link' }).count()).toBe(1);
    expect((await ctx.request.get(old)).status()).toBe(404);
    expect((await ctx.request.get((await link.textContent())!)).status()).toBe(200);
    await clean(page);
    await shot(page, 'profile-feed-reset-en');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('says "Copied" only when the browser copied the link, and else how to copy it', async () => {
    const ctx = await stage.signInAs(/李娜/, { locale: 'zh-CN', viewport: LAPTOP });
    // A browser that refuses the page the clipboard (no permission granted, as by default).
    await ctx.addInitScript(
      'Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } })',
    );
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/profile`);
    const feed = page.locator('section[aria-labelledby=feed-title]');
    await feed.getByRole('button', { name: '复制链接' }).click();
    await expect
      .poll(() => saying(feed, 'alert').textContent())
      .toBe('浏览器不允许本页复制链接：请选中上方的链接后复制。');
    expect(await feed.getByRole('button', { name: '已复制' }).count()).toBe(0);
    await ctx.close();
  }, 120_000);
});
