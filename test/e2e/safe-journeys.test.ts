/**
 * What a new person meets in their first hour, in two browsers: Rome on a laptop in English and
 * Yantai on a phone in Chinese. One request gives one meeting (the second booking from it is
 * refused, the request and the match show the meeting), the booker has accepted, cancelling asks
 * first and says who is mailed, a mailed link signs in back to its page, the invite's answer page
 * says what, when and with whom without a login, and its calendar file opens without one too.
 * Every page touched is checked with axe.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const PHONE = { width: 375, height: 800 };
const LAPTOP = { width: 1280, height: 800 };

async function axe(page: Page, label: string): Promise<void> {
  expect((await axeViolations(page, { all: true })).map((v) => `${label}: ${v}`)).toEqual([]);
}

const ROME = {
  name: 'Lucia Ferri',
  email: 'lucia.ferri@lazio-flows.example',
  organisation: 'Tecnopolo Tiburtino',
  city: 'Rome',
  country: 'IT',
  timeZone: 'Europe/Rome',
  languages: ['it', 'en'],
  locale: 'en',
};
const YANTAI = {
  name: '孙海燕',
  email: 'sun.haiyan@ytu-flows.example',
  organisation: 'Yantai University',
  city: 'Yantai',
  country: 'CN',
  timeZone: 'Asia/Shanghai',
  languages: ['zh', 'en'],
  locale: 'zh',
  sectors: ['biotechnology'],
  offers: ['research-partnership'],
  seeks: ['technology-transfer'],
};

// A shared machine under load: pages may take several seconds to answer.
vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

describe.skipIf(!hasChromium)('one request, one meeting; asking first; links that come back', () => {
  const stage = useStage({
    LOBBY_OPEN_MINUTES: String(30 * 24 * 60),
    ORGANIZER_EMAILS: 'office@iuc-flows.example',
  });
  let romeCtx: BrowserContext;
  let yantaiCtx: BrowserContext;
  let rome: Page;
  let yantai: Page;
  let yantaiId = '';
  let requestId = '';
  let sessionId = '';
  const problems: string[] = [];

  it('books once from a request, refuses the second booking, and shows the meeting on the request and match', async () => {
    romeCtx = await stage.browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      viewport: LAPTOP,
    });
    yantaiCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    rome = await romeCtx.newPage();
    yantai = await yantaiCtx.newPage();
    problems.push(...watchConsole(rome, [/409/]), ...watchConsole(yantai, [/409/]));
    await stage.register(rome.request, ROME);
    yantaiId = await stage.register(yantai.request, YANTAI);

    // Rome asks; Yantai accepts on the phone.
    const sent = await rome.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: yantaiId },
      headers: { origin: stage.server.url },
    });
    expect(sent.status()).toBe(201);
    requestId = (await sent.json()).id;
    await yantai.goto(`${stage.server.url}/requests`);
    const card = yantai.locator('li.card').filter({ hasText: ROME.name });
    await card.getByRole('button', { name: '接受' }).click();
    await expect.poll(() => card.getByRole('link', { name: '选择时间' }).count()).toBe(1);

    // Rome opens the time finder from the acceptance (as from the mail) and leaves it open.
    await rome.goto(`${stage.server.url}/schedule?with=${yantaiId}&request=${requestId}`);
    const romeBook = rome.getByRole('button', { name: 'Book' }).first();
    await romeBook.waitFor();

    // Yantai books from the request: the booker's own answer is "attending" at once.
    await card.getByRole('link', { name: '选择时间' }).click();
    await yantai.waitForURL('**/schedule?**');
    await yantai.getByRole('button', { name: '预约' }).first().click();
    await yantai.waitForURL('**/sessions/*?booked=1');
    sessionId = new URL(yantai.url()).pathname.split('/')[2]!;
    const mine = yantai.locator('table.people-times tr').filter({ hasText: YANTAI.name });
    await expect.poll(() => mine.textContent()).toContain('参加');
    expect(await mine.textContent()).not.toContain('尚未回复');
    await axe(yantai, 'session zh phone');

    // Rome's open finder tries a second meeting from the same request: refused, saying why.
    await romeBook.click();
    await expect
      .poll(() => saying(rome, 'alert').first().textContent())
      .toContain('A meeting is already booked from this request');
    await shot(rome, 'flows-second-booking-refused-en');

    // Reopened, the finder gives way to the meeting; the request and the match show it too.
    await rome.reload();
    await expect.poll(() => saying(rome, 'status').first().textContent()).toContain('Meeting booked for');
    expect(await rome.getByRole('button', { name: 'Book' }).count()).toBe(0);
    await axe(rome, 'schedule en laptop');
    await rome.goto(`${stage.server.url}/requests`);
    const outgoing = rome.locator('li.card').filter({ hasText: YANTAI.name });
    await expect.poll(() => outgoing.textContent()).toContain('Meeting booked for');
    await expect
      .poll(() => outgoing.getByRole('link', { name: 'See the meeting' }).getAttribute('href'))
      .toBe(`/sessions/${sessionId}`);
    expect(await outgoing.getByRole('link', { name: 'Find a time' }).count()).toBe(0);
    await axe(rome, 'requests en laptop');
    await yantai.goto(`${stage.server.url}/requests`);
    await expect.poll(() => yantai.locator('li.card').first().textContent()).toContain('已预约会议');
    await axe(yantai, 'requests zh phone');
    expect(await sidewaysOverflow(yantai)).toBeLessThanOrEqual(0);
    await shot(yantai, 'flows-request-booked-zh-phone');

    await rome.goto(`${stage.server.url}/matches`);
    const match = rome.locator('li.match').filter({ hasText: YANTAI.name });
    await expect.poll(() => match.textContent()).toContain('Meeting booked for');
    expect(await match.getByRole('button', { name: 'Request a meeting' }).count()).toBe(0);
    await axe(rome, 'matches en laptop');
    await shot(rome, 'flows-match-booked-en');
  }, 240_000);

  it('answers the invite without a login: which meeting, when in both times, with whom; the calendar file opens', async () => {
    const mail = await stage.smtp.waitFor(
      (m) => m.to.includes(ROME.email) && /\/respond\?answer=accept/.test(m.parsed.text ?? ''),
    );
    const text = mail.parsed.text ?? '';
    const respond = /(http:\/\/\S+\/respond\?answer=accept\S*)/.exec(text)![1]!;
    const ics = /(http:\/\/\S+\/invite\.ics\?\S+)/.exec(text)![1]!;

    for (const [lang, viewport, zone] of [
      ['en-GB', LAPTOP, 'Europe/Rome'],
      ['zh-CN', PHONE, 'Asia/Shanghai'],
    ] as const) {
      // A fresh browser: nobody signed in, as a phone's mail app opens a link.
      const ctx = await stage.browser.newContext({ locale: lang, timezoneId: zone, viewport });
      const page = await ctx.newPage();
      problems.push(...watchConsole(page));
      await page.goto(respond);
      const zh = lang === 'zh-CN';
      await expect.poll(() => page.locator('main').textContent()).toContain(YANTAI.name);
      const body = (await page.locator('main').textContent()) ?? '';
      // Cities in the reader's script, as in the invite mail.
      expect(body).toContain(zh ? '您的时间，罗马' : 'your time (Rome)');
      expect(body).toContain(zh ? '烟台时间' : 'in Yantai');
      expect(body).toContain('Yantai University');
      // The details come before the question.
      const order = await page.evaluate(
        `(() => { const m = document.querySelector('main'); const t = m.textContent; return [t.indexOf(${JSON.stringify(YANTAI.name)}), t.indexOf(${JSON.stringify(zh ? '您会参加吗？' : 'Will you attend?')})]; })()`,
      );
      expect((order as number[])[0]).toBeLessThan((order as number[])[1]!);
      await axe(page, `respond ${lang}`);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `flows-respond-${zh ? 'zh-phone' : 'en'}`);

      // The calendar file from the mail, without a login.
      const file = await page.request.get(ics);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toMatch(/^text\/calendar/);
      expect(await file.text()).toContain('BEGIN:VEVENT');
      // And a doctored link: a page that says so, not JSON.
      await page.goto(ics.replace(/t=[^&]+/, 't=doctored'));
      expect(await page.locator('h1').textContent()).toContain('This calendar link does not work');
      await shot(page, `flows-ics-broken-${zh ? 'zh-phone' : 'en'}`);
      await ctx.close();
    }
  }, 240_000);

  it('asks before cancelling, saying who is mailed, and the request offers a new time afterwards', async () => {
    await rome.goto(`${stage.server.url}/schedule`);
    const entry = rome.locator('li.session').filter({ hasText: YANTAI.name });
    await entry.getByRole('button', { name: 'Cancel' }).click();
    const dialog = rome.getByRole('dialog', { name: 'Cancel this meeting?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(`${YANTAI.name} will get a cancellation by mail`);
    // The safe answer has the focus.
    expect(await rome.evaluate('document.activeElement.textContent')).toBe('Go back');
    await axe(rome, 'cancel dialog en');
    await shot(rome, 'flows-cancel-dialog-en');
    await rome.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await entry.textContent()).not.toContain('Cancelled');

    // The session page asks the same, in Chinese on the phone.
    await yantai.goto(`${stage.server.url}/sessions/${sessionId}`);
    await yantai.getByRole('button', { name: '取消', exact: true }).click();
    const zhDialog = yantai.getByRole('dialog', { name: '取消此会议？' });
    await expect.poll(() => zhDialog.isVisible()).toBe(true);
    expect(await zhDialog.textContent()).toContain(`${ROME.name} 会收到取消邮件`);
    await axe(yantai, 'cancel dialog zh phone');
    await shot(yantai, 'flows-cancel-dialog-zh-phone');
    await zhDialog.getByRole('button', { name: '取消并通知' }).click();
    await expect.poll(() => saying(yantai, 'status').first().textContent()).toContain('已取消');
    // A cancelled meeting no longer promises a lobby opening before it.
    expect(await yantai.getByRole('main').textContent()).not.toContain('分钟开放');
    // Its lobby says it is cancelled, rather than "connecting" for ever.
    await yantai.goto(`${stage.server.url}/sessions/${sessionId}/lobby`);
    await expect.poll(() => saying(yantai, 'alert').first().textContent()).toContain('此会议已取消');
    await axe(yantai, 'cancelled lobby zh phone');

    // The cancelled meeting stays on My schedule, set apart yet readable.
    await rome.goto(`${stage.server.url}/schedule`);
    await expect.poll(() => rome.locator('li.session.cancelled').count()).toBe(1);
    await axe(rome, 'schedule with a cancelled meeting en laptop');

    await rome.goto(`${stage.server.url}/requests`);
    const outgoing = rome.locator('li.card').filter({ hasText: YANTAI.name });
    await expect.poll(() => outgoing.getByRole('link', { name: 'Find a time' }).count()).toBe(1);
  }, 240_000);

  it('signs in from a linked page and comes back to it, in both languages', async () => {
    for (const [who, lang, viewport, path, heading] of [
      [ROME, 'en-GB', LAPTOP, '/requests', 'Meeting requests'],
      [YANTAI, 'zh-CN', PHONE, `/sessions/${sessionId}`, YANTAI.organisation],
    ] as const) {
      const ctx = await stage.browser.newContext({ locale: lang, viewport });
      const page = await ctx.newPage();
      problems.push(...watchConsole(page, [/401/]));
      await page.goto(`${stage.server.url}${path}`);
      const zh = lang === 'zh-CN';
      // The page's own sign-in card, which carries the way back; while the page still asks who is
      // signed in, only the header's plain link is there, and clicking that would prove nothing.
      await page
        .locator('section.card')
        .getByRole('link', { name: zh ? '登录' : 'Sign in' })
        .click();
      await page.waitForURL('**/sign-in?next=*');
      await axe(page, `sign-in ${lang}`);
      await page.getByLabel(zh ? '电子邮箱' : 'Email').fill(who.email);
      const before = stage.smtp.received.length;
      await page.getByRole('button', { name: zh ? '发送登录链接' : 'Mail me a sign-in link' }).click();
      await page.waitForURL('**/check-mail?**');
      const mail = await stage.smtp.waitFor(
        (m) =>
          m.to.includes(who.email) &&
          /next=/.test(m.parsed.text ?? '') &&
          stage.smtp.received.indexOf(m) >= before,
      );
      const link = /(http:\/\/\S+\/auth\/verify\?\S+)/.exec(mail.parsed.text ?? '')![1]!;
      expect(new URL(link).searchParams.get('next')).toBe(path);
      await page.goto(link);
      await page.getByRole('button', { name: zh ? '登录' : 'Sign in' }).click();
      await page.waitForURL(`**${path}`);
      await expect.poll(() => page.locator('main').textContent()).toContain(heading);
      await ctx.close();
    }
  }, 240_000);

  it('sets a webinar outside a host’s hours after the warning; its lobby counts down in days and hours', async () => {
    const ctx = await stage.browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      viewport: LAPTOP,
    });
    const office = await ctx.newPage();
    problems.push(...watchConsole(office, [/422/]));
    await stage.register(office.request, {
      ...ROME,
      name: 'IUC programme office',
      email: 'office@iuc-flows.example',
    });
    // Three days ahead at 07:00 in Rome: before Lucia's working day.
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await office.goto(`${stage.server.url}/webinars`);
    await office.getByRole('button', { name: 'New webinar' }).click();
    await office.getByLabel('Title').fill('Early briefing for Yantai');
    await office.getByLabel('Add a host by name').fill('Lucia');
    await office.getByRole('button', { name: `+ ${ROME.name}` }).click();
    await office.getByLabel('Date').fill(day);
    await office.getByLabel('Start (Europe/Rome)').fill('07:00');
    await office.getByRole('button', { name: 'Create and invite the hosts' }).click();
    const anyway = office.getByLabel(/Set it at this time anyway/);
    await expect.poll(() => anyway.count()).toBe(1);
    await axe(office, 'webinar warning en');
    await anyway.check();
    await office.getByRole('button', { name: 'Create and invite the hosts' }).click();
    await office.waitForURL(/\/sessions\/[0-9a-f-]+\?created=1$/);
    await expect.poll(() => saying(office, 'status').first().textContent()).toContain('Webinar created');
    await shot(office, 'flows-webinar-created-en');
    const webinarId = new URL(office.url()).pathname.split('/')[2]!;

    // More than two days ahead, the lobby says days and hours, in both languages.
    await office.goto(`${stage.server.url}/sessions/${webinarId}/lobby`);
    await expect.poll(() => office.locator('.countdown').textContent()).toMatch(/^[23] days \d+ h$/);
    await axe(office, 'lobby en');
    await yantai.goto(`${stage.server.url}/webinars`);
    const card = yantai.locator('li.card').filter({ hasText: 'Early briefing' });
    await card.getByRole('button', { name: /报名/ }).first().click();
    await yantai.goto(`${stage.server.url}/sessions/${webinarId}/lobby`);
    await expect.poll(() => yantai.locator('.countdown').textContent()).toMatch(/^[23] 天 \d+ 小时$/);
    await axe(yantai, 'lobby zh phone');
    await shot(yantai, 'flows-lobby-days-zh-phone');
    await ctx.close();
  }, 240_000);

  it('registration errors read as sentences and the first takes the focus', async () => {
    const ctx = await stage.browser.newContext({ locale: 'en-GB', viewport: PHONE });
    const page = await ctx.newPage();
    problems.push(...watchConsole(page, [/400/, /422/]));
    await page.goto(`${stage.server.url}/register`);
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect
      .poll(() =>
        page.evaluate('document.activeElement.id === document.querySelector("label[for]")?.htmlFor'),
      )
      .toBe(true);
    const text = (await page.locator('form').textContent()) ?? '';
    expect(text).toContain('Enter your name.');
    expect(text).toContain('Enter an email address such as name@example.org.');
    expect(text).not.toMatch(/must not be empty|is not an ISO/);
    await axe(page, 'register errors en phone');
    await shot(page, 'flows-register-errors-en-phone');
    await ctx.close();

    expect(problems).toEqual([]);
    await romeCtx.close();
    await yantaiCtx.close();
  }, 240_000);
});
