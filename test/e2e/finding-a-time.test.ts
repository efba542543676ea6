/**
 * Finding a time, as Lucía in Granada on a laptop in English and Li Na in Kunming on a phone in
 * Chinese: days in date order, the chart over the same days, every start time inside the common
 * hours on offer, a time chosen by clicking the chart, an agenda on the booking; day labels that
 * wrap between words, never inside one.
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

describe.skipIf(!hasChromium)('finding a time', () => {
  const stage = useStage();
  let people: DemoPerson[];

  beforeAll(async () => {
    const res = await fetch(`${stage.server.url}/api/dev/people`);
    people = ((await res.json()) as { people: DemoPerson[] }).people;
  });

  async function signedIn(person: DemoPerson, options: Parameters<Browser['newContext']>[0]) {
    const ctx = await stage.browser.newContext(options);
    const res = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: person.id },
      headers: { origin: stage.server.url },
    });
    expect(res.status()).toBe(204);
    return ctx;
  }

  for (const who of [
    { me: /Lucía/, other: /李娜/, lang: 'en', zone: 'Europe/Madrid', viewport: LAPTOP, phone: false, day: 1 },
    {
      me: /李娜/,
      other: /Lucía/,
      lang: 'zh-CN',
      zone: 'Asia/Shanghai',
      viewport: PHONE,
      phone: true,
      day: 2,
    },
  ] as const) {
    const tag = who.phone ? 'zh-phone' : 'en-laptop';
    it(
      `${tag}: days in order, the chart clicked, every start on offer, booked with an agenda`,
      async () => {
        const me = people.find((p) => who.me.test(p.name))!;
        const other = people.find((p) => who.other.test(p.name))!;
        const ctx = await signedIn(me, { locale: who.lang, timezoneId: who.zone, viewport: who.viewport });
        const page = await ctx.newPage();
        const problems = watchConsole(page);
        await page.goto(`${stage.server.url}/schedule?with=${other.id}`);
        await page.locator('.slot-day').first().waitFor();
        await shot(page, `finding-a-time-${tag}`);
        expect(await axeViolations(page)).toEqual([]);
        if (who.phone) expect(await sidewaysOverflow(page)).toBe(0);
        // The chart's zone is named by the reader's city, as every time on the pages is.
        expect(await page.locator('.axis figcaption').textContent()).toMatch(
          who.phone ? /^空闲工作时间（您的时间，昆明）：/ : /^Free working time, in your time \(Granada\):/,
        );

        // The list's days are in date order, and the chart draws the same number of days.
        const days = await page
          .locator('.slot-day select')
          .evaluateAll((els) =>
            els.map((el) => Number((el as unknown as { options: { value: string }[] }).options[0]!.value)),
          );
        expect(days.length).toBeGreaterThan(3);
        expect([...days].sort((a, b) => a - b)).toEqual(days);
        expect(await page.locator('.axis-day').count()).toBe(days.length);
        // Every start inside the common hours: more than the few proposals, 15 minutes apart.
        // A day after the first (which has the demo’s meeting of these two), one for each reader.
        const starts = await page
          .locator('.slot-day select')
          .nth(who.day)
          .evaluate((el) =>
            [...(el as unknown as { options: { value: string }[] }).options].map((o) => Number(o.value)),
          );
        expect(starts.length).toBeGreaterThan(3);
        expect(starts[1]! - starts[0]!).toBe(15 * 60_000);

        // Day labels: weekday and date each on one line (a wrap falls between them, not inside).
        const broken = await page
          .locator('.axis-label .nowrap')
          .evaluateAll(
            (els) =>
              els.filter((el) => el.getClientRects().length > 1 || el.getBoundingClientRect().height > 30)
                .length,
          );
        expect(broken).toBe(0);

        // A click near the end of that day's overlap chooses the nearest start in its list.
        const firstSelect = page.locator('.slot-day select').nth(who.day);
        const before = await firstSelect.inputValue();
        const rows = page.locator('.axis-rows').nth(who.day);
        const box = (await rows.boundingBox())!;
        const overlap = (await rows.locator('.axis-track.overlap .axis-span').last().boundingBox())!;
        await page.mouse.click(overlap.x + overlap.width - 2, box.y + box.height / 2);
        await expect.poll(() => firstSelect.inputValue()).not.toBe(before);
        expect(await page.evaluate('document.activeElement?.tagName')).toBe('SELECT');
        const chosen = Number(await firstSelect.inputValue());
        expect(chosen).toBe(starts[starts.length - 1]);

        // Booked at that time with an agenda, which the meeting's page shows.
        const agenda = who.phone ? '讨论健康城市试点' : 'Health-city pilot: next steps';
        await page.getByLabel(who.phone ? '议程（可选）' : 'Agenda (optional)').fill(agenda);
        await page.locator('.slot-any button').nth(who.day).click();
        await page.waitForURL(/\/sessions\/[0-9a-f-]+/);
        await page.getByText(agenda).waitFor();
        const id = /\/sessions\/([0-9a-f-]+)/.exec(page.url())![1];
        const session = await (await ctx.request.get(`${stage.server.url}/api/sessions/${id}`)).json();
        expect(Date.parse(session.start)).toBe(chosen);
        expect(session.description).toBe(agenda);
        expect(problems).toEqual([]);
        await ctx.close();
      },
      SLOW,
    );
  }

  it(
    'looks further ahead from a chosen day: two weeks from it, in the reader’s zone',
    async () => {
      const me = people.find((p) => /Lucía/.test(p.name))!;
      const other = people.find((p) => /李娜/.test(p.name))!;
      const ctx = await signedIn(me, { locale: 'en', timezoneId: 'Europe/Madrid', viewport: LAPTOP });
      const page = await ctx.newPage();
      const problems = watchConsole(page);
      await page.goto(`${stage.server.url}/schedule?with=${other.id}`);
      await page.locator('.slot-day').first().waitFor();
      // Five weeks ahead: past the first search's two weeks.
      const ahead = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Two weeks from').fill(ahead);
      const madridMidnight = Date.parse(`${ahead}T00:00:00Z`) - 2 * 3_600_000; // at most CEST's +2
      await expect
        .poll(async () =>
          Number(
            await page
              .locator('.slot-day select')
              .first()
              .evaluate((el) => (el as unknown as { options: { value: string }[] }).options[0]!.value),
          ),
        )
        .toBeGreaterThanOrEqual(madridMidnight);
      const last = await page
        .locator('.slot-day select')
        .last()
        .evaluate((el) => Number((el as unknown as { options: { value: string }[] }).options[0]!.value));
      expect(last).toBeLessThan(madridMidnight + 15 * 86_400_000);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await ctx.close();
    },
    SLOW,
  );
});
