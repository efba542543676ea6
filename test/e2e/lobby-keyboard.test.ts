/**
 * The lobby used with a keyboard, and its layout on a phone, as the demo's people: a host who
 * ends and starts the call keeps the focus on the button they pressed, and one who admits people
 * from a webinar's waiting room goes on to the next person waiting, then to the list's heading; a
 * chat longer than its box scrolls from the keyboard; someone a host turned away asks again with a
 * button. English on a laptop, Chinese on a phone; checked with axe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { focused, hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

describe.skipIf(!hasChromium)('the lobby with a keyboard', () => {
  const stage = useStage();

  /** The demo's meeting going on now, from the person's own schedule. */
  async function liveMeeting(page: Page): Promise<string> {
    const res = await page.request.get(`${stage.server.url}/api/me/sessions`);
    const { sessions } = (await res.json()) as { sessions: { id: string; title: string }[] };
    return sessions.find((s) => s.title === 'Granada–Kunming biotech forum: preparation')!.id;
  }

  it('leads from a meeting’s page to its lobby while it is under way, without asking who will come', async () => {
    const ctx = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    const id = await liveMeeting(page);
    await page.goto(`${stage.server.url}/sessions/${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('正在进行');
    const join = page.getByRole('link', { name: '立即进入会议大厅' });
    await join.waitFor();
    expect(await page.getByRole('group', { name: '您会参加吗？' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await join.click();
    await page.waitForURL(`**/sessions/${id}/lobby`);
    // A meeting still ahead asks as before.
    const res = await page.request.get(`${stage.server.url}/api/me/sessions`);
    const { sessions } = (await res.json()) as { sessions: { id: string; start: string; status: string }[] };
    const ahead = sessions.find((s) => s.status === 'confirmed' && Date.parse(s.start) > Date.now())!;
    await page.goto(`${stage.server.url}/sessions/${ahead.id}`);
    await page.getByRole('group', { name: '您会参加吗？' }).waitFor();
    expect(await page.getByRole('link', { name: '立即进入会议大厅' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('keeps the focus on the host’s start/end button as the call ends and starts again', async () => {
    const ctx = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/sessions/${await liveMeeting(page)}/lobby`);
    const status = page.locator('.lobby-status');
    await expect.poll(() => status.textContent()).toBe('正在进行');
    // The others, not here yet, are set apart by a dashed edge that keeps clear of their names.
    const absent = page.locator('li.lobby-person.absent').first();
    const [row, name] = [await absent.boundingBox(), await absent.locator('strong').boundingBox()];
    expect(name!.x - row!.x).toBeGreaterThanOrEqual(6);
    expect(name!.y - row!.y).toBeGreaterThanOrEqual(6);

    await page.getByRole('button', { name: '结束会议' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('会议已结束。');
    // The focus moves once the page has drawn its new state, a frame after the message.
    await expect.poll(() => focused(page)).toBe('BUTTON 开始会议');
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'lobby-ended-zh-phone');

    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('正在进行');
    await expect.poll(() => focused(page)).toBe('BUTTON 结束会议');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('moves the focus on to the next person waiting after each admission, and counts those waiting among those here', async () => {
    const host = await stage.signInAs(/Giulia Conti/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      viewport: LAPTOP,
    });
    const hostPage = await host.newPage();
    const problems = watchConsole(hostPage);
    const { sessions } = (await (
      await hostPage.request.get(`${stage.server.url}/api/me/sessions`)
    ).json()) as {
      sessions: { id: string; kind: string }[];
    };
    const lobby = `${stage.server.url}/sessions/${sessions.find((s) => s.kind === 'webinar')!.id}/lobby`;
    await hostPage.goto(lobby);
    // Two of the demo's attendees knock, one in Chinese on a phone.
    const guests = [
      await stage.signInAs(/李娜/, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE }),
      await stage.signInAs(/Lucía/, { locale: 'en-GB', timezoneId: 'Europe/Madrid', viewport: LAPTOP }),
    ];
    for (const g of guests) await (await g.newPage()).goto(lobby);
    const admit = hostPage.getByRole('button', { name: 'Admit', exact: true });
    await expect.poll(() => admit.count()).toBe(2);
    // The head count: those waiting are among those here, not besides them.
    const heading = hostPage.locator('#people-title');
    await expect.poll(() => heading.textContent()).toBe('People 3 here, 2 of them waiting');

    await admit.first().focus();
    await hostPage.keyboard.press('Enter');
    await expect.poll(() => admit.count()).toBe(1);
    await expect.poll(() => focused(hostPage)).toBe('BUTTON Admit');
    await hostPage.keyboard.press('Enter');
    await expect.poll(() => admit.count()).toBe(0);
    await expect.poll(() => focused(hostPage)).toMatch(/^H2 People/);
    await expect.poll(() => heading.textContent()).toBe('People 3 here');
    expect(await axeViolations(hostPage)).toEqual([]);
    await shot(hostPage, 'lobby-webinar-admitted-en');
    expect(problems).toEqual([]);
    for (const c of [host, ...guests]) await c.close();
  }, 120_000);

  it('lets a keyboard reach and scroll a chat longer than its box', async () => {
    const ctx = await stage.signInAs(/李娜/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/sessions/${await liveMeeting(page)}/lobby`);
    const box = page.getByRole('textbox', { name: '输入消息' });
    const lines = [
      '好的，我们下周确认演讲嘉宾名单。🙂 昆明的生物医药企业也想参加！',
      `Speakers from Granada’s biomedicine cluster: ${'Granada–Kunming biotech forum, '.repeat(20)}`,
      `资料在这里：https://example.org/${'x'.repeat(150)}`,
      '请把议程发给我们，我们翻译成中文后再发给各位。',
      'Muy bien — ¡hasta el lunes! 👋',
    ];
    for (const line of lines) {
      await box.fill(line);
      await box.press('Enter');
    }
    const chat = page.locator('ol.chat-lines');
    await expect.poll(() => chat.locator('li').count()).toBe(lines.length);
    expect(await chat.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await chat.getAttribute('tabindex')).toBe('0');
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'lobby-long-chat-zh-phone');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('lets someone a host turned away ask to come in again, with a button', async () => {
    const host = await stage.signInAs(/Giulia Conti/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      viewport: LAPTOP,
    });
    const hostPage = await host.newPage();
    const { sessions } = (await (
      await hostPage.request.get(`${stage.server.url}/api/me/sessions`)
    ).json()) as {
      sessions: { id: string; kind: string }[];
    };
    const webinar = sessions.find((s) => s.kind === 'webinar')!.id;
    const lobby = `${stage.server.url}/sessions/${webinar}/lobby`;
    await hostPage.goto(lobby);
    // Someone not let in before, whom the lobby would let straight back in: Wang Lei registers.
    const guest = await stage.signInAs(/王磊/, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const page = await guest.newPage();
    const registered = await page.request.post(`${stage.server.url}/api/sessions/${webinar}/register`, {
      headers: { origin: stage.server.url },
    });
    expect(registered.status()).toBe(201);
    // The denied socket's close is logged by the browser.
    const problems = watchConsole(page, [/WebSocket/]);
    await page.goto(lobby);
    await hostPage.getByRole('button', { name: 'Deny' }).click();

    await expect
      .poll(() => saying(page, 'alert').textContent())
      .toBe('主持人这次没有准许您进入。您可以再次请求。');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'lobby-denied-zh-phone');
    await page.getByRole('button', { name: '再次请求进入' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('您在等候室中，主持人将会准许您进入。').count()).toBe(1);
    await expect.poll(() => focused(page)).toMatch(/^H1 Smart City Lab/);
    expect(await saying(page, 'alert').count()).toBe(0);

    await hostPage.getByRole('button', { name: 'Admit', exact: true }).click();
    await expect.poll(() => page.getByRole('textbox', { name: '输入消息' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await host.close();
    await guest.close();
  }, 120_000);
});
