/**
 * Every page's title names it, in the reader's language: the browser's tab, history and
 * bookmarks said "Twinning" on every page. A move between pages inside the app is also said by
 * a polite live region, since a screen reader hears nothing else when no page loads.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, watchConsole } from './browser';
import { useStage } from './stage';

const SLOW = 120_000;
const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

describe.skipIf(!hasChromium)('page titles', () => {
  const stage = useStage();

  it(
    'zh on a phone: each page named by its heading, a move inside the app announced, the language switch followed',
    async () => {
      const ctx = await stage.signInAs(/李娜/, { locale: 'zh-CN', viewport: PHONE });
      const page = await ctx.newPage();
      const problems = watchConsole(page);
      const announcer = () => page.locator('[data-route-announcer]').textContent();
      await page.goto(`${stage.server.url}/schedule`);
      await expect.poll(() => page.title()).toBe('我的日程 – Twinning');
      // A first page load is the browser's to announce: the live region stays quiet.
      expect(await announcer()).toBe('');

      await page.getByRole('button', { name: '菜单' }).click();
      await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '网络研讨会' }).click();
      await page.waitForURL('**/webinars');
      await expect.poll(() => page.title()).toBe('网络研讨会 – Twinning');
      await expect.poll(announcer).toBe('网络研讨会 – Twinning');
      expect(await page.locator('[data-route-announcer]').getAttribute('aria-live')).toBe('polite');

      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.title()).toBe('Webinars – Twinning');
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await ctx.close();
    },
    SLOW,
  );

  it(
    'an organizer on a laptop: a page loaded on demand is announced by its own title, not the one before it',
    async () => {
      const ctx = await stage.signInAs(/Programme Secretariat/, { locale: 'en-GB', viewport: LAPTOP });
      const page = await ctx.newPage();
      const announcer = () => page.locator('[data-route-announcer]').textContent();
      await page.goto(`${stage.server.url}/schedule`);
      await expect.poll(() => page.title()).toBe('My schedule – Twinning');
      await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Organize' }).click();
      await page.waitForURL('**/admin');
      await expect.poll(announcer).toBe('The programme at a glance – Twinning');
      expect(await page.title()).toBe('The programme at a glance – Twinning');
      await ctx.close();
    },
    SLOW,
  );

  it(
    'en on a laptop, signed out: the home page is the app, other pages their heading',
    async () => {
      const ctx = await stage.browser.newContext({ locale: 'en-GB', viewport: LAPTOP });
      const page = await ctx.newPage();
      await page.goto(`${stage.server.url}/`);
      await page.locator('main h1').waitFor();
      expect(await page.title()).toBe('Twinning');
      await page.goto(`${stage.server.url}/register`);
      await expect.poll(() => page.title()).toMatch(/^Register .+ – Twinning$/);
      await page.goto(`${stage.server.url}/no-such-page`);
      await expect.poll(() => page.title()).not.toBe('Twinning');
      await ctx.close();
    },
    SLOW,
  );
});
