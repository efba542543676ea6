/**
 * Answering what came of a meeting from the mailed link, on a 375-px phone in Chinese: the real
 * server mails the question when it finds the ended meeting (here on its first pass after a
 * restart), the link opens a page that has saved nothing, and one press saves the answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

const PHONE = { width: 375, height: 740 };

describe.skipIf(!hasChromium)('the outcome of a meeting', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-outcome-')), 'e2e.db');
  const stage = useStage({ DATABASE_URL: `file:${file}`, SEED_DEMO: '0', AFTER_MEETING_POLL_MS: '200' });

  it('is answered in Chinese on a phone with one press from the mailed link', async () => {
    const ctx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
    });
    const stamp = Date.now().toString(36);
    const wang = await stage.register(ctx.request, {
      name: '王磊',
      email: `wang.${stamp}@ytu.example`,
      organisation: '烟台大学',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    });
    const giulia = await stage.register(ctx.request, {
      name: 'Giulia Conti',
      email: `giulia.${stamp}@lazio.example`,
      organisation: 'Smart City Lab of Rome and Lazio',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
    });
    // A meeting that ended an hour ago, written straight into the database: the real clock
    // cannot be waited for. The server finds it on the first pass after it starts again.
    const db = new Database(file);
    const end = Date.now() - 60 * 60_000;
    const start = end - 30 * 60_000;
    const id = `e2e-${stamp}`;
    db.prepare(
      `insert into sessions (id, kind, title, description, start_at, end_at, status, sequence, uid, video_room, created_by, created_at, updated_at)
       values (?, 'meeting', ?, '', ?, ?, 'confirmed', 0, ?, 'room', ?, ?, ?)`,
    ).run(id, '葡萄酒科学合作', start, end, `${id}@e2e`, giulia, start - 86_400_000, start - 86_400_000);
    for (const p of [wang, giulia]) {
      db.prepare(
        `insert into session_people (session_id, participant_id, role, partstat, start_at, end_at, active)
         values (?, ?, 'host', 'ACCEPTED', ?, ?, 1)`,
      ).run(id, p, start, end);
    }
    db.close();
    await stage.restart();

    const mail = await stage.smtp.waitFor(
      (m) => m.to.includes(`wang.${stamp}@ytu.example`) && /\/outcome\?/.test(m.parsed.text ?? ''),
    );
    expect(mail.parsed.subject).toMatch(/^会议成果如何？/);
    const links = [...(mail.parsed.text ?? '').matchAll(/(http:\/\/[^\s]+\/outcome\?[^\s]+)/g)].map(
      (m) => m[1]!,
    );
    const link = links.find((l) => l.includes('result=cooperation-possible'))!;

    const page = await ctx.newPage();
    const problems = watchConsole(page);
    // Before anyone answered, the session page of the other person (this context signed in last
    // as Giulia): nobody came to the lobby, so both are absent, and one press offers a new
    // booking with Wang.
    await page.goto(`${stage.server.url}/sessions/${id}`);
    await page.getByRole('heading', { name: '到会情况' }).waitFor();
    expect(await page.getByText('未出席').count()).toBe(2);
    // A host reads the lobby's log too, under a heading of its own: two cards headed alike
    // ("Who came" twice in English) read as one thing said twice.
    await page.getByRole('heading', { name: '会议大厅进出记录' }).waitFor();
    const headings = await page.locator('main h2').allTextContents();
    expect(new Set(headings).size).toBe(headings.length);
    const again = page.getByRole('link', { name: '再次与 王磊 预约' });
    expect(await again.getAttribute('href')).toBe(`/schedule?with=${wang}`);
    await shot(page, 'session-nobody-came-zh-phone');

    await page.goto(link);
    await page.getByRole('heading', { name: '会议成果如何？' }).waitFor();
    await page.getByText('葡萄酒科学合作').waitFor();
    // Opening the link saved nothing.
    const before = await ctx.request.get(
      `${stage.server.url}/api/sessions/${id}/question?kind=outcome&${new URL(link).search.slice(1).replace('p=', 'participantId=').replace('t=', 'token=')}`,
    );
    expect((await before.json()).result).toBeNull();
    expect(await page.getByRole('radio', { name: '有合作可能' }).isChecked()).toBe(true);
    await page.getByLabel('备注（可选）').fill('计划在烟台开设联合暑期学校');
    expect(await unnamedControls(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page, { all: true })).toEqual([]);
    await page.getByRole('button', { name: '提交我的回答' }).click();
    await page.getByText('谢谢，您的回答已保存。').waitFor();
    await shot(page, 'outcome-zh-phone');
    const after = await ctx.request.get(
      `${stage.server.url}/api/sessions/${id}/question?kind=outcome&${new URL(link).search.slice(1).replace('p=', 'participantId=').replace('t=', 'token=')}`,
    );
    expect(await after.json()).toMatchObject({
      result: 'cooperation-possible',
      note: '计划在烟台开设联合暑期学校',
    });

    // A changed link: the page says so, with a 400, and offers nothing to press.
    const bad = link.replace(/t=([^&]+)/, 't=AAAA$1');
    const response = await page.goto(bad);
    expect(response?.status()).toBe(400);
    await page.getByText('此链接无效').waitFor();
    expect(await page.getByRole('button', { name: '提交我的回答' }).count()).toBe(0);
    await shot(page, 'outcome-bad-link-zh-phone');
    expect(problems.filter((p) => !/400/.test(p))).toEqual([]);

    // Once Wang answered that it went well, the two met, if not in the lobby: nobody reads as
    // absent, and no new booking is offered in place of a meeting that took place.
    await page.goto(`${stage.server.url}/sessions/${id}`);
    await page.getByRole('heading', { name: '到会情况' }).waitFor();
    expect(await page.getByText('王磊：有合作可能').count()).toBe(1);
    expect(await page.getByText('未进入大厅').count()).toBe(2);
    await page.getByText('王磊：未进入大厅').waitFor();
    expect(await page.getByText('未出席').count()).toBe(0);
    await page.getByText('据回答，会议已举行，是在大厅之外进行的。').waitFor();
    expect(await page.getByRole('link', { name: '再次与 王磊 预约' }).count()).toBe(0);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page, { all: true })).toEqual([]);
    await shot(page, 'session-after-zh-phone');
    await ctx.close();
    // A restart of the server and a browser's pages: minutes on a busy machine.
  }, 240_000);
});
