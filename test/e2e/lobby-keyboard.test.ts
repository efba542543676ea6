/**
 * The lobby used with a keyboard, as the demo's people: a host who ends and starts the call keeps
 * the focus on the button they pressed. English on a laptop, Chinese on a phone; checked with axe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

const PHONE = { width: 390, height: 844 };

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

/** The focused element's tag and text, or 'BODY' when the focus fell back to the page. */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return el.tagName + ' ' + (el.textContent || '').trim();
  })()`);
}

describe.skipIf(!hasChromium)('the lobby with a keyboard', () => {
  const stage = useStage();

  /** The demo's meeting going on now, from the person's own schedule. */
  async function liveMeeting(page: Page): Promise<string> {
    const res = await page.request.get(`${stage.server.url}/api/me/sessions`);
    const { sessions } = (await res.json()) as { sessions: { id: string; title: string }[] };
    return sessions.find((s) => s.title === 'Granada–Kunming biotech forum: preparation')!.id;
  }

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

    await page.getByRole('button', { name: '结束会议' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('会议已结束。');
    expect(await focused(page)).toBe('BUTTON 开始会议');
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'lobby-ended-zh-phone');

    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('正在进行');
    expect(await focused(page)).toBe('BUTTON 结束会议');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});
