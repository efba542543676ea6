/**
 * A matchmaking event in the browser: an organizer (Rome, English, desktop) creates it through the
 * form, people from Rome and Yantai join, a Yantai participant (Chinese, phone) marks a slot she
 * cannot make, the organizer runs the scheduler and publishes, and she reads her agenda with the
 * other side's local time and the gaps; invites reach the mail server.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

/** Two weekdays a few weeks ahead, so that the event is in the future whatever today is. */
function eventDays(): string[] {
  const days: string[] = [];
  const d = new Date(Date.now() + 21 * 86_400_000);
  while (days.length < 2) {
    if (d.getUTCDay() >= 2 && d.getUTCDay() <= 4) days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

async function axe(page: Page, label: string): Promise<void> {
  expect((await axeViolations(page, { all: true })).map((v) => `${label}: ${v}`)).toEqual([]);
}

describe.skipIf(!hasChromium)('a matchmaking event in the browser', () => {
  const stage = useStage({ ORGANIZER_EMAILS: 'office@iuc-e2e.example,bangongshi@iuc-e2e.example' });

  const profile = (i: number, side: 'rome' | 'yantai') =>
    side === 'rome'
      ? {
          name: `Rome person ${i}`,
          email: `rome${i}@lazio-e2e.example`,
          organisation: `Rome Biotech ${i}`,
          city: 'Rome',
          country: 'IT',
          timeZone: 'Europe/Rome',
          languages: ['it', 'en'],
          sectors: ['biotechnology'],
          offers: ['technology-transfer'],
          seeks: ['research-partnership'],
        }
      : {
          name: `烟台参会者 ${i}`,
          email: `yantai${i}@ytu-e2e.example`,
          organisation: `烟台生物园 ${i}`,
          city: 'Yantai',
          country: 'CN',
          timeZone: 'Asia/Shanghai',
          languages: ['zh', 'en'],
          sectors: ['biotechnology'],
          offers: ['research-partnership'],
          seeks: ['technology-transfer'],
          locale: 'zh',
        };

  it('is created, joined, scheduled, published and read as an agenda', async () => {
    const officeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const office = await officeCtx.newPage();
    const officeProblems = watchConsole(office);
    await stage.register(office.request, {
      ...profile(0, 'rome'),
      name: 'IUC programme office',
      email: 'office@iuc-e2e.example',
    });

    // The organizer creates the event through the form.
    const days = eventDays();
    await office.goto(`${stage.server.url}/events`);
    await office.getByLabel('Name', { exact: true }).fill('Healthy Cities B2B matchmaking');
    await office.getByLabel('Reference time zone').fill('Europe/Rome');
    await office.getByLabel('Days').fill(days.join(', '));
    await office.getByLabel('Daily windows').fill('09:00-10:40');
    await office.getByLabel('Slot length (minutes)').fill('20');
    await office.getByLabel('Break between slots (minutes)').fill('5');
    await office.getByLabel('Parallel meetings at most').fill('3');
    await office.getByRole('button', { name: 'Create the event' }).click();
    await office.waitForURL(/\/events\/[0-9a-f-]+$/);
    const eventId = office.url().split('/').pop()!;

    // People from both sides join and agree to meet (through the API, as the other pages do).
    const contexts: BrowserContext[] = [];
    const ids: Record<string, string> = {};
    for (const side of ['rome', 'yantai'] as const) {
      for (let i = 1; i <= 2; i++) {
        const ctx = await stage.browser.newContext(
          side === 'yantai'
            ? { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 800 } }
            : {},
        );
        contexts.push(ctx);
        const id = await stage.register(ctx.request, profile(i, side));
        ids[`${side}${i}`] = id;
        const joined = await ctx.request.post(`${stage.server.url}/api/events/${eventId}/join`, {
          headers: { origin: stage.server.url },
        });
        expect(joined.status()).toBe(204);
      }
    }
    const ctxOf = (key: string) => contexts[['rome1', 'rome2', 'yantai1', 'yantai2'].indexOf(key)]!;
    for (const [from, to] of [
      ['rome1', 'yantai1'],
      ['rome2', 'yantai1'],
      ['rome1', 'yantai2'],
    ] as const) {
      const sent = await ctxOf(from).request.post(`${stage.server.url}/api/meeting-requests`, {
        data: { to: ids[to] },
        headers: { origin: stage.server.url },
      });
      expect(sent.status()).toBe(201);
      const accepted = await ctxOf(to).request.post(
        `${stage.server.url}/api/meeting-requests/${(await sent.json()).id}/accept`,
        {
          headers: { origin: stage.server.url },
        },
      );
      expect(accepted.status()).toBe(200);
    }

    // Yantai 1, in Chinese on a phone, sees the windows in Yantai time and marks a slot.
    const yantai = await ctxOf('yantai1').newPage();
    const yantaiProblems = watchConsole(yantai);
    await yantai.goto(`${stage.server.url}/events/${eventId}`);
    // The reader's own city, in the reader's script, leads its column.
    await expect.poll(() => yantai.locator('table.windows').textContent()).toContain('烟台');
    const first = yantai.locator('.slot-check input:not([disabled])').first();
    await first.check();
    await yantai.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => saying(yantai, 'status').first().textContent()).toBeTruthy();
    await shot(yantai, 'event-zh-phone');

    // The organizer runs the scheduler and publishes.
    await office.reload();
    await office.getByRole('button', { name: 'Run the scheduler' }).click();
    await expect.poll(() => saying(office, 'status').first().textContent()).toContain('3 placed');
    // Publishing asks first, saying how many invites go out: two for each of the 3 meetings.
    await office.getByRole('button', { name: 'Publish and send invites' }).click();
    const publish = office.getByRole('dialog', { name: 'Publish the schedule and send invites?' });
    await expect.poll(() => publish.isVisible()).toBe(true);
    expect(await publish.textContent()).toContain('6 invitations go out by mail now: 3 new meetings');
    await axe(office, 'publish dialog');
    await shot(office, 'event-publish-dialog-en');
    await publish.getByRole('button', { name: 'Publish and send 6 invites' }).click();
    await expect.poll(() => saying(office, 'status').first().textContent()).toContain('3 sessions created');
    await shot(office, 'event-organizer-en');
    // The people table is headed by what it lists, not by the profile form's "Your name".
    const peopleTable = office.locator('table').filter({ hasText: 'Rome Biotech 1' }).last();
    expect(await peopleTable.locator('thead th').first().textContent()).toBe('Name');

    // A Chinese-speaking organizer on a phone: cities in Chinese, and every meeting's slot, lock,
    // weight and Remove within the screen's width.
    const zhOfficeCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 760 },
    });
    await stage.register(zhOfficeCtx.request, {
      ...profile(0, 'yantai'),
      name: '项目办公室',
      email: 'bangongshi@iuc-e2e.example',
    });
    const zhOffice = await zhOfficeCtx.newPage();
    const zhOfficeProblems = watchConsole(zhOffice);
    await zhOffice.goto(`${stage.server.url}/events/${eventId}`);
    const meetingsTable = zhOffice.locator('table.meetings-table');
    await expect.poll(() => meetingsTable.locator('tbody tr').count()).toBe(3);
    expect(await meetingsTable.textContent()).toContain('罗马');
    expect(await meetingsTable.textContent()).not.toContain('(Rome)');
    const zhPeople = zhOffice.locator('table').filter({ hasText: 'Rome Biotech 1' }).last();
    expect(await zhPeople.locator('thead th').first().textContent()).toBe('姓名');
    expect(await zhPeople.textContent()).toContain('烟台');
    expect(await zhPeople.textContent()).toContain('罗马');
    expect(await zhPeople.textContent()).not.toContain('Yantai');
    expect(await sidewaysOverflow(zhOffice)).toBe(0);
    for (const select of await meetingsTable.locator('select').all()) {
      const box = (await select.boundingBox())!;
      // Wide enough to show the chosen slot ("5月12日周三 09:00"), not just its arrow.
      expect(box.width).toBeGreaterThanOrEqual(120);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    for (const remove of await meetingsTable.locator('button.link').all()) {
      const box = (await remove.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    await axe(zhOffice, 'organizer event zh phone');
    await shot(zhOffice, 'event-organizer-zh-phone');
    await meetingsTable.scrollIntoViewIfNeeded();
    await shot(zhOffice, 'event-organizer-meetings-zh-phone');
    expect(zhOfficeProblems).toEqual([]);

    // Invites reach everyone: Yantai 1 has two meetings, so two invites.
    const toYantai = await stage.smtp.waitFor(
      (m) => m.to.includes('yantai1@ytu-e2e.example') && /METHOD:REQUEST/.test(m.raw),
    );
    expect(toYantai.raw).toMatch(/BEGIN:VCALENDAR/);

    // Yantai 1 reads her agenda: two meetings, Rome's local time next to each.
    await yantai.reload();
    const agenda = yantai.locator('ol.agenda > li');
    await expect.poll(() => agenda.count()).toBe(2);
    await expect.poll(() => agenda.first().textContent()).toContain('Rome');
    // In Chinese punctuation: "姓名，机构（16:00 罗马）".
    expect(await agenda.first().textContent()).toMatch(/，Rome Biotech \d（\d\d:\d\d 罗马）/);
    await expect.poll(() => yantai.getByRole('link', { name: '进入会议大厅' }).count()).toBe(2);
    await shot(yantai, 'event-agenda-zh-phone');
    expect(await yantai.getByRole('heading', { name: '尚未安排时段的会议请求' }).count()).toBe(0);

    // She cancels one of them: her page then lists it without a slot, and why.
    const mine = await (
      await ctxOf('yantai1').request.get(`${stage.server.url}/api/events/${eventId}/agenda`)
    ).json();
    const cancelled = await ctxOf('yantai1').request.post(
      `${stage.server.url}/api/sessions/${mine.entries[0].sessionId}/cancel`,
      { headers: { origin: stage.server.url } },
    );
    expect(cancelled.status()).toBe(200);
    await yantai.reload();
    const unplaced = yantai.getByRole('region', { name: '尚未安排时段的会议请求' });
    await expect.poll(() => unplaced.textContent()).toContain('已由您或对方取消；组织者仍可能重新安排');
    await expect.poll(() => agenda.count()).toBe(1);
    await axe(yantai, 'agenda with an unplaced meeting zh phone');
    expect(await sidewaysOverflow(yantai)).toBe(0);
    await shot(yantai, 'event-unplaced-zh-phone');

    expect(officeProblems).toEqual([]);
    expect(yantaiProblems).toEqual([]);
  }, 120_000);
});
