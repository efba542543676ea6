/**
 * The matches page's filters and hidden people, as Lucía in English on a laptop and Li Na in
 * Chinese on a phone: country and language are lists named in the reader's language, and someone
 * hidden is listed below the matches and shown again in one press.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

/** A machine shared by many runs is slow: each journey may take minutes. */
const SLOW = 300_000;
const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

interface DemoPerson {
  id: string;
  name: string;
}

describe.skipIf(!hasChromium)('match filters and hidden people', () => {
  const stage = useStage();
  let people: DemoPerson[];

  beforeAll(async () => {
    const res = await fetch(`${stage.server.url}/api/dev/people`);
    people = ((await res.json()) as { people: DemoPerson[] }).people;
  });

  async function signedIn(name: RegExp, options: Parameters<Browser['newContext']>[0]) {
    const ctx = await stage.browser.newContext(options);
    const res = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: people.find((p) => name.test(p.name))!.id },
      headers: { origin: stage.server.url },
    });
    expect(res.status()).toBe(204);
    return ctx;
  }

  for (const who of [
    {
      me: /Lucía/,
      lang: 'en',
      viewport: LAPTOP,
      phone: false,
      words: {
        country: 'Country',
        china: 'China',
        language: 'Language',
        chinese: 'Chinese',
        show: 'Show again',
      },
    },
    {
      me: /李娜/,
      lang: 'zh-CN',
      viewport: PHONE,
      phone: true,
      words: {
        country: '国家/地区',
        china: '意大利',
        language: '语言',
        chinese: '意大利语',
        show: '重新显示',
      },
    },
  ] as const) {
    const tag = who.phone ? 'zh-phone' : 'en-laptop';
    it(
      `${tag}: named lists, hide and show again`,
      async () => {
        const ctx = await signedIn(who.me, { locale: who.lang, viewport: who.viewport });
        const page = await ctx.newPage();
        const problems = watchConsole(page);
        await page.goto(`${stage.server.url}/matches`);
        await page.locator('li.match').first().waitFor();
        const country = page.locator('form.filters select').nth(2);
        await country.selectOption({ label: who.words.china });
        const language = page.locator('form.filters select').nth(3);
        await language.selectOption({ label: who.words.chinese });
        await page.waitForLoadState('networkidle');
        await page.locator('li.match').first().waitFor();
        const cards = await page.locator('li.match').count();
        expect(cards).toBeGreaterThan(0);

        // Hide the first; it is listed below, and "show again" brings it back.
        const first = (await page.locator('li.match h2').first().textContent())!;
        await page
          .locator('li.match')
          .first()
          .getByRole('button', { name: who.phone ? '不再显示' : 'Hide' })
          .click();
        await expect.poll(() => page.locator('li.match h2').allTextContents()).not.toContain(first);
        const hidden = page.locator('details.hidden-people');
        await hidden.locator('summary').click();
        await expect.poll(() => hidden.textContent()).toContain(first);
        await shot(page, `matches-filters-${tag}`);
        expect(await axeViolations(page)).toEqual([]);
        if (who.phone) expect(await sidewaysOverflow(page)).toBe(0);
        await hidden.getByRole('button', { name: `${who.words.show} ${first}` }).click();
        await expect.poll(() => page.locator('li.match h2').allTextContents()).toContain(first);
        expect(problems).toEqual([]);
        await ctx.close();
      },
      SLOW,
    );
  }
});
