/**
 * WCAG 1.4.10 and 1.4.12: every participant page, in English and in Chinese, on a 320-px screen
 * and with the text spacing a low-vision reader may set (line height 1.5, paragraphs 2em apart,
 * letters 0.12em, words 0.16em). Nothing may scroll the page sideways (a wide table scrolls
 * inside its own wrapper), axe finds nothing, and with a 24-px default font every text grows.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow } from './browser';
import { useStage } from './stage';

const NARROW = { width: 320, height: 640 };
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

interface DemoPerson {
  id: string;
  name: string;
}

describe.skipIf(!hasChromium)('reflow at 320 px and with wider text spacing', () => {
  const stage = useStage();
  let people: DemoPerson[];

  beforeAll(async () => {
    const res = await fetch(`${stage.server.url}/api/dev/people`);
    people = ((await res.json()) as { people: DemoPerson[] }).people;
  });

  async function signedIn(name: RegExp, locale: string, timezoneId: string): Promise<BrowserContext> {
    const person = people.find((p) => name.test(p.name))!;
    const ctx = await stage.browser.newContext({
      locale,
      timezoneId,
      viewport: NARROW,
      deviceScaleFactor: 2,
    });
    const res = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: person.id },
      headers: { origin: stage.server.url },
    });
    expect(res.status()).toBe(204);
    return ctx;
  }

  /** The participant pages, with real ids for a session, its lobby, an event and a project. */
  async function pagesOf(ctx: BrowserContext): Promise<string[]> {
    const get = async (path: string) => (await ctx.request.get(`${stage.server.url}${path}`)).json();
    const { sessions } = (await get('/api/me/sessions')) as { sessions: { id: string; start: string }[] };
    // The demo's meeting going on now, with its lobby open.
    const live = sessions.find((s) => Date.parse(s.start) < Date.now())!;
    const event = ((await get('/api/events')) as { id: string }[])[0]!;
    const project = ((await get('/api/projects')) as { projects: { id: string }[] }).projects[0];
    return [
      '/',
      '/matches',
      '/requests',
      '/schedule',
      `/sessions/${sessions.at(-1)!.id}`,
      `/sessions/${live.id}/lobby`,
      '/webinars',
      '/events',
      `/events/${event.id}`,
      '/profile',
      '/projects',
      ...(project ? [`/projects/${project.id}`] : []),
      '/privacy',
    ];
  }

  /** Text set in px, which a reader's larger default font leaves as small as it was. */
  const SMALL_TEXT = `(() => {
    const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.checkVisibility() && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 0.69 * root)
      .map((el) => el.tagName + '.' + el.className + ' ' + getComputedStyle(el).fontSize + ' "' + el.textContent.trim().slice(0, 20) + '"')
      .slice(0, 3);
  })()`;

  /** Captions of tables that scroll inside their wrapper, cut off at the wrapper's edge. */
  const CUT_CAPTIONS = `[...document.querySelectorAll('.table-wrap caption')].filter((c) => {
    const text = document.createRange();
    text.selectNodeContents(c);
    const seen = c.closest('.table-wrap').getBoundingClientRect();
    const r = text.getBoundingClientRect();
    return r.left < seen.left - 1 || r.right > seen.right + 1;
  }).map((c) => c.textContent)`;

  /** Text fields whose hint (placeholder) no longer fits in them. */
  const CUT_PLACEHOLDERS = `[...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
    .filter((el) => el.checkVisibility())
    .filter((el) => {
      const cs = getComputedStyle(el);
      const probe = document.createElement('span');
      probe.textContent = el.placeholder;
      probe.style.cssText = 'position:absolute;white-space:pre;font:' + cs.font +
        ';letter-spacing:' + cs.letterSpacing + ';word-spacing:' + cs.wordSpacing;
      document.body.append(probe);
      const wide = probe.getBoundingClientRect().width;
      probe.remove();
      return wide > el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) + 1;
    })
    .map((el) => el.placeholder)`;

  async function check(page: Page, url: string, label: string, failures: string[]) {
    await page.goto(`${stage.server.url}${url}`);
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.getByText(/^(Loading…|加载中…)$/).count()).toBe(0);
    const name = `reflow-${label}-${url.replace(/[0-9a-f-]{36}/, 'id').replace(/\W+/g, '_')}`;
    for (const [condition, css] of [
      ['320 px', ''],
      ['text spacing', TEXT_SPACING],
    ] as const) {
      if (css) await page.addStyleTag({ content: css });
      const over = await sidewaysOverflow(page);
      if (over > 0) {
        failures.push(`${label} ${url}, ${condition}: ${over} px sideways`);
        await shot(page, `${name}-${condition.replace(' ', '-')}`);
      }
      const cut = (await page.evaluate(CUT_CAPTIONS)) as string[];
      if (cut.length) failures.push(`${label} ${url}, ${condition}: caption cut off: ${cut.join(', ')}`);
    }
    const axe = await axeViolations(page);
    if (axe.length) failures.push(`${label} ${url}: ${axe.join('; ')}`);
    // A reader whose browser starts at 24 px instead of 16 px: every text grows with it.
    await page.addStyleTag({ content: 'html { font-size: 24px }' });
    const small = (await page.evaluate(SMALL_TEXT)) as string[];
    if (small.length) failures.push(`${label} ${url}, 24 px default: fixed small text ${small.join(', ')}`);
    const hints = (await page.evaluate(CUT_PLACEHOLDERS)) as string[];
    if (hints.length) failures.push(`${label} ${url}, 24 px default: hint cut off: ${hints.join(', ')}`);
  }

  it('every participant page, in English and Chinese, signed in and not', async () => {
    const failures: string[] = [];
    const walk = async (who: RegExp, locale: string, zone: string, label: string) => {
      const ctx = await signedIn(who, locale, zone);
      const page = await ctx.newPage();
      for (const url of await pagesOf(ctx)) await check(page, url, label, failures);
      await ctx.close();
      const anon = await stage.browser.newContext({
        locale,
        timezoneId: zone,
        viewport: NARROW,
        deviceScaleFactor: 2,
      });
      const out = await anon.newPage();
      for (const url of ['/', '/sign-in', '/register'])
        await check(out, url, `${label} signed out`, failures);
      await anon.close();
    };
    await Promise.all([
      walk(/Lucía/, 'en-GB', 'Europe/Rome', 'en'),
      walk(/Li Na/, 'zh-CN', 'Asia/Shanghai', 'zh'),
    ]);
    expect(failures).toEqual([]);
    // About 70 s alone: every page four ways, twice. Beside another browser file on two cores it
    // takes longer, and a timeout would say nothing about reflow.
  }, 180_000);

  it('takes the narrow layout sooner for a reader whose browser starts at a larger font', async () => {
    const ctx = await signedIn(/Lucía/, 'en-GB', 'Europe/Rome');
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const live = (await pagesOf(ctx)).find((u) => u.endsWith('/lobby'))!;
    const columns = async () => {
      await page.goto(`${stage.server.url}${live}`);
      await page.locator('.lobby').waitFor();
      return page.evaluate(
        `getComputedStyle(document.querySelector('.lobby')).gridTemplateColumns.split(' ').length`,
      );
    };
    expect(await columns()).toBe(2);
    // The browser's own default font size (Settings › Appearance › Font size), which media
    // queries in em follow and those in px do not: at 24 px the chat would get a squeezed column.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    expect(await columns()).toBe(1);
    await ctx.close();
  });
});
