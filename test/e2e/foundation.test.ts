/**
 * The foundation in the browser: the home page with the demo people in both languages, and a
 * Chinese registration on a phone, signed out and signed in again by the mailed link.
 */
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { hasChromium, shot, watchConsole } from './browser';
import { useStage } from './stage';

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  const stage = useStage();

  it('shows the home page with the demo people, in English and in Chinese', async () => {
    const ctx = await stage.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(stage.server.url);
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
    const ctx = await stage.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 375, height: 740 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    // The browser logs the refusal of the deliberate mistake below; nothing else may appear.
    const problems = watchConsole(page, [/status of 422/]);
    await page.goto(`${stage.server.url}/register`);
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
    // A summary first, then the refusal next to the field.
    await expect
      .poll(async () => (await saying(page, 'alert').allTextContents()).join(' '))
      .toContain('工作时间无效');
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('王芳');
    await page.getByLabel('周一 从').first().fill('09:00');
    await page.getByRole('button', { name: '注册' }).click();
    // The next step is said plainly: confirm the address; meanwhile the matches are open.
    await page.waitForURL('**/check-mail**');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('请确认您的邮箱');
    expect(await page.getByRole('main').textContent()).toContain('wang.fang@yantai-e2e.example');
    await shot(page, 'confirm-zh-phone');
    await page.goto(`${stage.server.url}/profile`);
    await expect.poll(() => page.getByRole('note').textContent()).toContain('请确认您的邮箱');
    const confirmation = await stage.smtp.waitFor(
      (m) => m.to.includes('wang.fang@yantai-e2e.example') && /确认/.test(m.parsed.subject ?? ''),
    );
    const confirmLink = /(http:\/\/127\.0\.0\.1:\d+\/auth\/verify\?token=[\w%-]+)/.exec(
      confirmation.parsed.text ?? '',
    )![1]!;
    await page.goto(confirmLink);
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.waitForURL('**/profile');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('欢迎，王芳');
    expect(await page.getByRole('note').count()).toBe(0);
    await shot(page, 'profile-zh-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    // On a phone the header's links sit behind the menu button.
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('button', { name: '退出' }).click();
    await page.goto(`${stage.server.url}/sign-in`);
    await page.getByLabel('电子邮箱', { exact: true }).fill('wang.fang@yantai-e2e.example');
    await page.getByRole('button', { name: '发送登录链接' }).click();
    await page.waitForURL('**/check-mail**');
    const mail = await stage.smtp.waitFor(
      (m) => m.to.includes('wang.fang@yantai-e2e.example') && /登录/.test(m.parsed.subject ?? ''),
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/auth\/verify\?token=[\w%-]+)/.exec(mail.parsed.text ?? '')![1]!;
    await page.goto(link);
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.waitForURL('**/profile');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('王芳');

    // Editing the profile saves: the form sends only the fields the API takes.
    await page.getByRole('button', { name: '编辑资料' }).click();
    await page.getByLabel('机构', { exact: true }).fill('烟台大学生命科学学院');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('已保存。');
    expect(await page.getByRole('main').textContent()).toContain('烟台大学生命科学学院');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
