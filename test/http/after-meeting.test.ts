/**
 * Reminders before sessions, attendance after them, and what came of them: with an injected clock
 * that the tests move, and the job's passes run by hand after each move.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { endStay, insertStay } from '../../src/db/lobby.repo';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const QUIET = { AFTER_MEETING_POLL_MS: '60000' };

async function mails(app: TestApp['app'], email: string, kind: string) {
  return (await app.services.dev.mailbox(email, 200)).filter((m) => m.kind === kind);
}

/** Moves the clock and runs one pass of the job, as the timer would. */
async function at(iso: string) {
  t.clock.set(iso);
  return t.app.afterMeeting.runOnce();
}

async function cast(startIso: string) {
  const { rome, yantai, nice } = await romeYantaiNice(t.app);
  await connect(t.app, rome, yantai);
  const res = await bookMeeting(t.app, rome.sid, yantai.participant.id, startIso);
  expect(res.statusCode, res.body).toBe(201);
  return { rome, yantai, nice, id: res.json().id as string };
}

describe('reminders', () => {
  it('reminds both people a day and 15 minutes before, in their zones, across Europe’s spring change (Sunday 28 March 2027)', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-03-25T09:00:00Z') });
    await t.app.afterMeeting.runOnce();
    // Booked in winter time for Tuesday 30 March 2027 (Easter Monday is a holiday in Rome),
    // 07:30 UTC: 09:30 in Rome (CEST since Sunday), 15:30 in Yantai.
    const { rome, yantai } = await cast('2027-03-30T07:30:00Z');
    await at('2027-03-29T07:29:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(0);
    // A day before is 24 real hours: Monday 09:30 in Rome.
    await at('2027-03-29T07:30:10Z');
    const [romeDay] = await mails(t.app, rome.participant.email, 'session-reminder');
    const [yantaiDay] = await mails(t.app, yantai.participant.email, 'session-reminder');
    expect(romeDay?.text).toContain('Tue, 30 Mar 2027, 09:30–10:00 CEST (Rome)');
    expect(romeDay?.text).toContain('15:30–16:00 GMT+8 their time');
    expect(romeDay?.text).toContain('/lobby');
    expect(yantaiDay?.text).toContain('30 Mar 2027, 15:30–16:00 GMT+8 (Yantai)');
    expect(yantaiDay?.text).toContain('09:30–10:00 CEST their time');
    await at('2027-03-30T07:15:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(2);
    expect(await mails(t.app, yantai.participant.email, 'session-reminder')).toHaveLength(2);
    // Passes again over the same stretch send nothing more.
    await at('2027-03-30T07:16:00Z');
    await at('2027-03-30T08:30:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(2);
  });

  it('shows winter time after the autumn change (Sunday 31 October 2027) and mails in Chinese to a Chinese reader', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-10-28T09:00:00Z') });
    await t.app.afterMeeting.runOnce();
    // Tuesday 2 November 2027 (1 November is All Saints' Day in Rome), 08:00 UTC.
    const { rome, yantai } = await cast('2027-11-02T08:00:00Z');
    await as(t.app, yantai.sid)({ method: 'PATCH', url: '/api/me', payload: { locale: 'zh' } });
    await at('2027-11-01T08:00:00Z');
    const [romeDay] = await mails(t.app, rome.participant.email, 'session-reminder');
    expect(romeDay?.text).toContain('Tue, 2 Nov 2027, 09:00–09:30 CET (Rome)');
    const [yantaiDay] = await mails(t.app, yantai.participant.email, 'session-reminder');
    expect(yantaiDay?.subject.startsWith('提醒：')).toBe(true);
    expect(yantaiDay?.text).toContain('您的时间：2027年11月2日周二 16:00–16:30 GMT+8（烟台）');
  });

  it('sends none for a cancelled session', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, id } = await cast('2027-05-13T08:00:00Z');
    expect(
      (await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` })).statusCode,
    ).toBe(200);
    await at('2027-05-12T08:00:00Z');
    await at('2027-05-13T07:45:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(0);
  });

  it('moves with a reschedule', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, id } = await cast('2027-05-13T08:00:00Z');
    const moved = await as(
      t.app,
      rome.sid,
    )({
      method: 'PATCH',
      url: `/api/sessions/${id}`,
      payload: { start: '2027-05-14T09:00:00Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await at('2027-05-12T08:00:00Z');
    await at('2027-05-13T07:45:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(0);
    await at('2027-05-13T09:00:00Z');
    await at('2027-05-14T08:45:00Z');
    const sent = await mails(t.app, rome.participant.email, 'session-reminder');
    expect(sent).toHaveLength(2);
    expect(sent.every((m) => m.text.includes('Fri, 14 May 2027, 11:00–11:30'))).toBe(true);
  });

  it('does not send late a reminder whose time passed before the booking', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    await t.app.afterMeeting.runOnce();
    // Booked 23 hours ahead: the day-before reminder was due an hour before the booking.
    const { rome } = await cast('2027-05-11T07:00:00Z');
    await at('2027-05-10T08:01:00Z');
    expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(0);
    await at('2027-05-11T06:45:00Z');
    const sent = await mails(t.app, rome.participant.email, 'session-reminder');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('starts in 15 minutes');
  });

  it('sends each once when a second app on the same database (a restart, or another instance) looks again', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, yantai } = await cast('2027-05-12T08:00:00Z');
    const second = await buildApp(t.config, { db: t.db.db, clock: t.clock, mailSender: null });
    await second.ready();
    try {
      t.clock.set('2027-05-11T08:00:30Z');
      await Promise.all([t.app.afterMeeting.runOnce(), second.afterMeeting.runOnce()]);
      t.clock.set('2027-05-11T08:03:00Z');
      await Promise.all([t.app.afterMeeting.runOnce(), second.afterMeeting.runOnce()]);
      expect(await mails(t.app, rome.participant.email, 'session-reminder')).toHaveLength(1);
      expect(await mails(t.app, yantai.participant.email, 'session-reminder')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('after the meeting', () => {
  it('knows from the lobby who came: a stay only before the start or only after the end is absence', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, yantai, nice, id } = await cast('2027-05-11T08:00:00Z');
    await connect(t.app, rome, nice);
    const db = t.db.db;
    const start = Date.parse('2027-05-11T08:00:00Z');
    const end = Date.parse('2027-05-11T08:30:00Z');
    // Rome: early, left before the start. Yantai: came after the end.
    await insertStay(db, id, rome.participant.id, start - 10 * 60_000, true);
    await endStay(db, id, rome.participant.id, start - 60_000, false);
    await insertStay(db, id, yantai.participant.id, end + 60_000, true);
    await endStay(db, id, yantai.participant.id, end + 5 * 60_000, false);
    t.clock.set('2027-05-11T08:20:00Z');
    const during = await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${id}` });
    expect(during.json().attendance).toBeUndefined();
    t.clock.set('2027-05-11T09:00:00Z');
    const after = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${id}` })).json();
    expect(after.attendance).toEqual(
      expect.arrayContaining([
        { participantId: rome.participant.id, present: false },
        { participantId: yantai.participant.id, present: false },
      ]),
    );

    // A second meeting where Rome was there from before the start into it, and Yantai never came.
    t.clock.set('2027-05-11T09:00:00Z');
    const second = await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-12T08:00:00Z');
    const id2 = second.json().id as string;
    await insertStay(db, id2, rome.participant.id, Date.parse('2027-05-12T07:55:00Z'), true);
    await endStay(db, id2, rome.participant.id, Date.parse('2027-05-12T08:05:00Z'), false);
    t.clock.set('2027-05-12T09:00:00Z');
    const list = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/me/sessions' })).json();
    const entry = list.sessions.find((s: { id: string }) => s.id === id2);
    expect(entry.attendance).toEqual(
      expect.arrayContaining([
        { participantId: rome.participant.id, present: true },
        { participantId: yantai.participant.id, present: false },
      ]),
    );
  });

  it('takes each person’s outcome from the end on, and refuses bad ones with codes', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, yantai, nice, id } = await cast('2027-05-11T08:00:00Z');
    const put = (sid: string, payload: object) =>
      as(t.app, sid)({ method: 'PUT', url: `/api/sessions/${id}/outcome`, payload });
    t.clock.set('2027-05-11T08:29:00Z');
    const early = await put(rome.sid, { result: 'informative' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('SESSION_NOT_OVER');
    t.clock.set('2027-05-11T08:30:00Z');
    const unknown = await put(rome.sid, { result: 'great' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('UNKNOWN_RESULT');
    const long = await put(rome.sid, { result: 'informative', note: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(long.json().code).toBe('NOTE_TOO_LONG');
    const outsider = await put(nice.sid, { result: 'informative' });
    expect(outsider.statusCode).toBe(404);
    const ok = await put(rome.sid, { result: 'cooperation-possible', note: 'Joint pilot in Yantai' });
    expect(ok.statusCode, ok.body).toBe(200);
    const stage = await as(
      t.app,
      yantai.sid,
    )({
      method: 'PUT',
      url: `/api/sessions/${id}/follow-up`,
      payload: { stage: 'signed' },
    });
    expect(stage.json().code).toBe('UNKNOWN_STAGE');
    // A follow-up only after "cooperation possible": Yantai has not answered so, so it is refused
    // (it would count a pilot in the impact report that its author never saw as possible).
    const unasked = await as(
      t.app,
      yantai.sid,
    )({ method: 'PUT', url: `/api/sessions/${id}/follow-up`, payload: { stage: 'pilot-launched' } });
    expect([unasked.statusCode, unasked.json().code]).toEqual([409, 'FOLLOW_UP_NOT_ASKED']);
    // Rome's follow-up stands while Rome's answer does, and goes when Rome takes it back.
    const followUp = (sid: string) =>
      as(t.app, sid)({ method: 'PUT', url: `/api/sessions/${id}/follow-up`, payload: { stage: 'in-talks' } });
    expect((await followUp(rome.sid)).statusCode).toBe(200);
    expect((await put(rome.sid, { result: 'not-held' })).json().outcomes[0]).toMatchObject({
      result: 'not-held',
      stage: null,
    });
    expect(
      (await put(rome.sid, { result: 'cooperation-possible', note: 'Joint pilot in Yantai' })).statusCode,
    ).toBe(200);
    const seenByYantai = (await as(t.app, yantai.sid)({ method: 'GET', url: `/api/sessions/${id}` })).json();
    expect(seenByYantai.outcomes).toEqual([
      { participantId: rome.participant.id, result: 'cooperation-possible', stage: null, note: '' },
    ]);
    const seenByRome = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${id}` })).json();
    expect(seenByRome.outcomes[0].note).toBe('Joint pilot in Yantai');
  });

  it('mails both people one question at the end, with one-press links that only the page’s button uses', async () => {
    t = await makeTestApp({ env: QUIET, clock: testClock('2027-05-10T08:00:00Z') });
    const { rome, yantai, id } = await cast('2027-05-11T08:00:00Z');
    await at('2027-05-11T08:29:00Z');
    expect(await mails(t.app, rome.participant.email, 'outcome-question')).toHaveLength(0);
    await at('2027-05-11T08:30:30Z');
    await at('2027-05-11T08:31:00Z');
    const [romeQ] = await mails(t.app, rome.participant.email, 'outcome-question');
    const yantaiQs = await mails(t.app, yantai.participant.email, 'outcome-question');
    expect(yantaiQs).toHaveLength(1);
    const links = [...romeQ!.text.matchAll(/(http:\/\/twinning\.test\/sessions\/[^\s]+\/outcome\?[^\s]+)/g)]
      .slice(0, 4)
      .map((m) => new URL(m[1]!));
    expect(links.map((l) => l.searchParams.get('result'))).toEqual([
      'not-held',
      'no-interest',
      'informative',
      'cooperation-possible',
    ]);
    const link = links[3]!;
    const p = link.searchParams.get('p')!;
    const tok = link.searchParams.get('t')!;
    expect(p).toBe(rome.participant.id);

    // Opening the link (as a mail scanner does) shows the page and answers nothing.
    const page = await t.app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const before = (await as(t.app, rome.sid)({ method: 'GET', url: `/api/sessions/${id}` })).json();
    expect(before.outcomes).toEqual([]);

    // A changed token, or Rome's token with Yantai's id: a 400 page, and the answer is refused.
    const tampered = `${link.pathname}?p=${p}&t=${tok.slice(0, -2)}xx&result=informative`;
    expect((await t.app.inject({ method: 'GET', url: tampered })).statusCode).toBe(400);
    const theirs = `${link.pathname}?p=${yantai.participant.id}&t=${tok}&result=informative`;
    expect((await t.app.inject({ method: 'GET', url: theirs })).statusCode).toBe(400);
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/sessions/${id}/outcome`,
      payload: { result: 'informative', participantId: yantai.participant.id, token: tok },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('INVALID_ANSWER_LINK');
    const q = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${id}/question?kind=outcome&participantId=${p}&token=${tok}`,
    });
    expect(q.json()).toMatchObject({ title: expect.any(String), result: null, over: true });

    // The page's one press: the answer with a note, without signing in.
    const answered = await t.app.inject({
      method: 'PUT',
      url: `/api/sessions/${id}/outcome`,
      headers: { origin: 'http://twinning.test' },
      payload: { result: 'cooperation-possible', note: 'Summer school 2028', participantId: p, token: tok },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    // The follow-up link of the outcome question is not the same secret.
    const wrongKind = await t.app.inject({
      method: 'PUT',
      url: `/api/sessions/${id}/follow-up`,
      payload: { stage: 'in-talks', participantId: p, token: tok },
    });
    expect(wrongKind.json().code).toBe('INVALID_ANSWER_LINK');

    // 90 days later only Rome, who saw a possibility, is asked again, once, with the five stages.
    await at('2027-08-09T08:31:00Z');
    await at('2027-08-09T08:40:00Z');
    expect(await mails(t.app, yantai.participant.email, 'follow-up-question')).toHaveLength(0);
    const follow = await mails(t.app, rome.participant.email, 'follow-up-question');
    expect(follow).toHaveLength(1);
    const stageLinks = [
      ...follow[0]!.text.matchAll(/(http:\/\/twinning\.test\/sessions\/[^\s]+\/follow-up\?[^\s]+)/g),
    ]
      .slice(0, 5)
      .map((m) => new URL(m[1]!));
    expect(stageLinks.map((l) => l.searchParams.get('stage'))).toEqual([
      'no-contact',
      'in-talks',
      'agreement',
      'mou-signed',
      'pilot-launched',
    ]);
    const s = stageLinks[3]!;
    const staged = await t.app.inject({
      method: 'PUT',
      url: `/api/sessions/${id}/follow-up`,
      payload: {
        stage: 'mou-signed',
        participantId: s.searchParams.get('p'),
        token: s.searchParams.get('t'),
      },
    });
    expect(staged.statusCode, staged.body).toBe(200);
    expect(staged.json().outcomes).toEqual([
      {
        participantId: rome.participant.id,
        result: 'cooperation-possible',
        stage: 'mou-signed',
        note: 'Summer school 2028',
      },
    ]);
    // Asked once each, whatever passes follow.
    await at('2027-08-10T08:40:00Z');
    expect(await mails(t.app, rome.participant.email, 'outcome-question')).toHaveLength(1);
    expect(await mails(t.app, rome.participant.email, 'follow-up-question')).toHaveLength(1);
  });
});
