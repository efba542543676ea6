/**
 * Confirmations and refusals reach a screen reader: each message is put inside a live region that
 * was in the page before the action (NVDA with Chrome and VoiceOver say nothing of a region
 * inserted together with its text). Saving the profile and a refused save, booking a meeting and a
 * refused second booking, an organizer's refused change and scheduler run; the pages pass axe with
 * their empty regions waiting.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { heard, listen, type Message, roomyEmptyRegions, saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium } from './browser';
import { useStage } from './stage';

// A shared machine under load: pages may take several seconds to answer.
vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

/** The messages heard so far that contain `text`. */
async function heardSaying(page: Page, text: string): Promise<Message[]> {
  return (await heard(page)).filter((m) => m.text.includes(text));
}

describe.skipIf(!hasChromium)('messages are said inside live regions that were there before', () => {
  const stage = useStage({ LOBBY_OPEN_MINUTES: String(30 * 24 * 60) });

  it('says "Saved." and a refused save inside regions the profile page already had', async () => {
    const ctx = await stage.signInAs(/^Marco Bellini$/, { locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/profile`);
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const name = page.getByLabel('Your name', { exact: true });
    await name.waitFor();

    // A refusal: the summary above the form and the field's own error.
    expect(await roomyEmptyRegions(page)).toEqual([]);
    const kept = await name.inputValue();
    await name.fill('');
    await listen(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heardSaying(page, 'Please correct the highlighted fields.')).not.toEqual([]);
    expect(await heardSaying(page, 'Please correct the highlighted fields.')).toEqual([
      { text: 'Please correct the highlighted fields.', role: 'alert', regionWasThere: true },
    ]);
    const fieldErrors = (await heard(page)).filter(
      (m) => m.text !== 'Please correct the highlighted fields.',
    );
    expect(fieldErrors.length).toBeGreaterThan(0);
    expect(fieldErrors.every((m) => m.regionWasThere)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Saved: the form gives way to the profile, the status region stays.
    await name.fill(kept);
    await listen(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => saying(page, 'status').allTextContents()).toEqual(['Saved.']);
    expect(await heardSaying(page, 'Saved.')).toEqual([
      { text: 'Saved.', role: 'status', regionWasThere: true },
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await roomyEmptyRegions(page)).toEqual([]);
    await ctx.close();
  });

  it('says "Booked" after the move to the meeting, and a refused second booking on the finder', async () => {
    const ctx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const other = await stage.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await stage.register(ctx.request, {
      name: 'Giulia Neri',
      email: 'giulia.neri@lazio-live.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
      locale: 'en',
    });
    const yantaiId = await stage.register(other.request, {
      name: '刘晓东',
      email: 'liu.xiaodong@ytu-live.example',
      organisation: 'Yantai University',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      locale: 'zh',
      offers: ['research-partnership'],
      seeks: ['technology-transfer'],
    });
    const origin = { origin: stage.server.url };
    const sent = await ctx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: yantaiId },
      headers: origin,
    });
    expect(sent.status()).toBe(201);
    const requestId = (await sent.json()).id as string;
    const accepted = await other.request.post(
      `${stage.server.url}/api/meeting-requests/${requestId}/accept`,
      {
        headers: origin,
      },
    );
    expect(accepted.status()).toBeLessThan(300);

    // Two tabs on the time finder: the first books, the second tries again.
    const finder = `${stage.server.url}/schedule?with=${yantaiId}&request=${requestId}`;
    const [first, second] = [await ctx.newPage(), await ctx.newPage()];
    for (const page of [first, second]) {
      await page.goto(finder);
      await page.getByRole('button', { name: 'Book' }).first().waitFor();
    }
    expect(await axeViolations(first)).toEqual([]);
    expect(await roomyEmptyRegions(first)).toEqual([]);

    await listen(first);
    await first.getByRole('button', { name: 'Book' }).first().click();
    await first.waitForURL('**/sessions/*?booked=1');
    await expect
      .poll(() => saying(first, 'status').allTextContents())
      .toContain('Booked. Both of you receive a calendar invite.');
    // On the meeting's page the note came with the page; the route announcer, there all along,
    // says it after the page's title.
    await expect
      .poll(async () => (await heardSaying(first, 'Booked.')).filter((m) => m.regionWasThere))
      .not.toEqual([]);
    expect(await axeViolations(first)).toEqual([]);

    await listen(second);
    await second.getByRole('button', { name: 'Book' }).first().click();
    const refusal = 'A meeting is already booked from this request';
    await expect.poll(() => heardSaying(second, refusal)).not.toEqual([]);
    expect((await heardSaying(second, refusal)).map((m) => [m.role, m.regionWasThere])).toEqual([
      ['alert', true],
    ]);
    expect(await axeViolations(second)).toEqual([]);
    await ctx.close();
    await other.close();
  });

  it("says an organizer's refused change and the scheduler's result inside the event page's regions", async () => {
    const people = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: { name: string; role: string }[];
    };
    const organizer = people.people.find((p) => p.role === 'organizer')!;
    const ctx = await stage.signInAs(new RegExp(`^${organizer.name}$`), {
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 900 },
    });
    const list = (await (await ctx.request.get(`${stage.server.url}/api/events`)).json()) as {
      id: string;
      name: string;
    }[];
    const id = list.find((e) => e.name === 'Healthy Cities online matchmaking')!.id;
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    const row = page.locator('table.meetings-table tbody tr').first();
    await row.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await roomyEmptyRegions(page)).toEqual([]);

    await listen(page);
    const weight = row.locator('input[type=number]');
    await weight.fill('500');
    await weight.press('Tab');
    await expect.poll(() => heardSaying(page, '1 to 100')).not.toEqual([]);
    expect((await heardSaying(page, '1 to 100')).map((m) => [m.role, m.regionWasThere])).toEqual([
      ['alert', true],
    ]);

    await listen(page);
    await page.getByRole('button', { name: 'Run the scheduler' }).click();
    await expect.poll(() => heardSaying(page, 'placed')).not.toEqual([]);
    expect((await heardSaying(page, 'placed')).map((m) => [m.role, m.regionWasThere])).toEqual([
      ['status', true],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});
