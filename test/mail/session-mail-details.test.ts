/**
 * What session mails say beyond the time, read from the loopback SMTP server in both parts (text
 * and HTML) and both languages: an update gives the time it had before, a cancellation says who
 * or what cancelled it, and an invite carries the webinar's description (escaped, and cut when long).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX } from '../../src/mail/templates/session';
import { createSmtpSender } from '../../src/mail/transport';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  register,
  type TestApp,
  testClock,
  yantaiPerson,
} from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

// Monday 10 May 2027, 06:00 UTC: Rome is on CEST (UTC+2), Yantai on CST (UTC+8).
async function romeAndYantai() {
  t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z'), mailSender: createSmtpSender(smtp.url) });
  const stamp = Math.random().toString(36).slice(2, 8);
  const rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  const yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`, { locale: 'zh' }));
  return { rome, yantai, stamp };
}

const mailTo = (address: string, subject: RegExp) =>
  smtp.waitFor((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''));
const text = (m: ReceivedMail) => m.parsed.text ?? '';
const html = (m: ReceivedMail) => (m.parsed.html || '') as string;

describe('an update', () => {
  it('gives the time before, in the reader’s zone and language', async () => {
    const { rome, yantai } = await romeAndYantai();
    await connect(t.app, rome, yantai);
    // Tuesday 11 May, 08:00 UTC: 10:00 in Rome, 16:00 in Yantai; moved to Wednesday 08:30 UTC.
    const booked = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-11T08:00:00Z');
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    const moved = await as(
      t.app,
      rome.sid,
    )({ method: 'PATCH', url: `/api/sessions/${id}`, payload: { start: '2027-05-12T08:30:00Z' } });
    expect(moved.statusCode).toBe(200);

    const en = await mailTo(rome.participant.email, /^Updated/);
    expect(text(en)).toContain('Was: Tue, 11 May 2027, 10:00–10:30 (Rome)');
    expect(html(en)).toContain('<p>Was: Tue, 11 May 2027, 10:00–10:30 (Rome)</p>');
    // The Chinese part below, in the same reader's zone.
    expect(text(en)).toContain('原定时间：2027年5月11日周二 10:00–10:30（罗马）');
    // Only the reader's zone is the old time's: Yantai's old time is not in Rome's mail.
    expect(text(en)).not.toContain('Was: Tue, 11 May 2027, 16:00');

    const zh = await mailTo(yantai.participant.email, /^已更新/);
    expect(text(zh)).toContain('原定时间：2027年5月11日周二 16:00–16:30（烟台）');
    expect(html(zh)).toContain('<p>原定时间：2027年5月11日周二 16:00–16:30（烟台）</p>');
    expect(text(zh)).toContain('Was: Tue, 11 May 2027, 16:00–16:30 (Yantai)');
    // The new time is there as before.
    expect(text(zh)).toContain('16:30–17:00（烟台）');

    // A new title at the same time: an update with no "Was" line, and it does not claim a new time.
    const renamed = await as(
      t.app,
      rome.sid,
    )({ method: 'PATCH', url: `/api/sessions/${id}`, payload: { title: 'Vineyard sensors' } });
    expect(renamed.statusCode).toBe(200);
    const retitled = await mailTo(yantai.participant.email, /Vineyard sensors/);
    expect(text(retitled)).toContain('“Vineyard sensors”已更新');
    expect(text(retitled)).toContain('“Vineyard sensors” has changed.');
    expect(text(retitled)).not.toMatch(/原定时间|Was:/);
  });
});

describe('a cancellation', () => {
  it('names the person who cancelled it to the others, and tells them it was themselves', async () => {
    const { rome, yantai } = await romeAndYantai();
    await connect(t.app, rome, yantai);
    const booked = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-11T08:00:00Z');
    const id = booked.json().id as string;
    expect(
      (await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` })).statusCode,
    ).toBe(200);

    const zh = await mailTo(yantai.participant.email, /^已取消/);
    expect(text(zh)).toContain('取消人：Giulia Conti（Smart City Lab of Rome and Lazio）');
    expect(text(zh)).toContain('Cancelled by: Giulia Conti (Smart City Lab of Rome and Lazio)');
    expect(html(zh)).toContain('<p>取消人：Giulia Conti（Smart City Lab of Rome and Lazio）</p>');
    const en = await mailTo(rome.participant.email, /^Cancelled/);
    expect(text(en)).toContain('You cancelled it.');
    expect(text(en)).toContain('此日程由您取消。');
    expect(text(en)).not.toContain('Cancelled by: Giulia');
  });

  it('says an organizer cancelled it without naming them, and an erasure without naming anyone', async () => {
    const { rome, yantai, stamp } = await romeAndYantai();
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    // An organizer's webinar hosted by Rome, Wang registered; the organizer cancels it.
    const webinar = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy cities',
        hosts: [rome.participant.id],
        start: '2027-05-12T08:00:00Z',
        duration: 60,
      },
    });
    expect(webinar.statusCode).toBe(201);
    const wid = webinar.json().id as string;
    expect(
      (await as(t.app, yantai.sid)({ method: 'POST', url: `/api/sessions/${wid}/register` })).statusCode,
    ).toBeLessThan(300);
    expect(
      (await as(t.app, org.sid)({ method: 'POST', url: `/api/sessions/${wid}/cancel` })).statusCode,
    ).toBe(200);
    const zh = await mailTo(yantai.participant.email, /^已取消：Healthy cities/);
    expect(text(zh)).toContain('由项目组织方取消。');
    expect(text(zh)).toContain('Cancelled by the programme’s organizers.');
    expect(text(zh)).not.toContain('Programme office');
    const en = await mailTo(rome.participant.email, /^Cancelled: Healthy cities/);
    expect(html(en)).toContain('<p>Cancelled by the programme’s organizers.</p>');

    // Nice books a meeting with Wang, then erases their account: Wang's mail names nobody.
    const nice = await register(t.app, {
      name: 'Pierre Martin',
      email: `pierre.${stamp}@nice.example`,
      organisation: 'Métropole Nice Côte d’Azur',
      city: 'Nice',
      country: 'FR',
      timeZone: 'Europe/Paris',
    });
    await connect(t.app, nice, yantai);
    const booked = await bookMeeting(t.app, nice.sid, yantai.participant.id, '2027-05-13T08:00:00Z');
    expect(booked.statusCode).toBe(201);
    expect((await as(t.app, nice.sid)({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    const erased = await mailTo(yantai.participant.email, /^已取消：Métropole/);
    expect(text(erased)).toContain('一位参与者注销了账户，此日程因此自动取消。');
    expect(text(erased)).toContain('Cancelled automatically: a participant closed their account.');
    expect(text(erased)).not.toContain('Pierre');
  });
});

describe('a webinar’s invite', () => {
  it('carries its description, escaped in HTML, cut when long with a word about the calendar entry', async () => {
    const { rome, yantai } = await romeAndYantai();
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const create = (title: string, description: string, start: string) =>
      as(
        t.app,
        org.sid,
      )({
        method: 'POST',
        url: '/api/sessions',
        payload: { kind: 'webinar', title, description, hosts: [rome.participant.id], start, duration: 60 },
      });
    const description = 'Sensors <b>&</b> data for healthy streets.\nQuestions welcome: 欢迎提问。';
    const short = await create('Healthy streets', description, '2027-05-12T08:00:00Z');
    expect(short.statusCode).toBe(201);
    const host = await mailTo(rome.participant.email, /^Invitation: Healthy streets/);
    expect(text(host)).toContain(description);
    expect(html(host)).toContain(
      'Sensors &lt;b&gt;&amp;&lt;/b&gt; data for healthy streets.<br>Questions welcome: 欢迎提问。',
    );
    expect(html(host)).not.toContain('<b>&</b>');
    expect(text(host)).not.toContain('The full description is in the calendar entry.');

    // A registrant reading Chinese: the description in the Chinese part as in the English one.
    const wid = short.json().id as string;
    await as(t.app, yantai.sid)({ method: 'POST', url: `/api/sessions/${wid}/register` });
    const registered = await mailTo(yantai.participant.email, /^已报名：Healthy streets/);
    const zhPart = text(registered).split('----------------------------------------')[0]!;
    expect(zhPart).toContain('Questions welcome: 欢迎提问。');

    // A long one (a Chinese text has no spaces to cut at): cut, with the rest left to the calendar.
    const long = '城市更新与健康。'.repeat(120);
    expect(Array.from(long).length).toBeGreaterThan(DESCRIPTION_MAX);
    const longOne = await create('Long talk', long, '2027-05-13T08:00:00Z');
    expect(longOne.statusCode).toBe(201);
    const cut = await mailTo(rome.participant.email, /^Invitation: Long talk/);
    const kept = Array.from(long).slice(0, DESCRIPTION_MAX).join('');
    expect(text(cut)).toContain(`${kept}…`);
    expect(text(cut)).not.toContain(long);
    expect(text(cut)).toContain('The full description is in the calendar entry.');
    expect(text(cut)).toContain('完整介绍见日历条目。');
    // The calendar entry has it all.
    const ics = cut.parsed.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8');
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain(long);
  });
});

describe('a webinar’s announcement', () => {
  it('links to the webinar in the public list, not to the list alone nor to its own page', async () => {
    const { rome, yantai, stamp } = await romeAndYantai();
    const nice = await register(t.app, {
      name: 'Pierre Martin',
      email: `pierre.${stamp}@nice.example`,
      city: 'Nice',
      country: 'FR',
      timeZone: 'Europe/Paris',
    });
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const created = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy streets',
        hosts: [rome.participant.id],
        start: '2027-05-12T08:00:00Z',
        duration: 60,
      },
    });
    const id = created.json().id as string;
    const sent = await as(t.app, org.sid)({ method: 'POST', url: `/api/sessions/${id}/announcement` });
    // Nice, Yantai and the office itself: 10:00 in Nice and Rome, 16:00 in Yantai.
    expect(sent.json()).toEqual({ sent: 3 });
    const link = `http://twinning.test/webinars?w=${id}`;
    const en = await mailTo(nice.participant.email, /^Webinar: Healthy streets/);
    expect(text(en)).toContain(`See it and register: ${link}\n`);
    expect(text(en)).toContain(`查看并报名：${link}\n`);
    expect(html(en)).toContain(`href="${link}"`);
    const zh = await mailTo(yantai.participant.email, /^网络研讨会：Healthy streets/);
    expect(text(zh)).toContain(`查看并报名：${link}\n`);
    expect(html(zh)).toContain(`href="${link}"`);
    expect(text(zh)).not.toContain(`/sessions/${id}`);
  });
});

describe('an event’s meetings', () => {
  it('moved by publishing: the time before; cancelled by publishing or removal: the organizers', async () => {
    t = await makeTestApp({
      clock: testClock('2027-05-03T06:00:00Z'),
      mailSender: createSmtpSender(smtp.url),
    });
    const stamp = Math.random().toString(36).slice(2, 8);
    const org = as(t.app, (await register(t.app, { email: 'organizer@twinning.test', name: 'Office' })).sid);
    const people: { r: Awaited<ReturnType<typeof register>>; y: Awaited<ReturnType<typeof register>> }[] = [];
    for (const i of [0, 1]) {
      const r = await register(t.app, { name: `Rome ${i}`, email: `rome${i}.${stamp}@example.org` });
      const y = await register(
        t.app,
        yantaiPerson(`yantai${i}.${stamp}@example.org`, { name: `烟台 ${i}`, locale: 'zh' }),
      );
      people.push({ r, y });
    }
    // Two mornings in Rome, 09:00–11:00 (CEST), 20-minute slots: 15:00–17:00 in Yantai.
    const id = (
      await org({
        method: 'POST',
        url: '/api/events',
        payload: {
          name: 'Healthy Cities matchmaking',
          timeZone: 'Europe/Rome',
          days: ['2027-05-11', '2027-05-12'],
          windows: [{ start: '09:00', end: '11:00' }],
          slotMinutes: 20,
          breakMinutes: 0,
          parallelLimit: 2,
        },
      })
    ).json().id as string;
    for (const { r, y } of people) {
      for (const p of [r, y])
        expect((await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` })).statusCode).toBe(
          204,
        );
      await connect(t.app, r, y);
    }
    const meetingOf = async (i: number) =>
      (
        (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings as {
          id: string;
          slot: string | null;
          people: { id: string }[];
        }[]
      ).find((m) => m.people.some((p) => p.id === people[i]!.y.participant.id))!;
    const place = async (i: number, slot: string | null) =>
      expect(
        (
          await org({
            method: 'PATCH',
            url: `/api/events/${id}/meetings/${(await meetingOf(i)).id}`,
            payload: { slot },
          })
        ).statusCode,
      ).toBe(200);
    // The accepted requests become the event's meetings; the organizer places them by hand.
    await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    await place(0, '2027-05-11T09:00');
    await place(1, '2027-05-11T09:20');
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 2,
    });

    // Meeting 0 moves to the next morning: its update gives the old time.
    await place(0, '2027-05-12T10:00');
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      moved: 1,
    });
    const moved = await mailTo(people[0]!.y.participant.email, /^已更新/);
    expect(text(moved)).toContain('原定时间：2027年5月11日周二 15:00–15:20（烟台）');
    expect(text(moved)).toContain('Was: Tue, 11 May 2027, 15:00–15:20 (Yantai)');
    const movedEn = await mailTo(people[0]!.r.participant.email, /^Updated/);
    expect(text(movedEn)).toContain('Was: Tue, 11 May 2027, 09:00–09:20 (Rome)');

    // Meeting 1 taken off the schedule and published: cancelled by the event's organizers.
    await place(1, null);
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      cancelled: 1,
    });
    const dropped = await mailTo(people[1]!.y.participant.email, /^已取消/);
    expect(text(dropped)).toContain('活动组织方发布了新的日程安排，其中不再包含此会议。');
    expect(text(dropped)).toContain('their new schedule no longer includes this meeting.');
    expect(text(dropped)).not.toMatch(/Office|取消人/);

    // Meeting 0 removed from the event: so said.
    expect(
      (await org({ method: 'DELETE', url: `/api/events/${id}/meetings/${(await meetingOf(0)).id}` }))
        .statusCode,
    ).toBeLessThan(300);
    const removed = await mailTo(people[0]!.r.participant.email, /^Cancelled/);
    expect(text(removed)).toContain('The event’s organizers removed this meeting from the event.');
    expect(text(removed)).toContain('活动组织方已将此会议从活动中移除。');
  });
});
