/**
 * The organizer's day in the browser: the overview, people searched and imported from CSV (a bad
 * file refused line by line, nothing lost), a webinar created with a host picked by name (a time
 * outside her hours refused next to the field, the form kept), a Kunming participant on a phone in
 * Chinese finding it and registering from the keyboard, invites and an update after a reschedule
 * reaching the mail server, and the lists of sessions and requests.
 */
import { describe, expect, it } from 'vitest';
import { saying } from './announced';
import { hasChromium, shot, sidewaysOverflow, tabTo, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

/** Public holidays in Italy that a weekday ahead may fall on (the host works in Rome). */
const ITALIAN_HOLIDAYS =
  /-(01-01|01-06|04-25|05-01|06-02|08-15|11-01|12-08|12-2[4-6])$|^(2027-03-29|2028-04-17)$/;

/** A Tuesday to Thursday at least ten days ahead that is not an Italian holiday. */
function webinarDay(): string {
  const d = new Date(Date.now() + 10 * 86_400_000);
  for (;;) {
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() >= 2 && d.getUTCDay() <= 4 && !ITALIAN_HOLIDAYS.test(iso)) return iso;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

describe.skipIf(!hasChromium)('organizers in the browser', () => {
  const stage = useStage({ SEED_DEMO: '0', ORGANIZER_EMAILS: 'office@iuc-e2e.example' });

  it('runs the programme: people, a webinar, registrations, sessions and requests', async () => {
    const officeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const office = await officeCtx.newPage();
    // The refusals this test provokes (a bad CSV row, a time outside the host's hours, an http
    // video link) are 422s and a 400.
    const officeProblems = watchConsole(office, [/status of 422/, /status of 400/]);
    await stage.register(office.request, {
      name: 'IUC programme office',
      email: 'office@iuc-e2e.example',
      organisation: 'IUC Asia programme office',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['en', 'it'],
    });
    const hostCtx = await stage.browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const giuliaId = await stage.register(hostCtx.request, {
      name: 'Giulia Conti',
      email: 'giulia@lazio-e2e.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
      sectors: ['biotechnology'],
    });
    const kunmingCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 760 },
    });
    await stage.register(kunmingCtx.request, {
      name: '李娜',
      email: 'li.na@kunming-e2e.example',
      organisation: '昆明高新区生物医药产业园',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      sectors: ['biotechnology'],
      locale: 'zh',
    });
    const asked = await kunmingCtx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: giuliaId, message: '希望交流生物医药园区的合作经验' },
      headers: { origin: stage.server.url },
    });
    expect(asked.status()).toBe(201);

    // The overview counts everyone, and every section is one link away.
    await office.goto(`${stage.server.url}/admin`);
    await expect.poll(() => office.locator('.stat').first().textContent()).toContain('3');
    await expect
      .poll(() => office.getByRole('link', { name: /Requests awaiting an answer/ }).textContent())
      .toContain('1');
    expect(await unnamedControls(office)).toEqual([]);
    await shot(office, 'admin-en');

    // People: search, then a CSV with one bad row is refused line by line, and a good one registers.
    await office
      .getByRole('navigation', { name: 'Organizer pages' })
      .getByRole('link', { name: 'Participants' })
      .click();
    await office.waitForURL('**/admin/participants');
    await office.getByLabel('Search').fill('kunming');
    await expect.poll(() => office.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => office.locator('tbody tr').textContent()).toContain('li.na@kunming-e2e.example');
    await office.getByLabel('Search').fill('');
    const csv = (rows: string[]) => ({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['email,name,organisation,city,country,time_zone,languages', ...rows].join('\n')),
    });
    const upload = office.getByLabel('Register people from CSV');
    await upload.setInputFiles(
      csv([
        'claire@nice-e2e.example,Claire Dubois,Nice Côte d’Azur Metropolis,Nice,FR,Europe/Paris,fr; en',
        'zhou@liuzhou-e2e.example,周强,柳州市卫健委,Liuzhou,CN,Asia/Liuzhou,zh',
      ]),
    );
    const refusal = saying(office, 'alert');
    await expect.poll(() => refusal.textContent()).toContain('line 3');
    await expect.poll(() => refusal.textContent()).toContain('time zone');
    await expect.poll(() => office.locator('tbody tr').count()).toBe(3);
    await upload.setInputFiles(
      csv([
        'claire@nice-e2e.example,Claire Dubois,Nice Côte d’Azur Metropolis,Nice,FR,Europe/Paris,fr; en',
        'zhou@liuzhou-e2e.example,周强,柳州市卫健委,Liuzhou,CN,Asia/Shanghai,zh',
      ]),
    );
    await expect.poll(() => saying(office, 'status').textContent()).toContain('2 registered');
    await expect.poll(() => office.locator('tbody tr').count()).toBe(5);
    const exported = await office.request.get(`${stage.server.url}/api/admin/participants.csv`);
    expect(await exported.text()).toContain('"zhou@liuzhou-e2e.example","周强"');
    await shot(office, 'admin-participants-en');

    // A webinar: Giulia hosts. 23:00 in Rome is outside her hours: refused next to the time, and
    // what was typed stays.
    const day = webinarDay();
    await office.goto(`${stage.server.url}/webinars`);
    await office.getByRole('button', { name: 'New webinar' }).click();
    await office.getByLabel('Title').fill('Healthy ageing: Rome and Kunming science parks');
    await office.getByLabel('What it is about').fill('How two science parks host biotech start-ups.');
    await office.getByLabel('Add a host by name').fill('Giulia');
    await office.getByRole('button', { name: '+ Giulia Conti' }).click();
    await office.getByLabel('Date').fill(day);
    await office.getByLabel('Start (Europe/Rome)').fill('23:00');
    await office.getByRole('button', { name: 'Create and invite the hosts' }).click();
    const timeError = office
      .locator('.field.has-error')
      .filter({ has: office.getByLabel('Start (Europe/Rome)') });
    await expect.poll(() => timeError.textContent()).toContain('Giulia Conti (Rome)');
    expect(await office.getByLabel('Title').inputValue()).toBe(
      'Healthy ageing: Rome and Kunming science parks',
    );
    // The warning offers to set it anyway; here the organizer moves it instead.
    await expect.poll(() => office.getByLabel(/Set it at this time anyway/).count()).toBe(1);
    await shot(office, 'webinar-refused-en');
    await office.getByLabel('Start (Europe/Rome)').fill('10:00');
    await office.getByRole('button', { name: 'Create and invite the hosts' }).click();
    await office.waitForURL(/\/sessions\/[0-9a-f-]+\?created=1$/);
    const webinarId = new URL(office.url()).pathname.split('/').pop()!;
    await expect.poll(() => saying(office, 'status').first().textContent()).toContain('Webinar created');
    await expect
      .poll(() => office.getByRole('heading', { level: 1 }).textContent())
      .toContain('Healthy ageing: Rome and Kunming science parks');
    await stage.smtp.waitFor(
      (m) => m.to.includes('giulia@lazio-e2e.example') && /METHOD:REQUEST/.test(m.raw),
    );

    // Li Na, in Kunming, in Chinese on a phone: finds it in her own time and registers by keyboard.
    const kunming = await kunmingCtx.newPage();
    const kunmingProblems = watchConsole(kunming);
    await kunming.goto(`${stage.server.url}/webinars`);
    const card = kunming.locator('li.card').filter({ hasText: 'Healthy ageing' });
    await expect.poll(() => card.textContent()).toContain('Rome');
    // The host's city in Chinese (the title stays as the organizer wrote it).
    expect(await card.textContent()).toContain('罗马');
    expect(await kunming.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await tabTo(kunming, '报名参加 Healthy ageing: Rome and Kunming science parks')).toBe(true);
    await kunming.keyboard.press('Enter');
    await expect.poll(() => saying(kunming, 'status').textContent()).toContain('您已报名');
    await expect.poll(() => card.textContent()).toContain('已报名');
    expect(await sidewaysOverflow(kunming)).toBeLessThanOrEqual(0);
    expect(await unnamedControls(kunming)).toEqual([]);
    await shot(kunming, 'webinars-zh-phone');
    await stage.smtp.waitFor(
      (m) =>
        m.to.includes('li.na@kunming-e2e.example') &&
        /METHOD:REQUEST/.test(m.raw) &&
        /SEQUENCE:0/.test(m.raw),
    );

    // The organizer moves it an hour later by hand; Li Na gets the update.
    await office.reload();
    await office.getByRole('button', { name: 'Reschedule' }).click();
    await expect
      .poll(() => office.getByRole('heading', { name: 'Times that suit most registrants' }).count())
      .toBe(1);
    const moveForm = office
      .locator('form')
      .filter({ has: office.getByRole('heading', { name: 'Or choose a time' }) });
    await moveForm.getByLabel('Start (Europe/Rome)').fill('11:00');
    await expect.poll(() => moveForm.locator('.help').textContent()).toContain('Kunming');
    await moveForm.getByRole('button', { name: 'Move here' }).click();
    await expect.poll(() => saying(office, 'status').textContent()).toContain('Moved');
    await stage.smtp.waitFor(
      (m) =>
        m.to.includes('li.na@kunming-e2e.example') &&
        /METHOD:REQUEST/.test(m.raw) &&
        /SEQUENCE:1/.test(m.raw),
    );
    await shot(office, 'session-webinar-en');

    // The call's link: an http link is refused next to the field, an https one is kept.
    const link = office.getByLabel('Video link (optional)');
    await link.fill('http://meeting.example/insecure');
    await office.getByRole('button', { name: 'Save' }).click();
    const linkField = office.locator('.field.has-error').filter({ has: link });
    await expect.poll(() => linkField.count()).toBe(1);
    expect(await link.inputValue()).toBe('http://meeting.example/insecure');
    await link.fill('https://meeting.tencent.com/dm/healthy-ageing');
    await office.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => saying(office, 'status').textContent()).toContain('Saved');
    expect(await link.inputValue()).toBe('https://meeting.tencent.com/dm/healthy-ageing');

    // Her page for it: her own time and Rome's, her answer.
    await kunming.goto(`${stage.server.url}/sessions/${webinarId}`);
    await kunming.getByRole('button', { name: '参加', exact: true }).click();
    await expect.poll(() => saying(kunming, 'status').textContent()).toContain('已保存');
    expect(await sidewaysOverflow(kunming)).toBeLessThanOrEqual(0);
    // Her city and the host's, in Chinese.
    expect(await kunming.locator('main').textContent()).toContain('昆明');
    expect(await kunming.locator('main').textContent()).toContain('罗马');
    // …on one line each: the narrow column does not break a city name into single characters.
    const lines = await kunming.evaluate(
      `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('table.people-times tbody td:nth-child(2)')); return r.getClientRects().length })()`,
    );
    expect(lines).toBe(1);
    await shot(kunming, 'session-zh-phone');

    // Sessions and requests lists, and the overview in Chinese.
    await office.goto(`${stage.server.url}/admin/sessions`);
    const row = office.locator('tbody tr').filter({ hasText: 'Healthy ageing' });
    await expect.poll(() => row.textContent()).toContain('Giulia Conti (Rome)');
    expect(await row.locator('td').last().textContent()).toBe('2');
    // From the day after, in Rome: nothing left.
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await office.getByLabel('From (default: yesterday)').fill(next);
    await expect.poll(() => office.locator('tbody tr').count()).toBe(0);
    await office.goto(`${stage.server.url}/admin/requests`);
    await expect.poll(() => office.locator('tbody tr').first().textContent()).toContain('李娜');
    await office.getByLabel('Show').selectOption('accepted');
    await expect.poll(() => office.locator('tbody tr').count()).toBe(0);
    await office.goto(`${stage.server.url}/admin`);
    await office.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => office.getByRole('heading', { level: 1 }).textContent()).toBe('项目概览');
    expect(await office.evaluate('document.documentElement.lang')).toBe('zh-CN');
    // People counted by country, the countries named in Chinese.
    await expect.poll(() => office.locator('a.stat').first().textContent()).toContain('意大利');
    await shot(office, 'admin-zh');

    expect(officeProblems).toEqual([]);
    expect(kunmingProblems).toEqual([]);
    await officeCtx.close();
    await hostCtx.close();
    await kunmingCtx.close();
  }, 120_000);
});
