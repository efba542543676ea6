/**
 * The privacy page and "Delete my account" in Chromium, in English on a laptop and in Chinese on a
 * phone: the page states the server's RETENTION_DAYS, the dialog says what erasure does and its
 * button works only once the address is typed; axe finds nothing to fix on either.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

async function axe(page: Page, include?: string): Promise<string[]> {
  return axeViolations(page, { include });
}

describe.skipIf(!hasChromium)('privacy', () => {
  const stage = useStage({ RETENTION_DAYS: '200' });

  for (const [lang, viewport, phone] of [
    ['en', LAPTOP, false],
    ['zh-CN', PHONE, true],
  ] as const) {
    it(`the privacy page states the retention days (${lang})`, async () => {
      const ctx = await stage.browser.newContext({ locale: lang, viewport });
      const page = await ctx.newPage();
      const problems = watchConsole(page);
      await page.goto(`${stage.server.url}/`);
      // Linked from every page's footer.
      await page.locator('footer a[href="/privacy"]').click();
      await expect.poll(() => page.getByTestId('retention').textContent()).toContain('200');
      expect(await page.locator('main h1').textContent()).toMatch(lang === 'en' ? /Privacy/ : /隐私/);
      expect(await page.evaluate('document.documentElement.lang')).toBe(lang);
      expect(await unnamedControls(page)).toEqual([]);
      if (phone) expect(await sidewaysOverflow(page)).toBe(0);
      expect(await axe(page)).toEqual([]);
      await shot(page, `privacy-${lang}`);
      expect(problems).toEqual([]);
      await ctx.close();
    });

    it(`deletes the account after the address is typed (${lang})`, async () => {
      const ctx = await stage.browser.newContext({ locale: lang, viewport });
      const email = `erase.${lang}.${Date.now()}@example.org`;
      await stage.register(ctx.request, {
        name: lang === 'en' ? 'Marta Rossi' : '李娜',
        email,
        organisation: 'Port of Genoa',
        city: 'Genoa',
        country: 'IT',
        timeZone: 'Europe/Rome',
        languages: ['it', 'en'],
        locale: lang === 'en' ? 'en' : 'zh',
      });
      const page = await ctx.newPage();
      const problems = watchConsole(page, [/401/]);
      await page.goto(`${stage.server.url}/profile`);
      const open = page.getByRole('button', { name: lang === 'en' ? 'Delete my account…' : '删除我的账户…' });
      await open.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const confirm = dialog.getByRole('button', {
        name: lang === 'en' ? 'Delete my account for good' : '永久删除我的账户',
      });
      expect(await confirm.isDisabled()).toBe(true);
      // Keeping the account closes the dialog and changes nothing.
      await dialog.getByRole('button', { name: lang === 'en' ? 'Keep my account' : '保留我的账户' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await open.click();
      await dialog.getByRole('textbox').fill('someone.else@example.org');
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByRole('textbox').fill(email);
      expect(await confirm.isDisabled()).toBe(false);
      expect(await axe(page, 'dialog')).toEqual([]);
      if (phone) expect(await sidewaysOverflow(page)).toBe(0);
      await shot(page, `delete-dialog-${lang}`);
      await confirm.click();
      await page.waitForURL(/\/\?deleted=1$/);
      await expect
        .poll(() => saying(page, 'status').first().textContent())
        .toMatch(lang === 'en' ? /deleted/ : /已删除/);
      await shot(page, `deleted-${lang}`);
      const after = await ctx.request.get(`${stage.server.url}/api/me`);
      expect(after.status()).toBe(401);
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }

  it('shows the other side a former participant plainly, with no time to find with them', async () => {
    const goneCtx = await stage.browser.newContext({ locale: 'en', viewport: LAPTOP });
    const stayCtx = await stage.browser.newContext({ locale: 'zh-CN', viewport: PHONE });
    const stamp = Date.now();
    const goneId = await stage.register(goneCtx.request, {
      name: 'Anna Rossi',
      email: `anna.${stamp}@example.org`,
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['en'],
    });
    await stage.register(stayCtx.request, {
      name: '王伟',
      email: `wang.${stamp}@example.org`,
      organisation: '昆明医科大学',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    });
    const headers = { origin: stage.server.url };
    const asked = await stayCtx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: goneId },
      headers,
    });
    const accepted = await goneCtx.request.post(
      `${stage.server.url}/api/meeting-requests/${(await asked.json()).id}/accept`,
      { headers },
    );
    expect(accepted.status()).toBe(200);
    expect((await goneCtx.request.delete(`${stage.server.url}/api/me`, { headers })).status()).toBe(204);

    const page = await stayCtx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/requests`);
    const item = page.locator('li.request').filter({ hasText: '一位前参与者' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('h3').textContent()).not.toMatch(/·\s*,/);
    expect(await item.getByRole('link', { name: '选择时间' }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await goneCtx.close();
    await stayCtx.close();
  });
});
