/**
 * A bio in two languages, and the phone's menu button. Elena, in Granada on a laptop in English,
 * registers with her bio in English and the same in Chinese; Li Na, in Kunming on a phone in
 * Chinese, reads Elena's card in Chinese with the English original a click away, and opens and
 * closes the menu (Escape gives the focus back to its button; a chosen link closes it).
 */

import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, SHOTS, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const SLOW = 300_000;
const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

const ELENA_EN =
  'Technology transfer office of a Granada biotech incubator. We host Chinese start-ups in our soft-landing programme.';
const ELENA_ZH = '格拉纳达生物技术孵化器的技术转移办公室。我们的软着陆计划接纳中国初创企业入驻。';

/** The top of each element, so that "one line" can be checked. */
/** What the phone's screen shows (the header and what is under it), not the whole long page. */
const screen = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const tops = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));

describe.skipIf(!hasChromium)('a bio in English and Chinese, and the phone menu', () => {
  const stage = useStage();

  it(
    'registers with both bios in English on a laptop, and reads them in Chinese on a phone',
    async () => {
      // Elena registers on the form, in English.
      const laptop = await stage.browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Madrid',
        viewport: LAPTOP,
      });
      const page = await laptop.newPage();
      const problems = watchConsole(page);
      await page.goto(`${stage.server.url}/register`);
      await page.getByRole('group', { name: 'Sectors' }).getByLabel('Biotechnology').waitFor();
      await page.getByLabel('Your name').fill('Elena Vidal');
      await page.getByLabel('Email', { exact: true }).fill('elena.vidal@granada-e2e.example');
      await page.getByLabel('Organisation', { exact: true }).fill('BioIncuba Granada');
      await page.getByLabel('City', { exact: true }).fill('Granada');
      await page.getByLabel('Country', { exact: true }).selectOption('ES');
      await page.getByRole('group', { name: 'Sectors' }).getByLabel('Biotechnology').check();
      await page.getByRole('group', { name: 'What you offer' }).getByLabel('Capacity building').check();
      await page.getByRole('group', { name: 'What you seek' }).getByLabel('Investment').check();
      await page.getByLabel('About you and your organisation').fill(ELENA_EN);
      // The second version is for readers in Chinese unless she chooses English.
      expect(await page.getByLabel('Language of the second version').inputValue()).toBe('zh');
      await page.getByLabel('The same in Chinese (optional)').fill(ELENA_ZH);
      await page.getByLabel('The same in Chinese (optional)').scrollIntoViewIfNeeded();
      await shot(page, 'bilingual-bio-register-en-laptop');
      expect(await axeViolations(page)).toEqual([]);
      // On a laptop every link of the header is on one line, with no menu button.
      expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.waitForURL('**/check-mail**');

      // She confirms her address with the mailed link; her profile shows both texts.
      const mail = await stage.smtp.waitFor(
        (m) => m.to.includes('elena.vidal@granada-e2e.example') && /verify\?token=/.test(m.parsed.text ?? ''),
      );
      await page.goto(
        /(http:\/\/127\.0\.0\.1:\d+\/auth\/verify\?token=[\w%-]+)/.exec(mail.parsed.text ?? '')![1]!,
      );
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await page.waitForURL('**/profile');
      const facts = page.locator('dl.facts');
      await expect.poll(() => facts.textContent()).toContain(ELENA_ZH);
      expect(await facts.textContent()).toContain(ELENA_EN);
      expect(await facts.locator('dt', { hasText: 'Bio in Chinese' }).count()).toBe(1);
      const links = await tops(page, 'header.top nav a, header.top nav button');
      expect(links.length).toBeGreaterThan(6);
      expect(new Set(links).size, 'the header links on one line').toBe(1);
      expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);
      await shot(page, 'bilingual-bio-profile-en-laptop');
      expect(problems).toEqual([]);
      await laptop.close();

      // Li Na in Kunming reads Elena's card in Chinese on her phone.
      const people = (
        (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
          people: { id: string; name: string }[];
        }
      ).people;
      const liNa = people.find((p) => /李娜/.test(p.name))!;
      const phone = await stage.browser.newContext({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: PHONE,
      });
      const signIn = await phone.request.post(`${stage.server.url}/api/dev/login-as`, {
        data: { participantId: liNa.id },
        headers: { origin: stage.server.url },
      });
      expect(signIn.status()).toBe(204);
      const zh = await phone.newPage();
      const zhProblems = watchConsole(zh);
      await zh.goto(`${stage.server.url}/matches`);
      const card = zh.locator('li.match', { hasText: 'Elena Vidal' });
      await card.waitFor();
      const shown = card.locator('.bio-texts > p');
      expect(await shown.textContent()).toBe(ELENA_ZH);
      expect(await shown.getAttribute('lang')).toBe('zh-CN');
      const original = card.locator('details.bio-other');
      expect(await original.locator('summary').textContent()).toBe('原文');
      expect(await original.locator('p').isVisible()).toBe(false);
      await original.locator('summary').click();
      await expect.poll(() => original.locator('p').isVisible()).toBe(true);
      expect(await original.locator('p').textContent()).toBe(ELENA_EN);
      await card.evaluate((el) => el.scrollIntoView());
      await screen(zh, 'bilingual-bio-match-zh-phone');
      // A demo person from Granada, who wrote in English, is read in Chinese too.
      const lucia = zh.locator('li.match', { hasText: 'Lucía' }).locator('.bio-texts > p');
      expect(await lucia.textContent()).toContain('科技园');
      expect(await sidewaysOverflow(zh)).toBe(0);
      expect(await axeViolations(zh)).toEqual([]);

      // The header is one line on the phone: the name, the language switch and the menu button.
      const menu = zh.getByRole('button', { name: '菜单' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await zh.getByRole('link', { name: '我的日程' }).count()).toBe(0);
      const line = await tops(zh, 'header.top .brand, header.top .lang, header.top .menu-toggle');
      expect(Math.max(...line) - Math.min(...line), 'name, language and menu on one line').toBeLessThan(12);
      expect(await zh.locator('header.top').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(
        70,
      );
      await zh.evaluate('window.scrollTo(0, 0)');
      await screen(zh, 'bilingual-bio-menu-closed-zh-phone');

      // Opened, it lists the links; Escape closes it and the focus is back on its button.
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await zh.getByRole('link', { name: '我的日程' }).waitFor();
      expect(await zh.getByRole('link', { name: '匹配' }).getAttribute('aria-current')).toBe('page');
      expect(await sidewaysOverflow(zh)).toBe(0);
      await screen(zh, 'bilingual-bio-menu-open-zh-phone');
      expect(await axeViolations(zh)).toEqual([]);
      await zh.keyboard.press('Tab');
      expect(await zh.evaluate('document.activeElement?.textContent')).toBe('匹配');
      await zh.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await zh.getByRole('link', { name: '我的日程' }).count()).toBe(0);
      expect(await zh.evaluate("document.activeElement?.classList.contains('menu-toggle')")).toBe(true);

      // Opened again, a link takes her to its page and the menu closes behind her.
      await zh.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await zh.getByRole('link', { name: '我的日程' }).click();
      await zh.waitForURL('**/schedule');
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
      // …and a tap outside the header closes it too.
      await menu.click();
      await zh.locator('main').click({ position: { x: 5, y: 5 } });
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
      expect(zhProblems).toEqual([]);
      await phone.close();
    },
    SLOW,
  );
});
