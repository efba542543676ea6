/**
 * Chinese pages take Chinese punctuation around times and names: "12月4日周五 17:00–18:00（您的时间，昆明）" and "Giulia Conti（Smart City Lab of Rome and Lazio）", with 、 between names;
 * they read "12月4日周五, 17:00–18:00 (您的时间, 昆明)". English keeps its own.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, watchConsole } from './browser';
import { useStage } from './stage';

const SLOW = 120_000;
const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };

describe.skipIf(!hasChromium)('punctuation in the reader’s language', () => {
  const stage = useStage();

  it(
    'zh on a phone: webinars, my schedule and a lobby',
    async () => {
      const ctx = await stage.signInAs(/李娜/, {
        locale: 'zh-CN',
        viewport: PHONE,
        timezoneId: 'Asia/Shanghai',
      });
      const page = await ctx.newPage();
      const problems = watchConsole(page);

      await page.goto(`${stage.server.url}/webinars`);
      const card = page.locator('li.card').first();
      await card.waitFor();
      const time = (await card.locator('p').first().textContent())!;
      expect(time).toMatch(/^\d{1,2}月\d{1,2}日周. \d\d:\d\d–\d\d:\d\d（您的时间，昆明）/);
      expect(time).not.toMatch(/[,(]/);
      expect(await card.textContent()).toContain('主持人：Giulia Conti（Smart City Lab of Rome and Lazio）');

      await page.goto(`${stage.server.url}/schedule`);
      const session = page.locator('li.card.session').first();
      await session.waitFor();
      const line = (await session.locator('p').first().textContent())!;
      expect(line).toMatch(/^\d{1,2}月\d{1,2}日周. \d\d:\d\d–\d\d:\d\d（您的时间，昆明）/);
      expect(line).not.toMatch(/[,(]/);

      await session.getByRole('link', { name: '会议大厅' }).first().click();
      await page.waitForURL('**/lobby');
      const when = page.locator('section.card p').first();
      await expect
        .poll(() => when.textContent())
        .toMatch(/(周|星期). \d\d:\d\d–\d\d:\d\d（您的时间，昆明）$/);
      expect(await page.locator('section.card p.muted').first().textContent()).toMatch(
        /^\d\d:\d\d（格拉纳达）/,
      );
      await expect.poll(() => page.getByText('（我）').count()).toBe(1);
      expect(await page.getByText('(我)').count()).toBe(0);

      // The session's people, each with their local time: in the narrow column the day and the
      // time each stay whole ("11月28日周六" over "15:55–16:40", not "11月28" over "日周六 15:55–").
      await page.goto(`${stage.server.url}/schedule`);
      await page.locator('li.card.session').first().getByRole('link', { name: '详情' }).click();
      const parts = page.locator('td .nowrap');
      await expect.poll(() => parts.count()).toBeGreaterThan(3);
      const lines = await parts.evaluateAll((els) => els.map((el) => el.getClientRects().length));
      expect(lines.every((n) => n === 1)).toBe(true);
      expect(problems).toEqual([]);
      await ctx.close();
    },
    SLOW,
  );

  it(
    'zh on a phone: the organizers’ tables, projects and a profile',
    async () => {
      const ctx = await stage.signInAs(/Secretariat/, {
        locale: 'zh-CN',
        viewport: PHONE,
        timezoneId: 'Europe/Brussels',
      });
      const page = await ctx.newPage();
      const problems = watchConsole(page);

      await page.goto(`${stage.server.url}/admin/participants`);
      const row = page.locator('tr', { hasText: 'Alessandro Ricci' });
      await row.waitFor();
      const cityCell = row.locator('td').nth(2);
      expect(await cityCell.textContent()).toBe('罗马，意大利');
      // On one line: the table scrolls sideways instead of breaking the city after each character.
      const lines = await page.evaluate(`(() => {
        const row = [...document.querySelectorAll('tr')].find((r) => r.textContent.includes('Alessandro Ricci'));
        const range = document.createRange();
        range.selectNodeContents(row.querySelectorAll('td')[2]);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      })()`);
      expect(lines).toBe(1);

      await page.goto(`${stage.server.url}/admin/sessions`);
      const fromEvent = page.locator('td a.muted').first();
      await fromEvent.waitFor();
      expect(await fromEvent.textContent()).toBe('（对接活动）');

      await page.goto(`${stage.server.url}/projects`);
      const partners = page.locator('li.card p', { hasText: 'Yantai University' }).first();
      await partners.waitFor();
      expect(await partners.textContent()).toContain('烟台大学（烟台）');
      expect(await partners.textContent()).not.toMatch(/[(),]/);

      await page.goto(`${stage.server.url}/profile`);
      await expect.poll(() => page.locator('dd').nth(3).textContent()).toMatch(/、/);
      expect(await page.locator('dd').nth(3).textContent()).not.toContain(',');
      await expect
        .poll(() => page.locator('dd', { hasText: '布鲁塞尔' }).first().textContent())
        .toMatch(/^布鲁塞尔（比利时） · /);
      expect(problems).toEqual([]);
      await ctx.close();
    },
    SLOW,
  );

  it(
    'en on a laptop keeps English punctuation',
    async () => {
      const ctx = await stage.signInAs(/Lucía/, {
        locale: 'en-GB',
        viewport: LAPTOP,
        timezoneId: 'Europe/Madrid',
      });
      const page = await ctx.newPage();
      await page.goto(`${stage.server.url}/webinars`);
      const card = page.locator('li.card').first();
      await card.waitFor();
      expect(await card.locator('p').first().textContent()).toMatch(
        /^\w{3} \d{1,2} \w{3}, \d\d:\d\d–\d\d:\d\d \(your time, Granada\)/,
      );
      expect(await card.textContent()).toContain('Hosted by Giulia Conti (Smart City Lab of Rome and Lazio)');
      await ctx.close();
    },
    SLOW,
  );
});
