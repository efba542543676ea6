/**
 * An organizer at work on the demo's published event ("Healthy Cities online matchmaking"):
 * moving meetings by hand, running the scheduler and publishing again, importing people; what the
 * page shows after each action, refused or not.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow } from './browser';
import { useStage } from './stage';

interface DemoPerson {
  id: string;
  name: string;
  city: string;
  role: string;
}
interface AdminMeeting {
  id: string;
  people: { id: string; name: string }[];
  slot: string | null;
  weight: number;
}

describe.skipIf(!hasChromium)('organizing an event in the browser', () => {
  const stage = useStage();

  async function signedIn(
    who: (p: DemoPerson) => boolean,
    options: Parameters<typeof stage.browser.newContext>[0] = {},
  ): Promise<{ ctx: BrowserContext; person: DemoPerson }> {
    const { people } = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: DemoPerson[];
    };
    const person = people.find(who)!;
    const ctx = await stage.browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    const res = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: person.id },
      headers: { origin: stage.server.url },
    });
    expect(res.status()).toBe(204);
    return { ctx, person };
  }

  /** Creates an event as the organizer signed in to `ctx`; its id. */
  async function createEvent(ctx: BrowserContext, data: Record<string, unknown>): Promise<string> {
    const created = await ctx.request.post(`${stage.server.url}/api/events`, {
      data,
      headers: { origin: stage.server.url },
    });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  async function demoEvent(ctx: BrowserContext): Promise<{ id: string; meetings: AdminMeeting[] }> {
    const list = (await (await ctx.request.get(`${stage.server.url}/api/events`)).json()) as {
      id: string;
      name: string;
    }[];
    const id = list.find((e) => e.name === 'Healthy Cities online matchmaking')!.id;
    const view = (await (await ctx.request.get(`${stage.server.url}/api/events/${id}`)).json()) as {
      meetings: AdminMeeting[];
    };
    return { id, meetings: view.meetings };
  }

  /**
   * An event of `people` imported by CSV (Europeans and Chinese by turns) in one window of three
   * slots, one meeting at a time, and a must-meet between each European and the next Chinese
   * person, two each, placed by a run of the scheduler: three placed, the rest not. Its id and people.
   */
  async function crowdedEvent(
    ctx: BrowserContext,
    people: number,
  ): Promise<{ id: string; people: { id: string; name: string }[] }> {
    const id = await createEvent(ctx, {
      name: `Forum of ${people}`,
      timeZone: 'Europe/Rome',
      days: ['2027-05-13'],
      windows: [{ start: '09:00', end: '10:00' }],
      slotMinutes: 20,
      breakMinutes: 0,
      parallelLimit: 1,
    });
    const rows = Array.from({ length: people }, (_, i) =>
      i % 2
        ? `crowd${i}@forum.example,Zhang ${i},Yantai Clinic ${i},Yantai,CN,Asia/Shanghai,zh`
        : `crowd${i}@forum.example,Rossi ${i},Rome Lab ${i},Rome,IT,Europe/Rome,it`,
    );
    const headers = { origin: stage.server.url };
    const imported = await ctx.request.post(`${stage.server.url}/api/events/${id}/participants.csv`, {
      data: ['email,name,organisation,city,country,time_zone,languages', ...rows].join('\n'),
      headers: { ...headers, 'content-type': 'text/csv' },
    });
    expect(imported.status()).toBe(200);
    const view = (await (await ctx.request.get(`${stage.server.url}/api/events/${id}`)).json()) as {
      participants: { id: string; name: string }[];
    };
    const byName = new Map(view.participants.map((p) => [p.name, p]));
    const everyone = rows.map((_, i) => byName.get(i % 2 ? `Zhang ${i}` : `Rossi ${i}`)!);
    await Promise.all(
      everyone.flatMap((a, i) =>
        i % 2
          ? []
          : [1, 3].map((k) =>
              ctx.request.post(`${stage.server.url}/api/events/${id}/meetings`, {
                data: { participants: [a.id, everyone[(i + k) % people]!.id], mustMeet: true },
                headers,
              }),
            ),
      ),
    );
    await ctx.request.post(`${stage.server.url}/api/events/${id}/schedule`, { headers });
    return { id, people: everyone };
  }

  async function openEvent(page: Page, id: string): Promise<void> {
    await page.goto(`${stage.server.url}/events/${id}`);
    await page.locator('table.meetings-table tbody tr').first().waitFor();
  }

  it('puts a refused move or weight back as the meeting stands, and clears the refusal after a change that went through', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(ctx);
    const meeting = event.meetings.find((m) => m.slot)!;
    const [first, second] = meeting.people;

    // One of the two marks a slot as one they cannot make.
    const { ctx: theirs } = await signedIn((p) => p.id === first!.id);
    const view = (await (await theirs.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      slots: { id: string }[];
      me: { auto: Record<string, string> };
    };
    const blocked = view.slots.find((s) => s.id !== meeting.slot && !view.me.auto[s.id])!.id;
    const marked = await theirs.request.put(`${stage.server.url}/api/events/${event.id}/unavailable`, {
      data: { slots: [blocked] },
      headers: { origin: stage.server.url },
    });
    expect(marked.status()).toBe(200);

    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const row = page
      .locator('table.meetings-table tbody tr')
      .filter({ hasText: first!.name })
      .filter({ hasText: second!.name });
    const select = row.locator('select');
    await select.selectOption(blocked);
    const error = page.locator('.admin [role=alert]').filter({ hasText: /\S/ });
    // Who and why, not the slot's id in the event's zone (the select shows the organizer's own).
    await expect
      .poll(() => error.textContent())
      .toBe(`${first!.name} cannot make that slot: they marked it as one they cannot make.`);
    expect(await page.locator('.admin').textContent()).toContain('Times are your time, in Brussels.');
    // The meeting did not move: the select says where it is.
    await expect.poll(() => select.inputValue()).toBe(meeting.slot);

    // A weight out of range is refused and the field shows the weight the meeting has.
    const weight = row.locator('input[type=number]');
    await weight.fill('500');
    await weight.press('Tab');
    await expect.poll(() => error.textContent()).toContain('1 to 100');
    await expect.poll(() => weight.inputValue()).toBe(String(meeting.weight));
    await shot(page, 'event-refused-move-en');

    // A change that goes through takes the old refusal away.
    await weight.fill('3');
    await weight.press('Tab');
    await expect.poll(() => error.count()).toBe(0);
    const after = await demoEvent(ctx);
    expect(after.meetings.find((m) => m.id === meeting.id)).toMatchObject({ slot: meeting.slot, weight: 3 });
    await ctx.close();
    await theirs.close();
  });

  it('keeps the keyboard focus on the button after running the scheduler, publishing and adding a must-meet', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(ctx);
    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const focused = () =>
      page.evaluate<string>(
        `(() => { const el = document.activeElement; return el ? el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40) : '' })()`,
      );
    const status = page.locator('.admin [role=status]').filter({ hasText: /\S/ });

    await page.getByRole('button', { name: 'Run the scheduler' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toContain('placed');
    await expect.poll(focused).toBe('BUTTON Run the scheduler');

    await page.getByRole('button', { name: 'Publish and send invites' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Publish the schedule and send invites?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Tab'); // from "Go back" to the button that publishes
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toContain('sessions created');
    await expect.poll(focused).toBe('BUTTON Publish and send invites');

    // Two people of the event without a meeting together yet become a must-meet.
    const view = (await (await ctx.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      participants: { id: string }[];
      meetings: AdminMeeting[];
    };
    const met = new Set(
      view.meetings.map((m) =>
        m.people
          .map((p) => p.id)
          .sort()
          .join(' '),
      ),
    );
    const ids = view.participants.map((p) => p.id);
    const pair = ids
      .flatMap((a) => ids.map((b) => [a, b] as const))
      .find(([a, b]) => a < b && !met.has(`${a} ${b}`))!;
    const [personA, personB] = await page.locator('.admin form.row select').all();
    await personA!.selectOption(pair[0]);
    await personB!.selectOption(pair[1]);
    await page.getByRole('button', { name: 'Add as must-meet' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('table.meetings-table tbody tr').count())
      .toBe(view.meetings.length + 1);
    // The button waits for the next pair; the focus is where that pair starts.
    await expect.poll(() => personA!.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await ctx.close();
  });

  it('tells a Chinese organizer on a phone, in Chinese, which line of a refused CSV is wrong and why', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const event = await demoEvent(ctx);
    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const input = page.locator('.admin input[type=file]');
    const error = page.locator('.admin [role=alert]').filter({ hasText: /\S/ });
    const upload = (name: string, text: string) =>
      input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

    const header = 'email,name,organisation,city,country,time_zone,languages';
    await upload(
      'people.csv',
      [
        header,
        'chen@kmu-e2e.example,陈静,昆明医科大学,Kunming,CN,Asia/Shanghai,zh',
        'chen@kmu-e2e.example,陈静,昆明医科大学,Kunming,CN,Asia/Shanghai,zh',
      ].join('\n'),
    );
    const item = error.locator('li');
    await expect.poll(() => item.textContent()).toContain('第 3 行：此邮箱在文件中出现了不止一次。');
    expect(await item.textContent()).toContain('chen@kmu-e2e.example');
    await shot(page, 'event-import-refused-zh-phone');

    // A file refused as a whole says why, not that some of its rows are bad.
    await upload('people.csv', 'name,city\n陈静,Kunming');
    await expect.poll(() => error.textContent()).toBe('标题行中须有 email 列，未导入任何内容。');
    await ctx.close();
  });

  it('counts, before publishing again, the updates that a moved meeting mails', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(ctx);
    const api = (method: 'post' | 'patch', path: string, data?: unknown) =>
      ctx.request[method](`${stage.server.url}${path}`, { data, headers: { origin: stage.server.url } });
    expect((await api('post', `/api/events/${event.id}/publish`)).status()).toBe(200);
    const view = (await (await ctx.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      slots: { id: string; start: string }[];
      meetings: (AdminMeeting & { publishedStart: string | null })[];
    };
    const meeting = view.meetings.find((m) => m.slot && m.publishedStart)!;
    expect(meeting.publishedStart).toBe(view.slots.find((s) => s.id === meeting.slot)!.start);
    // Moved by hand to the first other slot that its two people can make.
    let moved = false;
    for (const s of view.slots) {
      if (s.id === meeting.slot) continue;
      const res = await api('patch', `/api/events/${event.id}/meetings/${meeting.id}`, { slot: s.id });
      if (res.status() === 200) {
        moved = true;
        break;
      }
    }
    expect(moved).toBe(true);

    const page = await ctx.newPage();
    await openEvent(page, event.id);
    await page.getByRole('button', { name: 'Publish and send invites' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the schedule and send invites?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(
      '0 invitations go out by mail now: 0 new meetings, two people each. 2 updates go to the people of the 1 published meeting that moved, and 0 cancellations',
    );
    await shot(page, 'event-publish-moved-dialog-en');
    await dialog.getByRole('button', { name: 'Publish and send 2 mails' }).click();
    await expect
      .poll(() => page.locator('.admin [role=status]').filter({ hasText: /\S/ }).textContent())
      .toContain('1 moved');
    await ctx.close();
  });

  it('gives every field of the new-event form room on a phone', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events`);
    const form = page.locator('form[aria-labelledby=new-event-title]');
    await form.waitFor();
    const fields = await form.locator('input, select, textarea').all();
    expect(fields.length).toBeGreaterThanOrEqual(9);
    for (const field of fields) {
      const box = (await field.boundingBox())!;
      const label = await form.locator(`label[for="${await field.getAttribute('id')}"]`).textContent();
      // Wide enough for "2027-05-11" or "所有注册用户", and on the screen.
      expect([label, box.width >= 140]).toEqual([label, true]);
      expect([label, box.x + box.width <= 390]).toEqual([label, true]);
    }
    await form.screenshot({ path: 'test-results/screenshots/event-new-zh-phone.png' });
    await ctx.close();
  });

  it('creates an event whose windows were written without a leading zero (9:00-11:00)', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events`);
    await page.getByLabel('Name', { exact: true }).fill('Morning matchmaking');
    await page.getByLabel('Reference time zone').fill('Europe/Rome');
    await page.getByLabel('Days').fill('2027-05-11');
    await page.getByLabel('Daily windows').fill('9:00-11:00, 14:00-15:30');
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]+$/);
    const id = page.url().split('/').pop()!;
    const view = (await (await ctx.request.get(`${stage.server.url}/api/events/${id}`)).json()) as {
      event: { windows: { start: string; end: string }[] };
    };
    expect(view.event.windows).toEqual([
      { start: '09:00', end: '11:00' },
      { start: '14:00', end: '15:30' },
    ]);
    await ctx.close();
  });

  it("lists the slots one cannot make under one's own dates when a window ends after midnight there", async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(office, {
      name: 'Evening in Rome',
      timeZone: 'Europe/Rome',
      days: ['2027-04-06'],
      windows: [{ start: '17:00', end: '19:00' }],
      slotMinutes: 30,
    });
    // 17:00–19:00 in Rome (summer time) is 23:00–01:00 in Yantai.
    const { ctx } = await signedIn((p) => p.role === 'participant' && p.city === 'Yantai', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    expect(
      (
        await ctx.request.post(`${stage.server.url}/api/events/${id}/join`, {
          headers: { origin: stage.server.url },
        })
      ).status(),
    ).toBe(204);
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    const days = page.locator('fieldset.slot-day');
    await expect.poll(() => days.count()).toBe(2);
    expect(await days.nth(0).locator('legend').textContent()).toBe('4月6日星期二');
    expect((await days.nth(0).locator('label').allTextContents()).map((x) => x.trim().slice(0, 5))).toEqual([
      '23:00',
      '23:30',
    ]);
    expect(await days.nth(1).locator('legend').textContent()).toBe('4月7日星期三');
    expect((await days.nth(1).locator('label').allTextContents()).map((x) => x.trim().slice(0, 5))).toEqual([
      '00:00',
      '00:30',
    ]);
    await office.close();
    await ctx.close();
  });

  it('counts one of a thing in the singular', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(ctx, {
      name: 'One slot',
      timeZone: 'Europe/Rome',
      days: ['2027-05-11'],
      windows: [{ start: '09:00', end: '09:20' }],
      slotMinutes: 20,
      breakMinutes: 5,
      parallelLimit: 1,
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    await page.getByRole('button', { name: 'Join this event' }).click();
    await expect
      .poll(() => page.locator('h1 + p.muted').textContent())
      .toBe('1 slot of 20 minutes, 5-minute breaks, 1 participant · at most 1 meeting at once');
    expect(await page.locator('.admin .card').first().textContent()).toContain('0 meetings to place');
    await page.goto(`${stage.server.url}/events`);
    await expect
      .poll(() => page.locator('li.card').filter({ hasText: 'One slot' }).textContent())
      .toContain('1 slot of 20 min');
    await ctx.close();
  });

  it("tells an attendee which of their agenda's times are not published yet, and which moved since their invitation", async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(office);
    const api = (method: 'post' | 'patch', path: string, data?: unknown) =>
      office.request[method](`${stage.server.url}${path}`, { data, headers: { origin: stage.server.url } });
    expect((await api('post', `/api/events/${event.id}/publish`)).status()).toBe(200);
    const { meetings } = await demoEvent(office);
    const view = (await (await office.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      slots: { id: string; start: string }[];
    };
    // A published meeting of someone in Yantai, moved by hand and not published again.
    const { people } = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: DemoPerson[];
    };
    const yantai = new Set(people.filter((p) => p.city === 'Yantai').map((p) => p.id));
    const meeting = meetings.find((m) => m.slot && m.people.some((p) => yantai.has(p.id)))!;
    const reader = meeting.people.find((p) => yantai.has(p.id))!;
    const before = view.slots.find((s) => s.id === meeting.slot)!.start;
    let to: string | undefined;
    for (const s of view.slots) {
      if (s.id === meeting.slot) continue;
      if (
        (await api('patch', `/api/events/${event.id}/meetings/${meeting.id}`, { slot: s.id })).status() ===
        200
      ) {
        to = s.id;
        break;
      }
    }
    expect(to).toBeDefined();

    const { ctx } = await signedIn((p) => p.id === reader.id, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${event.id}`);
    const agenda = page.locator('ol.agenda');
    await agenda.waitFor();
    const moved = agenda.locator('li').filter({ hasText: '您收到的邀请仍为' });
    await expect.poll(() => moved.count()).toBe(1);
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(before));
    expect(await moved.textContent()).toContain(`${clock}：组织者已将会议调整到此时间，但尚未发布。`);
    expect(await agenda.textContent()).not.toContain('尚未发布：');
    await shot(page, 'event-agenda-moved-zh-phone');

    // Published again: the note goes.
    expect((await api('post', `/api/events/${event.id}/publish`)).status()).toBe(200);
    await page.reload();
    await agenda.waitFor();
    expect(await agenda.textContent()).not.toContain('您收到的邀请仍为');

    // Scheduled and not published at all: every time says it is a draft.
    const created = await api('post', '/api/events', {
      name: 'Draft only',
      timeZone: 'Europe/Rome',
      days: ['2027-05-11'],
      windows: [{ start: '09:00', end: '10:00' }],
      slotMinutes: 20,
    });
    const draft = ((await created.json()) as { id: string }).id;
    expect(
      (
        await api('post', `/api/events/${draft}/participants`, { ids: meeting.people.map((p) => p.id) })
      ).status(),
    ).toBe(200);
    expect(
      (
        await api('post', `/api/events/${draft}/meetings`, {
          participants: meeting.people.map((p) => p.id),
          mustMeet: true,
        })
      ).status(),
    ).toBe(201);
    expect((await api('post', `/api/events/${draft}/schedule`)).status()).toBe(200);
    await page.goto(`${stage.server.url}/events/${draft}`);
    await agenda.waitFor();
    expect(await agenda.textContent()).toContain('尚未发布：组织者仍可能调整时间，发布后您会收到邀请。');
    await office.close();
    await ctx.close();
  });

  it('says on a phone, beside the meeting or the list, what became of a move, a must-meet and a removal', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const event = await demoEvent(ctx);
    // The last placed meeting of the list: someone in it marks another slot as one they cannot make.
    const meeting = event.meetings.filter((m) => m.slot).pop()!;
    const { ctx: theirs } = await signedIn((p) => p.id === meeting.people[0]!.id);
    const view = (await (await theirs.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      slots: { id: string }[];
      me: { auto: Record<string, string> };
    };
    const blocked = view.slots.find((s) => s.id !== meeting.slot && !view.me.auto[s.id])!.id;
    await theirs.request.put(`${stage.server.url}/api/events/${event.id}/unavailable`, {
      data: { slots: [blocked] },
      headers: { origin: stage.server.url },
    });

    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const row = page.locator('table.meetings-table tbody tr').nth(event.meetings.indexOf(meeting));
    // Where the organizer is on the page: at that row, far down the list.
    await row.locator('select').scrollIntoViewIfNeeded();
    await row.locator('select').selectOption(blocked);
    const refusal = row.locator('[role=alert]');
    // The general words of the code, then the server's, which say who and why.
    await expect
      .poll(() => refusal.textContent())
      .toBe(
        `有人无法参加该时段、该时段已有会议，或会议室已满。（${meeting.people[0]!.name} cannot make that slot: they marked it as one they cannot make.）`,
      );
    const box = (await refusal.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.screenshot({ path: 'test-results/screenshots/event-row-refusal-zh-phone.png' });

    // A must-meet: said under the form that added it.
    const ids = new Set(event.meetings.flatMap((m) => m.people.map((p) => p.id)));
    const met = new Set(
      event.meetings.map((m) =>
        m.people
          .map((p) => p.id)
          .sort()
          .join(' '),
      ),
    );
    const all = [...ids];
    const [a, b] = all
      .flatMap((x) => all.map((y) => [x, y] as const))
      .find(([x, y]) => x < y && !met.has(`${x} ${y}`))!;
    const [personA, personB] = await page.locator('.admin form.row select').all();
    await personA!.selectOption(a);
    await personB!.selectOption(b);
    await page.getByRole('button', { name: '添加为必见会议' }).click();
    const note = page.locator('.admin form.row + [role=status]');
    await expect
      .poll(() => note.textContent())
      .toMatch(/^已添加必见会议：.+ 与 .+。下次运行排程时会优先安排。$/);

    // Removing it (not published: nobody is mailed) is said there too.
    const added = page.locator('table.meetings-table tbody tr').last();
    await added.getByRole('button', { name: /^删除/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => note.textContent()).toMatch(/^已删除 .+ 与 .+ 的会议。$/);
    await ctx.close();
    await theirs.close();
  });

  it("names the event's own zone once in the windows table when nobody lives in it", async () => {
    const { ctx } = await signedIn((p) => p.role === 'participant' && p.city === 'Yantai', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(office, {
      name: 'Morning in New York',
      timeZone: 'America/New_York',
      days: ['2027-05-11'],
      windows: [{ start: '08:00', end: '09:00' }],
      slotMinutes: 20,
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    const heads = page.locator('table.windows thead th');
    await expect.poll(() => heads.count()).toBe(2);
    expect(await heads.nth(1).textContent()).toBe('America/New_York活动的基准时区');
    await office.close();
    await ctx.close();
  });

  it('says of a meeting left out that each time both could make holds a meeting of one of the two, not that someone is full', async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(office, {
      name: 'Two slots, four people',
      timeZone: 'Europe/Rome',
      days: ['2027-06-15'],
      windows: [{ start: '09:00', end: '09:40' }],
      slotMinutes: 20,
      breakMinutes: 0,
    });
    const { people } = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: DemoPerson[];
    };
    const [a, b, c, d] = people.filter((p) => p.role === 'participant');
    for (const p of [a!, b!, c!, d!]) {
      const { ctx } = await signedIn((x) => x.id === p.id);
      const joined = await ctx.request.post(`${stage.server.url}/api/events/${id}/join`, {
        headers: { origin: stage.server.url },
      });
      expect(joined.status()).toBe(204);
      await ctx.close();
    }
    const post = (url: string, data?: unknown) =>
      office.request.post(`${stage.server.url}${url}`, { data, headers: { origin: stage.server.url } });
    const mustMeet = async (x: DemoPerson, y: DemoPerson): Promise<string> => {
      const made = await post(`/api/events/${id}/meetings`, { participants: [x.id, y.id] });
      expect(made.status()).toBe(201);
      return ((await made.json()) as { id: string }).id;
    };
    // A meets C at 09:00 and B meets D at 09:20, both locked there: A is free at 09:20 and B at
    // 09:00, but never at the same time, so A and B's meeting finds no slot.
    for (const [x, y, slot] of [
      [a!, c!, '2027-06-15T09:00'],
      [b!, d!, '2027-06-15T09:20'],
    ] as const) {
      const placed = await office.request.patch(
        `${stage.server.url}/api/events/${id}/meetings/${await mustMeet(x, y)}`,
        {
          data: { slot },
          headers: { origin: stage.server.url },
        },
      );
      expect(placed.status()).toBe(200);
    }
    await mustMeet(a!, b!);
    expect((await post(`/api/events/${id}/schedule`)).status()).toBe(200);

    const rowOf = (page: Page) =>
      page.locator('table.meetings-table tbody tr').filter({ hasText: a!.name }).filter({ hasText: b!.name });
    const page = await office.newPage();
    await openEvent(page, id);
    await expect
      .poll(() => rowOf(page).locator('.meeting-slot').textContent())
      .toContain('at every time both can make, one of the two already has a meeting');
    expect(await rowOf(page).textContent()).not.toContain('full');
    expect(await axeViolations(page)).toEqual([]);

    const { ctx: zh } = await signedIn((p) => p.role === 'organizer', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const zhPage = await zh.newPage();
    await openEvent(zhPage, id);
    await expect
      .poll(() => rowOf(zhPage).locator('.meeting-slot').textContent())
      .toContain('双方都能参加的每个时段，都有一方已有会议');
    expect(await rowOf(zhPage).textContent()).not.toContain('排满');
    expect(await axeViolations(zhPage)).toEqual([]);
    await office.close();
    await zh.close();
  });

  it('gives the month with the day of each slot, in the meeting’s choice of slots and in the count per slot', async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(office, {
      name: 'End of November',
      timeZone: 'Europe/Rome',
      days: ['2027-11-30'],
      windows: [{ start: '09:00', end: '09:40' }],
      slotMinutes: 20,
      breakMinutes: 0,
    });
    const { people } = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: DemoPerson[];
    };
    const pair = people.filter((p) => p.role === 'participant').slice(0, 2);
    for (const p of pair) {
      const { ctx } = await signedIn((x) => x.id === p.id);
      await ctx.request.post(`${stage.server.url}/api/events/${id}/join`, {
        headers: { origin: stage.server.url },
      });
      await ctx.close();
    }
    const post = (url: string, data?: unknown) =>
      office.request.post(`${stage.server.url}${url}`, { data, headers: { origin: stage.server.url } });
    expect((await post(`/api/events/${id}/meetings`, { participants: pair.map((p) => p.id) })).status()).toBe(
      201,
    );
    expect((await post(`/api/events/${id}/schedule`)).status()).toBe(200);

    // The organizer's zone (Brussels) keeps Rome's clock.
    const slotsOn = async (page: Page) => {
      await openEvent(page, id);
      const options = await page.locator('table.meetings-table tbody tr select option').allTextContents();
      const counted = await page.locator('ul.per-slot li').allTextContents();
      return {
        options: options.slice(1).map((x) => x.trim()),
        // "Tue 30 Nov 09:00: 1 / 6"; in Chinese a full-width colon: "11月30日周二 09:00：1 / 6".
        counted: counted.map((x) => x.split(/[:：]/).slice(0, 2).join(':').trim()),
        colons: counted.map((x) => x.replace(/\d\d:\d\d/, '').replace(/[^:：]/g, '')),
      };
    };
    expect(await slotsOn(await office.newPage())).toEqual({
      options: ['Tue 30 Nov 09:00', 'Tue 30 Nov 09:20'],
      counted: expect.arrayContaining(['Tue 30 Nov 09:00']),
      colons: expect.arrayContaining([':']),
    });
    const { ctx: zh } = await signedIn((p) => p.role === 'organizer', { locale: 'zh-CN' });
    expect(await slotsOn(await zh.newPage())).toEqual({
      options: ['11月30日周二 09:00', '11月30日周二 09:20'],
      counted: expect.arrayContaining(['11月30日周二 09:00']),
      colons: expect.arrayContaining(['：']),
    });
    // The page names the reader's zone by their city, as every other page does.
    const zhPage = await zh.newPage();
    await openEvent(zhPage, id);
    expect(await zhPage.locator('.admin').textContent()).toContain('时间均为您的时间（布鲁塞尔）。');
    await office.close();
    await zh.close();
  });

  it('marks a meeting placed in a slot that one of its people has since said they cannot make', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(ctx);
    const meeting = event.meetings.find((m) => m.slot)!;
    const [first, second] = meeting.people;
    const { ctx: theirs } = await signedIn((p) => p.id === second!.id);
    const marked = await theirs.request.put(`${stage.server.url}/api/events/${event.id}/unavailable`, {
      data: { slots: [meeting.slot] },
      headers: { origin: stage.server.url },
    });
    expect(marked.status()).toBe(200);
    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const row = page
      .locator('table.meetings-table tbody tr')
      .filter({ hasText: first!.name })
      .filter({ hasText: second!.name });
    await expect
      .poll(() => row.locator('.meeting-slot').textContent())
      .toContain(
        `${second!.name} cannot make this slot: move the meeting, or unlock it and run the scheduler again.`,
      );
    await ctx.close();
    await theirs.close();
  });

  it('moves the keyboard focus on after joining and after leaving an event', async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(office, {
      name: 'Join and leave',
      timeZone: 'Europe/Rome',
      days: ['2027-05-12'],
      windows: [{ start: '09:00', end: '10:00' }],
      slotMinutes: 20,
    });
    const { ctx } = await signedIn((p) => p.role === 'participant' && p.city === 'Rome', {
      timezoneId: 'Europe/Rome',
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    const focused = () =>
      page.evaluate<string>(
        `(() => { const el = document.activeElement; return el ? el.tagName + ' ' + (el.textContent || '').trim() : '' })()`,
      );
    await page.getByRole('button', { name: 'Join this event' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('H2 Slots you cannot make');
    await page.getByRole('button', { name: 'Leave this event' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab'); // from "Go back" to the button that leaves
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('BUTTON Join this event');
    await office.close();
    await ctx.close();
  });

  it('shows a long list of meetings a page at a time, found by name and by what became of them', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const event = await crowdedEvent(ctx, 60);
    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const rows = page.locator('table.meetings-table tbody tr');
    const shown = page.locator('.meeting-filters + p');
    await expect.poll(() => shown.textContent()).toBe('Showing 50 of 60 meetings.');
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Show 10 more meetings' }).click();
    await expect.poll(() => rows.count()).toBe(60);

    // By name, organisation or city: Rossi 10 meets Zhang 11 and Zhang 13.
    await page.getByLabel('Find a meeting').fill('rossi 10');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.locator('.meeting-who').allTextContents()).toEqual([
      expect.stringContaining('Zhang 11'),
      expect.stringContaining('Zhang 13'),
    ]);
    await page.getByLabel('Find a meeting').fill('');
    const show = page.locator('.meeting-filters select');
    expect(await show.locator('option').allTextContents()).toEqual([
      'all (60)',
      'not placed (57)',
      'placed (3)',
      'in a slot someone cannot make (0)',
    ]);
    await show.selectOption('placed');
    await expect.poll(() => rows.count()).toBe(3);
    await show.selectOption('unplaced');
    await expect.poll(() => shown.textContent()).toBe('Showing 50 of 57 meetings.');

    // Sixty names in the must-meet pickers: typing narrows each, by name, organisation or city.
    const [personA] = await page.locator('.admin form.row select').all();
    await page.getByLabel('Narrow the list of people').fill('rome lab 4');
    await expect
      .poll(() => personA!.locator('option').allTextContents())
      .toEqual(['— 6 found —', ...[4, 40, 42, 44, 46, 48].map((n) => `Rossi ${n} (Rome Lab ${n}, Rome)`)]);
    await shot(page, 'event-meetings-filtered');
    await ctx.close();
  });

  it('lists the participants of a big event a page at a time, found by name, organisation or city', async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer', {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 812 },
    });
    const event = await crowdedEvent(ctx, 60);
    const page = await ctx.newPage();
    await openEvent(page, event.id);
    const rows = page.locator('table.event-people tbody tr');
    const shown = page.locator('.people-filters + p');
    await expect.poll(() => shown.textContent()).toBe('显示 60 位中的 50 位。');
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: '再显示 10 位参与者' }).click();
    await expect.poll(() => rows.count()).toBe(60);
    await page.getByLabel('查找参与者').fill('Yantai Clinic 5');
    // Yantai Clinic 5 and 51 … 59.
    await expect.poll(() => rows.count()).toBe(6);
    await page.getByLabel('查找参与者').fill('烟台');
    await expect.poll(() => shown.textContent()).toBe('显示 30 位中的 30 位。');
    expect(await sidewaysOverflow(page)).toBe(0);
    // Each heading on one line, each row a line or two: squeezed to its narrowest, the name
    // column broke 参与者 into one character a line.
    for (const th of await page.locator('table.event-people th').all())
      expect((await th.boundingBox())!.height).toBeLessThan(40);
    await shot(page, 'event-people-filtered-zh-phone');
    await ctx.close();
  });

  it("words an event without breaks and the meetings table's headings as a reader expects", async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(ctx, {
      name: 'Back to back',
      timeZone: 'Europe/Rome',
      days: ['2027-05-13'],
      windows: [{ start: '09:00', end: '10:00' }],
      slotMinutes: 20,
      breakMinutes: 0,
    });
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    await expect
      .poll(() => page.locator('h1 + p.muted').textContent())
      .toBe('3 slots of 20 minutes back to back, 0 participants');
    expect(await page.locator('table.meetings-table thead th').allTextContents()).toEqual([
      'Who',
      'Slot',
      'Locked',
      'Weight',
      'Session',
      'Actions',
    ]);
    await ctx.close();
  });

  it('tells an attendee whose published meeting was cancelled what it means for them, not what organizers may do', async () => {
    const { ctx: office } = await signedIn((p) => p.role === 'organizer');
    const event = await demoEvent(office);
    expect(
      (
        await office.request.post(`${stage.server.url}/api/events/${event.id}/publish`, {
          headers: { origin: stage.server.url },
        })
      ).status(),
    ).toBe(200);
    const view = (await (await office.request.get(`${stage.server.url}/api/events/${event.id}`)).json()) as {
      meetings: (AdminMeeting & { sessionId: string | null })[];
    };
    const meeting = view.meetings.find((m) => m.sessionId)!;
    const { ctx } = await signedIn((p) => p.id === meeting.people[0]!.id, {
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
    });
    const cancelled = await ctx.request.post(`${stage.server.url}/api/sessions/${meeting.sessionId}/cancel`, {
      headers: { origin: stage.server.url },
    });
    expect(cancelled.status()).toBe(200);
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${event.id}`);
    const unplaced = page
      .locator('section[aria-labelledby=unplaced-title] li')
      .filter({ hasText: meeting.people[1]!.name });
    await expect.poll(() => unplaced.textContent()).toContain('已由您或对方取消；组织者仍可能重新安排');
    expect(await unplaced.textContent()).not.toContain('可重新安排或移除');
    // With Chinese punctuation around the city and before the reason.
    expect(await unplaced.textContent()).toMatch(/（[^（）]+）：已由您或对方取消/);
    await office.close();
    await ctx.close();
  });
  it("shows every zone's windows side by side on a laptop, however many participant cities a zone has", async () => {
    const { ctx } = await signedIn((p) => p.role === 'organizer');
    const id = await createEvent(ctx, {
      name: 'Forum of many cities',
      timeZone: 'Europe/Rome',
      days: ['2027-05-13'],
      windows: [{ start: '09:00', end: '11:00' }],
      slotMinutes: 20,
      breakMinutes: 0,
      parallelLimit: 10,
    });
    const cities = [
      ...['Rome', 'Milan', 'Viterbo', 'Nice', 'Granada', 'Lyon', 'Madrid', 'Brussels'].map(
        (c) => `${c},FR,Europe/Brussels`,
      ),
      ...['Hong Kong', 'Kunming', 'Liuzhou', 'Shanghai', 'Yantai', 'Shenzhen', 'Chengdu'].map(
        (c) => `${c},CN,Asia/Shanghai`,
      ),
      'Urumqi,CN,Asia/Urumqi',
      'Dublin,IE,Europe/Dublin',
      'Lisbon,PT,Europe/Lisbon',
      'Athens,GR,Europe/Athens',
      'Helsinki,FI,Europe/Helsinki',
    ];
    const rows = cities.map((c, i) => `city${i}@forum.example,Person ${i},Office ${i},${c},en`);
    const imported = await ctx.request.post(`${stage.server.url}/api/events/${id}/participants.csv`, {
      data: ['email,name,organisation,city,country,time_zone,languages', ...rows].join('\n'),
      headers: { origin: stage.server.url, 'content-type': 'text/csv' },
    });
    expect(imported.status()).toBe(200);
    const page = await ctx.newPage();
    await page.goto(`${stage.server.url}/events/${id}`);
    const table = page.locator('table.windows');
    await table.getByRole('columnheader').nth(4).waitFor();
    // Dublin and Lisbon keep the same hours, as do Athens and Helsinki: five columns.
    expect(await table.getByRole('columnheader').count()).toBe(5);
    // Nothing to scroll sideways to: the headings break between cities, each city kept whole.
    const wrap = table.locator('xpath=..');
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    const shanghai = table.getByRole('columnheader').filter({ hasText: 'Asia/Shanghai' });
    expect(
      await shanghai.locator('.nowrap').evaluateAll((spans) => spans.map((s) => s.getClientRects().length)),
    ).toEqual(Array(7).fill(1));
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });
});
