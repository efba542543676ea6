/**
 * What the lobby says to whom, in real browsers: past the start time a host reads that they start
 * when ready (not that they wait for a host), an attendee still waits; someone a host removed
 * from a webinar, coming back, reads that they were removed (the refused upgrade's 403 is not
 * readable by the page) and so does a stranger to the session, instead of "Connecting…" for ever.
 * English on a laptop and on a phone, Chinese on a phone; every state checked with axe.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

const PHONE = { width: 375, height: 800 };
const LAPTOP = { width: 1280, height: 800 };

// A shared machine under load: pages may take several seconds to answer.
vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

/** No axe violation, no unnamed control, nothing scrolling sideways. */
async function clean(page: Page, label: string): Promise<void> {
  expect((await axeViolations(page)).map((v) => `${label}: ${v}`)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
}

describe.skipIf(!hasChromium)('the lobby’s words for hosts, attendees, the removed and strangers', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-lobby-words-')), 'e2e.db');
  const stage = useStage({ DATABASE_URL: `file:${file}`, SEED_DEMO: '0' });
  const stamp = Date.now().toString(36);
  const people = {
    rome: {
      name: 'Giulia Conti',
      email: `giulia.${stamp}@lazio.example`,
      organisation: 'Smart City Lab of Rome and Lazio',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
      locale: 'en',
    },
    yantai: {
      name: '王磊',
      email: `wang.${stamp}@ytu.example`,
      organisation: '烟台大学',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    },
    kunming: {
      name: 'Li Na',
      email: `li.na.${stamp}@kib.example`,
      organisation: 'Kunming Institute of Botany',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      locale: 'en',
    },
    nice: {
      name: 'Pierre Martin',
      email: `pierre.${stamp}@nice.example`,
      organisation: 'Métropole Nice Côte d’Azur',
      city: 'Nice',
      country: 'FR',
      timeZone: 'Europe/Paris',
      languages: ['fr', 'en'],
      locale: 'en',
    },
  };

  type Browsing = Awaited<ReturnType<typeof browse>>;
  async function browse(lang: 'en-GB' | 'zh-CN', zone: string, viewport: typeof PHONE) {
    const ctx = await stage.browser.newContext({ locale: lang, timezoneId: zone, viewport });
    const page = await ctx.newPage();
    // Refused upgrades are logged by the browser, and so are the session page's 404s and the
    // requests made while offline.
    const problems = watchConsole(page, [/WebSocket/, /404/, /ERR_INTERNET_DISCONNECTED/]);
    return { ctx, page, problems };
  }

  /**
   * A session that started five minutes ago, written straight into the database: booking refuses
   * a start in the past, and the real clock cannot be waited for.
   */
  function startedSession(kind: 'meeting' | 'webinar', title: string, hosts: string[], attendees: string[]) {
    const db = new Database(file);
    const start = Math.floor(Date.now() / 300_000) * 300_000 - 5 * 60_000;
    const end = start + 60 * 60_000;
    const id = `e2e-${kind}-${stamp}`;
    db.prepare(
      `insert into sessions (id, kind, title, description, start_at, end_at, status, sequence, uid, video_room, created_by, created_at, updated_at)
       values (?, ?, ?, '', ?, ?, 'confirmed', 0, ?, 'room', ?, ?, ?)`,
    ).run(id, kind, title, start, end, `${id}@e2e`, hosts[0], start - 86_400_000, start - 86_400_000);
    const person = db.prepare(
      `insert into session_people (session_id, participant_id, role, partstat, start_at, end_at, active)
       values (?, ?, ?, 'ACCEPTED', ?, ?, 1)`,
    );
    for (const p of hosts) person.run(id, p, 'host', start, end);
    for (const p of attendees) person.run(id, p, 'attendee', start, end);
    db.close();
    return id;
  }

  let rome: Browsing;
  let yantai: Browsing;
  const ids = { rome: '', yantai: '' };

  it('past the start, tells hosts to start when ready, in English and Chinese, on a laptop and a phone', async () => {
    rome = await browse('en-GB', 'Europe/Rome', LAPTOP);
    yantai = await browse('zh-CN', 'Asia/Shanghai', PHONE);
    ids.rome = await stage.register(rome.page.request, people.rome);
    ids.yantai = await stage.register(yantai.page.request, people.yantai);
    // A 1:1 meeting: both are its hosts.
    const id = startedSession('meeting', 'Healthy cities: Rome and Yantai', [ids.rome, ids.yantai], []);

    await rome.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    const romeStatus = rome.page.locator('.lobby-status');
    await expect
      .poll(() => romeStatus.textContent())
      .toBe('Start the meeting when you are ready; the others will get the video link.');
    expect(await rome.page.getByText('Waiting for a host').count()).toBe(0);
    expect(await rome.page.getByRole('button', { name: 'Start the session' }).isEnabled()).toBe(true);
    await clean(rome.page, 'host lobby en laptop');
    await shot(rome.page, 'lobby-host-ready-en');
    await rome.page.setViewportSize(PHONE);
    await clean(rome.page, 'host lobby en phone');
    await shot(rome.page, 'lobby-host-ready-en-phone');

    await yantai.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    await expect
      .poll(() => yantai.page.locator('.lobby-status').textContent())
      .toBe('准备好后请开始会议，其他参会者将收到视频链接。');
    expect(await yantai.page.getByText('等待主持人开始').count()).toBe(0);
    await clean(yantai.page, 'host lobby zh phone');
    await shot(yantai.page, 'lobby-host-ready-zh-phone');

    expect(rome.problems).toEqual([]);
    expect(yantai.problems).toEqual([]);
    await rome.page.setViewportSize(LAPTOP);
  }, 180_000);

  it('keeps trying while the network is down, and comes in once it is back', async () => {
    await yantai.page.goto(`${stage.server.url}/schedule`);
    const link = yantai.page.getByRole('link', { name: '会议大厅' }).first();
    await link.waitFor();
    await yantai.ctx.setOffline(true);
    await link.click();
    await expect.poll(() => yantai.page.getByText('正在连接…').count()).toBe(1);
    // Several attempts fail, each followed by a question the session's page cannot answer either.
    await yantai.page.waitForTimeout(4_000);
    expect(await saying(yantai.page, 'alert').count()).toBe(0);
    expect(await yantai.page.getByText('正在连接…').count()).toBe(1);
    await yantai.ctx.setOffline(false);
    await expect
      .poll(() => yantai.page.locator('.lobby-status').textContent())
      .toBe('准备好后请开始会议，其他参会者将收到视频链接。');
    expect(await saying(yantai.page, 'alert').count()).toBe(0);
  }, 120_000);

  it('keeps attendees waiting for the host; says plainly to the removed and to strangers that they cannot enter', async () => {
    const host = rome;
    const kunming = await browse('en-GB', 'Asia/Shanghai', PHONE);
    const nice = await browse('en-GB', 'Europe/Paris', LAPTOP);
    const kunmingId = await stage.register(kunming.page.request, people.kunming);
    await stage.register(nice.page.request, people.nice);
    const id = startedSession(
      'webinar',
      'Urban forests in Kunming and Rome',
      [ids.rome],
      [ids.yantai, kunmingId],
    );

    await host.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    await expect
      .poll(() => host.page.locator('.lobby-status').textContent())
      .toBe('Start the webinar when you are ready; everyone you let in will get the video link.');

    // Attendees still wait for the host, in either language.
    await yantai.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    await expect.poll(() => yantai.page.locator('.lobby-status').textContent()).toBe('等待主持人开始。');
    await kunming.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    await expect
      .poll(() => kunming.page.locator('.lobby-status').textContent())
      .toBe('Waiting for a host to start.');
    await clean(kunming.page, 'attendee lobby en phone');

    // The host lets both in, then removes them.
    const line = (name: string) => host.page.locator('li.lobby-person').filter({ hasText: name });
    await host.page.getByRole('button', { name: 'Admit all 2' }).click();
    for (const name of [people.yantai.name, people.kunming.name]) {
      await line(name).getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => line(name).count()).toBe(0);
    }
    await clean(host.page, 'host lobby webinar en');
    await shot(host.page, 'lobby-host-webinar-en');

    // Coming back, each reads why, with the way back, and nothing that promises a connection.
    for (const [who, text, back] of [
      [
        kunming,
        'A host removed you from this session’s lobby; you cannot enter it again.',
        'Back to my schedule',
      ],
      [yantai, '主持人已将您移出此会议大厅，您无法再次进入。', '返回我的日程'],
    ] as const) {
      await expect.poll(() => saying(who.page, 'alert').first().textContent()).toBe(text);
      await who.page.reload();
      await expect.poll(() => saying(who.page, 'alert').first().textContent()).toBe(text);
      expect(await who.page.getByText(/Connecting|正在连接/).count()).toBe(0);
      expect(await who.page.getByRole('link', { name: back }).getAttribute('href')).toBe('/schedule');
    }
    await clean(kunming.page, 'removed lobby en phone');
    await shot(kunming.page, 'lobby-removed-en-phone');
    await clean(yantai.page, 'removed lobby zh phone');
    await shot(yantai.page, 'lobby-removed-zh-phone');
    // And it stops knocking: a refused upgrade every 30 s would only be refused again.
    const knocks: string[] = [];
    kunming.page.on('websocket', (ws) => knocks.push(ws.url()));
    await kunming.page.waitForTimeout(3_000);
    expect(knocks).toEqual([]);

    // Someone the session is not theirs.
    await nice.page.goto(`${stage.server.url}/sessions/${id}/lobby`);
    await expect
      .poll(() => saying(nice.page, 'alert').first().textContent())
      .toBe('This session does not exist, or you are not one of its people.');
    await clean(nice.page, 'stranger lobby en');
    await shot(nice.page, 'lobby-stranger-en');

    for (const b of [host, yantai, kunming, nice]) {
      expect(b.problems).toEqual([]);
      await b.ctx.close();
    }
  }, 240_000);
});
