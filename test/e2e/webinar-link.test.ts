/**
 * The announcement's link in the browser: a Kunming reader in Chinese follows the mailed link
 * (/webinars?w=ID) and lands on that webinar in the public list, marked and focused, below others;
 * a link to a webinar no longer listed says so. The link never opens the webinar's own page.
 */
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { hasChromium, shot, watchConsole } from './browser';
import { useStage } from './stage';

/** A weekday at least ten days ahead (Tuesday to Thursday, clear of Italian and Chinese holidays). */
function webinarDay(): string {
  const d = new Date(Date.now() + 10 * 86_400_000);
  for (;;) {
    const iso = d.toISOString().slice(0, 10);
    const md = iso.slice(5);
    const holiday = /^(01-0[1-7]|0[45]-0[1-7]|06-02|08-15|10-0[1-8]|11-01|12-08|12-2[4-6])$/.test(md);
    if (d.getUTCDay() >= 2 && d.getUTCDay() <= 4 && !holiday) return iso;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

describe.skipIf(!hasChromium)('the announcement’s link', () => {
  const stage = useStage({ SEED_DEMO: '0', ORGANIZER_EMAILS: 'office@link-e2e.example' });

  it('shows the linked webinar in the list, marked and focused', async () => {
    const officeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    await stage.register(officeCtx.request, {
      name: 'Programme office',
      email: 'office@link-e2e.example',
      organisation: 'IUC Asia programme office',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['en'],
    });
    const hostCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const hostId = await stage.register(hostCtx.request, {
      name: 'Giulia Conti',
      email: 'giulia@link-e2e.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
    });
    const kunmingCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 640 },
    });
    await stage.register(kunmingCtx.request, {
      name: '李娜',
      email: 'li.na@link-e2e.example',
      organisation: '昆明生物医药产业园',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    });

    // Four webinars the same day, an hour apart (some before Rome's working day: set anyway), all
    // inside Kunming's afternoon: the one announced is the latest, last and below the fold on a phone.
    const day = webinarDay();
    const ids: string[] = [];
    for (const [i, hour] of ['09', '08', '07', '06'].entries()) {
      const res = await officeCtx.request.post(`${stage.server.url}/api/sessions`, {
        data: {
          kind: 'webinar',
          title: `Healthy ageing, part ${i + 1}`,
          description: 'Science parks and biotech start-ups. '.repeat(8),
          hosts: [hostId],
          start: `${day}T${hour}:00:00Z`,
          duration: 60,
          outsideHours: true,
        },
        headers: { origin: stage.server.url },
      });
      expect(res.status(), await res.text()).toBe(201);
      ids.push((await res.json()).id);
    }
    const announced = ids[0]!;
    const sent = await officeCtx.request.post(`${stage.server.url}/api/sessions/${announced}/announcement`, {
      headers: { origin: stage.server.url },
    });
    expect(sent.status()).toBe(200);
    const mail = await stage.smtp.waitFor(
      (m) => m.to.includes('li.na@link-e2e.example') && /^网络研讨会：/.test(m.parsed.subject ?? ''),
    );
    const link = /查看并报名：(\S+)/.exec(mail.parsed.text ?? '')![1]!;
    expect(new URL(link).pathname).toBe('/webinars');

    const kunming = await kunmingCtx.newPage();
    const problems = watchConsole(kunming);
    await kunming.goto(link);
    const card = kunming.locator(`#webinar-${announced}`);
    await expect.poll(() => card.getAttribute('aria-current')).toBe('true');
    expect(kunming.url()).toBe(link);
    // Last in the list (the list is in time order), yet in view and focused.
    const order = await kunming.locator('li.card.session').evaluateAll((els) => els.map((e) => e.id));
    expect(order.at(-1)).toBe(`webinar-${announced}`);
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect
      .poll(() => kunming.evaluate(`document.activeElement && document.activeElement.id`))
      .toBe(`webinar-${announced}`);
    const viewport = kunming.viewportSize()!.height;
    await expect.poll(() => card.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    expect(await card.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(viewport);
    // The others are not marked.
    expect(await kunming.locator('li.card.session[aria-current]').count()).toBe(1);
    await shot(kunming, 'webinar-linked-zh-phone');

    // A link to a webinar no longer listed: said so, in Chinese, over the list.
    await kunming.goto(`${stage.server.url}/webinars?w=00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => saying(kunming, 'status').first().textContent()).toContain('已不再接受报名');
    expect(await kunming.locator('li.card.session[aria-current]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
