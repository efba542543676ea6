/**
 * The demo on a first start, as its people find it: Lucía in Granada on a laptop in English and Li
 * Na in Kunming on a phone in Chinese each have a meeting booked in the coming days, one going on
 * now whose lobby they walk into, a webinar ahead and their published event agenda; the organizer's
 * outbox says that mail is kept in the dev mailbox (no mail server is set here).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  city: string;
  role: string;
}

describe.skipIf(!hasChromium)('the demo on a first start', () => {
  // No mail server: mail stays in the outbox and the dev mailbox, as on a developer's first run.
  const stage = useStage({ SMTP_URL: '' });
  let people: DemoPerson[];

  beforeAll(async () => {
    const res = await fetch(`${stage.server.url}/api/dev/people`);
    people = ((await res.json()) as { people: DemoPerson[] }).people;
  });

  async function signedIn(name: RegExp, options: Parameters<Browser['newContext']>[0]) {
    const person = people.find((p) => name.test(p.name))!;
    const ctx = await stage.browser.newContext(options);
    const res = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: person.id },
      headers: { origin: stage.server.url },
    });
    expect(res.status()).toBe(204);
    return ctx;
  }

  async function open(ctx: BrowserContext, url: string, shotName: string, phone: boolean): Promise<Page> {
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}${url}`);
    await page.waitForLoadState('networkidle');
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count(), { timeout: 30_000 }).toBe(0);
    await shot(page, shotName);
    expect([url, await axeViolations(page)]).toEqual([url, []]);
    if (phone) expect([url, await sidewaysOverflow(page)]).toEqual([url, 0]);
    expect([url, problems]).toEqual([url, []]);
    return page;
  }

  for (const who of [
    { name: /Lucía/, lang: 'en', zone: 'Europe/Madrid', viewport: LAPTOP, phone: false },
    { name: /李娜/, lang: 'zh-CN', zone: 'Asia/Shanghai', viewport: PHONE, phone: true },
  ] as const) {
    it(
      `${who.lang === 'en' ? 'Lucía, in English on a laptop' : 'Li Na, in Chinese on a phone'}: meetings, a live lobby, a webinar, an agenda`,
      async () => {
        const ctx = await signedIn(who.name, {
          locale: who.lang,
          timezoneId: who.zone,
          viewport: who.viewport,
        });
        const tag = `${who.lang === 'en' ? 'en-laptop' : 'zh-phone'}`;
        const schedule = await open(ctx, '/schedule', `first-start-schedule-${tag}`, who.phone);
        const text = (await schedule.locator('main').textContent()) ?? '';
        expect(text).toContain('Granada–Kunming biotech forum');
        expect(text).toContain('Healthy Cities online matchmaking');
        expect(text).toContain('Smart City Lab');
        // The meeting going on now: its lobby is open to walk into.
        const sessions = await (await ctx.request.get(`${stage.server.url}/api/me/sessions`)).json();
        const list = (Array.isArray(sessions) ? sessions : sessions.sessions) as {
          id: string;
          title: string;
        }[];
        const live = list.find((s) => s.title.startsWith('Granada–Kunming'))!;
        await schedule.close();
        const lobby = await open(ctx, `/sessions/${live.id}/lobby`, `first-start-lobby-${tag}`, who.phone);
        await lobby.close();
        const webinars = await open(ctx, '/webinars', `first-start-webinars-${tag}`, who.phone);
        expect(await webinars.locator('main').textContent()).toContain('Smart City Lab');
        await webinars.close();
        const events = await (await ctx.request.get(`${stage.server.url}/api/events`)).json();
        const event = await open(ctx, `/events/${events[0].id}`, `first-start-event-${tag}`, who.phone);
        // Two columns of clocks, Europe's and China's, the reader's own city leading theirs.
        const heads = await event.locator('table.windows thead th').allTextContents();
        expect(heads).toHaveLength(2);
        expect(heads[0]).toMatch(who.lang === 'en' ? /^Granada · Rome/ : /^昆明 · /);
        expect(heads.join(' ')).toContain(who.lang === 'en' ? 'Kunming' : '罗马');
        await event.close();
        await ctx.close();
      },
      SLOW,
    );
  }

  it(
    'the organizer’s outbox says that mail is kept in the dev mailbox, in both languages',
    async () => {
      for (const [lang, viewport, phone] of [
        ['en', LAPTOP, false],
        ['zh-CN', PHONE, true],
      ] as const) {
        const ctx = await signedIn(/Secretariat/, { locale: lang, viewport });
        const page = await open(ctx, '/admin/outbox', `first-start-outbox-${lang}`, phone);
        const note = page.locator('.outbox-delivery');
        await expect.poll(() => note.textContent()).toContain(lang === 'en' ? 'dev mailbox' : '开发邮箱');
        await note.getByRole('link').click();
        await page.waitForURL(/\/dev\/mailbox/);
        await ctx.close();
      }
    },
    SLOW,
  );
});
