/**
 * Every page, on the demo data, as people see it: a Yantai participant in Chinese on a 375-px
 * phone and the programme office in English on a laptop (and on a phone). Each page loads without
 * a console error, in the right language, with every control named for screen readers and nothing
 * scrolling sideways on the phone; the first visit weighs what a slow connection can carry.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saying } from './announced';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

/** What the first visit may weigh on the wire, all files together. */
const FIRST_VISIT_BUDGET_BYTES = 300_000;
const PHONE = { width: 375, height: 740 };

interface DemoPerson {
  id: string;
  name: string;
  city: string;
  role: string;
}

describe.skipIf(!hasChromium)('every page', () => {
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

  /** Opens a page and checks what every page owes its reader. */
  async function visit(
    ctx: BrowserContext,
    url: string,
    opts: { lang: 'en' | 'zh-CN'; phone: boolean; shotName?: string },
  ): Promise<Page> {
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}${url}`);
    await page.waitForLoadState('networkidle');
    await page
      .locator('main h1')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(async () => {
        await shot(page, 'no-heading');
        throw new Error(`${url} shows no heading`);
      });
    // Lists load after the heading: wait until nothing says "loading".
    await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count()).toBe(0);
    expect([url, await page.evaluate('document.documentElement.lang')]).toEqual([url, opts.lang]);
    expect([url, await unnamedControls(page)]).toEqual([url, []]);
    if (opts.phone && (await sidewaysOverflow(page)) > 0) {
      await shot(page, 'overflow');
      expect([url, await sidewaysOverflow(page)]).toEqual([url, 0]);
    }
    if (opts.shotName) await shot(page, opts.shotName);
    expect([url, problems]).toEqual([url, []]);
    return page;
  }

  it('first visit: small, and the keyboard starts at "skip to content"', async () => {
    const ctx = await stage.browser.newContext({ locale: 'zh-CN', viewport: PHONE });
    const page = await ctx.newPage();
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (req) =>
      sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
    );
    await page.goto(stage.server.url);
    await page.waitForLoadState('networkidle');
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    console.log(`first visit: ${sizes.length} responses, ${(total / 1024).toFixed(1)} KiB on the wire`);
    expect(total).toBeLessThan(FIRST_VISIT_BUDGET_BYTES);
    // A browser set to Chinese gets Chinese at once.
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('跳到正文');
    await ctx.close();
  });

  it('a Yantai participant, in Chinese, on a phone', async () => {
    const wang = people.find((p) => p.city === 'Yantai' && p.role === 'participant')!;
    const ctx = await signedIn(wang, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE });
    const events = await (await ctx.request.get(`${stage.server.url}/api/events`)).json();
    const eventId = events[0].id as string;
    // A meeting with someone she agreed to meet, so that her schedule, session and lobby have one.
    const requests = await (await ctx.request.get(`${stage.server.url}/api/meeting-requests`)).json();
    const accepted = [...requests.incoming, ...requests.outgoing].find(
      (r: { status: string }) => r.status === 'accepted',
    );
    const other = accepted.from === wang.id ? accepted.to : accepted.from;
    const slots = await (
      await ctx.request.get(`${stage.server.url}/api/slots?with=${other}&duration=30`)
    ).json();
    const booked = await ctx.request.post(`${stage.server.url}/api/sessions`, {
      data: { kind: 'meeting', with: [other], start: slots.slots[0].start, duration: 30 },
      headers: { origin: stage.server.url },
    });
    expect(booked.status()).toBe(201);
    const sessionId = (await booked.json()).id as string;
    const zh = { lang: 'zh-CN', phone: true } as const;
    for (const [url, name] of [
      ['/', 'home-signed-in-zh-phone'],
      ['/matches', 'matches-zh-phone'],
      ['/requests', 'requests-zh-phone'],
      ['/schedule', 'schedule-zh-phone'],
      [`/schedule?with=${other}`, undefined],
      ['/profile', undefined],
      ['/webinars', undefined],
      ['/events', undefined],
      [`/events/${eventId}`, undefined],
      [`/sessions/${sessionId}`, 'session-meeting-zh-phone'],
      [`/sessions/${sessionId}/lobby`, undefined],
      ['/admin', undefined],
    ] as const) {
      const page = await visit(ctx, url, { ...zh, shotName: name });
      if (url === '/admin') expect(await page.locator('main').textContent()).toContain('只有组织者');
      await page.close();
    }

    // She moves the meeting to another proposed slot on its page, from the time axis.
    const page = await visit(ctx, `/sessions/${sessionId}`, zh);
    const before = await page.locator('.card strong').first().textContent();
    await page.getByRole('button', { name: '改期' }).click();
    await page.locator('ul.slots').getByRole('button', { name: '改到此时间' }).first().click();
    await expect.poll(() => saying(page, 'status').textContent()).toContain('已改期');
    expect(await page.locator('.card strong').first().textContent()).not.toBe(before);
    const moved = await (await ctx.request.get(`${stage.server.url}/api/sessions/${sessionId}`)).json();
    expect(moved.sequence).toBe(1);
    await ctx.close();
  }, 120_000);

  it('the programme office, in English on a laptop and on a phone', async () => {
    const office = people.find((p) => p.role === 'organizer')!;
    for (const phone of [false, true]) {
      const ctx = await signedIn(office, {
        locale: 'en-GB',
        timezoneId: 'Europe/Rome',
        ...(phone ? { viewport: PHONE } : {}),
      });
      const eventId = (await (await ctx.request.get(`${stage.server.url}/api/events`)).json())[0].id;
      for (const url of [
        '/admin',
        '/admin/participants',
        '/admin/requests',
        '/admin/sessions',
        '/admin/outbox',
        '/webinars',
        `/events/${eventId}`,
      ]) {
        const name = phone
          ? `${url
              .replace(/[0-9a-f-]{36}/, 'id')
              .split('/')
              .filter(Boolean)
              .join('-')}-en-phone`
          : undefined;
        const page = await visit(ctx, url, { lang: 'en', phone, shotName: name });
        await page.close();
      }
      await ctx.close();
    }
  }, 120_000);
});
