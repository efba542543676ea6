import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from '../helpers/server-process';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { hasChromium, launch, shot, watchConsole } from './browser';

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  let server: ServerProcess;
  let smtp: TestSmtp;
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-e2e-'));

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit' });
    smtp = await startSmtp();
    server = await startServer({
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
    });
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the home page with the demo people, in English and in Chinese', async () => {
    const ctx = await browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('button', { name: /Sign in as Lucía/ }).count()).toBe(1);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await shot(page, 'home-en');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('欧洲与中国');
    await shot(page, 'home-zh');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('registers in Chinese on a phone, signs out, and signs in again by the mailed link', async () => {
    const ctx = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 375, height: 740 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    // The browser logs the refusal of the deliberate mistake below; nothing else may appear.
    const problems = watchConsole(page, [/status of 422/]);
    await page.goto(`${server.url}/register`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.getByLabel('时区', { exact: true }).inputValue()).toBe('Asia/Shanghai');
    await page.getByLabel('姓名', { exact: true }).fill('王芳');
    await page.getByLabel('电子邮箱', { exact: true }).fill('wang.fang@yantai-e2e.example');
    await page.getByLabel('机构', { exact: true }).fill('烟台大学');
    await page.getByLabel('城市', { exact: true }).fill('烟台');
    await page.getByLabel('国家/地区', { exact: true }).selectOption('CN');
    await page.getByRole('group', { name: '行业领域' }).getByLabel('葡萄酒与葡萄种植').check();
    await page.getByRole('group', { name: '可提供' }).getByLabel('科研合作').check();
    await page.getByRole('group', { name: '希望获得' }).getByLabel('技术转移').check();
    // A mistake first: the refusal shows next to the field, and nothing typed is lost.
    await page.getByLabel('周一 从').first().fill('19:00');
    await shot(page, 'register-zh-phone');
    await page.getByRole('button', { name: '注册' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('工作时间无效');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('王芳');
    await page.getByLabel('周一 从').first().fill('09:00');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL('**/profile');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('欢迎，王芳');
    await shot(page, 'profile-zh-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: '退出' }).click();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('电子邮箱', { exact: true }).fill('wang.fang@yantai-e2e.example');
    await page.getByRole('button', { name: '发送登录链接' }).click();
    await page.waitForURL('**/check-mail**');
    const mail = await smtp.waitFor(
      (m) => m.to.includes('wang.fang@yantai-e2e.example') && /登录/.test(m.parsed.subject ?? ''),
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/auth\/verify\?token=[\w%-]+)/.exec(mail.parsed.text ?? '')![1]!;
    await page.goto(link);
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.waitForURL('**/profile');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('王芳');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
